import { closeSync, openSync, writeSync } from 'node:fs';
import pinoPretty from 'pino-pretty';

/**
 * What the server's logs may hold: never a person's data (IIN, phone, name), a password, a login
 * or a token, at any level, on either database. By construction:
 * - errors are logged through `safeError`: type, code, a scrubbed message and the stack frames —
 *   never the statement's parameters, its text, or PostgreSQL's `detail`/`where` (which quote
 *   row values), whatever the driver attaches (PGlite's error carries `params`);
 * - a request is logged by method, path and status only: no query string, no headers, no body;
 * - every message string passes `scrubText` (quoted literals and long digit runs removed);
 * - any field named like a secret is censored wherever a log call puts it.
 * `npm test` runs every server of every suite at `trace` and scans all their lines (its `log-scan`
 * step, test/support/log-scan.ts).
 */

/** Quoted values, `(key)=(value)` pairs and runs of 6+ digits (IINs, phones) out of a message. */
export function scrubText(text: string): string {
  return text
    .replace(/\((?:[^()]*)\)=\((?:[^()]*)\)/g, '(…)=(…)')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\+?\d[\d ()-]{4,}\d/g, '#');
}

export interface SafeError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error as a log line may show it. */
export function safeError(error: unknown): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error]', stack: '' };
  const code = (error as { code?: unknown }).code;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    message: scrubText(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    stack: [`${error.name}: ${scrubText(error.message)}`, ...frames].join('\n'),
    ...(error.cause !== undefined ? { cause: safeError(error.cause) } : {}),
  };
}

const SECRET_KEYS = ['password', 'login', 'token', 'authorization', 'cookie', 'params', 'query', 'detail', 'body'];

interface Request {
  method?: string;
  url?: string;
  ip?: string;
}

export type LogFormat = 'json' | 'pretty';

/**
 * A log file, appended to one whole line per write (so several processes may share it) through a
 * descriptor held open — one system call a line, cheap enough for `trace`. `close()` gives the
 * descriptor back (the server's close); a line logged after it opens the file again.
 */
export class LogFile {
  #fd: number | null = null;
  constructor(readonly path: string) {}
  write(line: string): void {
    this.#fd ??= openSync(this.path, 'a');
    writeSync(this.#fd, line);
  }
  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

/** Where the lines go: a file (JSON, appended), else stdout as JSON or pretty. */
function logStream(format: LogFormat, file: string | undefined) {
  if (file) return { stream: new LogFile(file) };
  if (format === 'pretty')
    return {
      stream: pinoPretty({ translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true }),
    };
  return {};
}

/**
 * Fastify/pino options: the level, the rules above, and the format — `json` writes pino's one
 * object a line (what a log collector reads); `pretty` a readable line per entry (time, level,
 * message) for a person at a terminal (`npm start`); a file always gets JSON.
 */
export function loggerOptions(level: string, output: { format?: LogFormat; file?: string } = {}) {
  return {
    level,
    ...logStream(output.format ?? 'json', output.file),
    redact: {
      paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
      censor: '[redacted]',
    },
    serializers: {
      err: safeError,
      error: safeError,
      req: (request: Request) => ({
        method: request.method,
        url: (request.url ?? '').split('?')[0],
        remoteAddress: request.ip,
      }),
    },
    hooks: {
      // pino takes an Error's own message as the line's message: it is scrubbed like any other.
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, ...rest] = args;
        const lead = first instanceof Error ? [{ err: first }, rest.length ? rest.shift() : first.message] : [first];
        method.apply(
          this,
          [...lead, ...rest].map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)),
        );
      },
    },
  };
}
