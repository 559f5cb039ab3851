import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { demoPasswords } from '../../server/demo/seed-city.js';
import type { SecretKind } from './test-logging.js';

/**
 * The scan of a test run's logs (issue 17, point 3): no log line, at any level, holds a person's
 * IIN, phone or name, a password, a login or a token. `npm test` collects every server's lines at
 * `trace` into one directory (test/support/test-logging.ts) and its `log-scan` step runs this over
 * it: each value the tests and the seed used (recorded in the directory's `secrets-*.ndjson`, plus
 * the seed's own passwords), and anything shaped like an IIN, a Kazakhstan phone or a session token.
 */

export type FindingKind = SecretKind | 'iin-like' | 'phone-like' | 'token-like';

export interface LogFinding {
  kind: FindingKind;
  /** The log file, relative to the scanned directory. */
  file: string;
  /** The line in that file (1-based). */
  line: number;
  /** What was found, masked: its first two characters and its length — never the value itself. */
  masked: string;
  /** The start of the line with every finding replaced by its kind. */
  excerpt: string;
}

export interface LogScan {
  files: number;
  lines: number;
  /** The lines of each step: the first directory of a file's path (`npm test` gives each step one). */
  linesByStep: Record<string, number>;
  secrets: number;
  findings: LogFinding[];
}

/**
 * The words of the server's own routes (`/api/department/reports/queue` gives `department`,
 * `reports`, `queue`): every request line holds them, so a test's login or name equal to one of them
 * would be "found" in every request to that route. Read from the route declarations themselves.
 */
function routeWords(): string[] {
  const routes = join(dirname(fileURLToPath(import.meta.url)), '../../server/http/routes');
  return readdirSync(routes)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(join(routes, file), 'utf8').matchAll(/url: ['`](\/[^'`]*)['`]/g)])
    .flatMap((match) => match[1]!.split(/[/?&=]/))
    .filter((word) => /^[a-z][a-z-]*$/i.test(word))
    .map((word) => word.toLowerCase());
}

/** Values this short or this common would match ordinary words or the routes' own: not looked for. */
export const TOO_GENERIC = new Set(['head', 'staff', 'admin', 'parent', 'password', 'test', ...routeWords()]);

/** The passwords the seeds set (their logins are too generic to look for). */
const SEED_SECRETS: { kind: SecretKind; value: string }[] = [
  ...demoAccounts.map((account) => ({ kind: 'password' as const, value: account.password })),
  ...Object.values(demoPasswords).map((value) => ({ kind: 'password' as const, value })),
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const SHAPES: { kind: FindingKind; pattern: RegExp }[] = [
  // 12 digits standing alone (not inside a longer number, a decimal or a word such as a hash).
  { kind: 'iin-like', pattern: /(?<![0-9A-Za-z.])\d{12}(?![0-9A-Za-z.])/g },
  // +7 and ten digits, or 8 7xx…, however spaced or bracketed.
  {
    kind: 'phone-like',
    pattern: /(?:\+7|(?<![\d.])8(?=[ (-]*7))[ (-]*\d{3}[ )-]*\d{3}[ -]*\d{2}[ -]*\d{2}(?!\d)/g,
  },
  // A session token: 43 base64url characters with lower case, upper case and digits among them.
  {
    kind: 'token-like',
    pattern:
      /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
];

/** Many words found in one pass over a text (Aho–Corasick over UTF-16 code units). */
class WordFinder {
  readonly #next: Map<number, number>[] = [new Map()];
  readonly #fail: number[] = [0];
  readonly #ends: number[][] = [[]];

  constructor(words: readonly string[]) {
    words.forEach((word, index) => {
      let state = 0;
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        let next = this.#next[state]!.get(code);
        if (next === undefined) {
          next = this.#next.length;
          this.#next.push(new Map());
          this.#fail.push(0);
          this.#ends.push([]);
          this.#next[state]!.set(code, next);
        }
        state = next;
      }
      this.#ends[state]!.push(index);
    });
    const queue = [...this.#next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [code, next] of this.#next[state]!) {
        let fallback = this.#fail[state]!;
        while (fallback && !this.#next[fallback]!.has(code)) fallback = this.#fail[fallback]!;
        const target = this.#next[fallback]!.get(code) ?? 0;
        this.#fail[next] = target;
        this.#ends[next] = [...this.#ends[next]!, ...this.#ends[target]!];
        queue.push(next);
      }
    }
  }

  /** The indices of the words the text contains. */
  find(text: string): Set<number> {
    const found = new Set<number>();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      while (state && !this.#next[state]!.has(code)) state = this.#fail[state]!;
      state = this.#next[state]!.get(code) ?? 0;
      for (const index of this.#ends[state]!) found.add(index);
    }
    return found;
  }
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Whether the value occurs in the line other than as a run of digits inside a longer one: a recorded
 * IIN of twelve zeros is not in a response time of 6.510000000000008 ms, nor an IIN in a longer
 * number. A value that starts (ends) with a digit must not have a digit before (after) it.
 */
function standsAlone(line: string, value: string): boolean {
  for (let at = line.indexOf(value); at !== -1; at = line.indexOf(value, at + 1)) {
    const before = isDigit(value[0]) && isDigit(line[at - 1]);
    const after = isDigit(value[value.length - 1]) && isDigit(line[at + value.length]);
    if (!before && !after && !isUuidGroup(line, at, value.length)) return true;
  }
  return false;
}

const HEX = /^[0-9a-f]$/i;
/**
 * Whether the characters at [at, at + length) are a whole group of a UUID (8-4-4-4-12 hex digits):
 * an id, not data — a fuzzed UUID such as 9fab45d5-001c-1000-8000-000000000010 holds a test's
 * counter-made IIN 000000000010 as its last group.
 */
function isUuidGroup(line: string, at: number, length: number): boolean {
  let start = at;
  while (start > 0 && (HEX.test(line[start - 1]!) || line[start - 1] === '-')) start--;
  let end = at + length;
  while (end < line.length && (HEX.test(line[end]!) || line[end] === '-')) end++;
  const run = line.slice(start, end);
  const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  for (let m = uuids.exec(run); m; m = uuids.exec(run)) {
    const from = start + m.index;
    const groups = [8, 4, 4, 4, 12];
    let groupAt = from;
    for (const size of groups) {
      if (groupAt === at && size === length) return true;
      groupAt += size + 1;
    }
  }
  return false;
}

/** A value as a report may show it: two characters and the length. */
export const maskSecret = (value: string) => `${value.slice(0, 2)}…(${value.length})`;

/** Every value the run recorded (each `secrets-*.ndjson` in the directory) and the seeds' passwords. */
function readSecrets(dir: string, files: string[]): Map<string, SecretKind> {
  const secrets = new Map<string, SecretKind>();
  const note = ({ kind, value }: { kind: SecretKind; value: string }) => {
    if (value.trim().length >= 4 && !TOO_GENERIC.has(value.trim().toLowerCase())) secrets.set(value, kind);
  };
  SEED_SECRETS.forEach(note);
  for (const file of files.filter(isSecretsFile)) {
    for (const raw of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (raw) note(JSON.parse(raw) as { kind: SecretKind; value: string });
    }
  }
  return secrets;
}

const isSecretsFile = (file: string) => /(^|\/)secrets-[^/]*\.ndjson$/.test(file);

/** Every file under the directory, relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Scans every log file under `dir` (all but the secrets files) line by line. */
export function scanLogDir(dir: string): LogScan {
  const files = listFiles(dir);
  const secrets = readSecrets(dir, files);
  const words = [...secrets.keys()];
  const finder = new WordFinder(words);
  const logFiles = files.filter((file) => !isSecretsFile(file));
  const findings: LogFinding[] = [];
  const linesByStep: Record<string, number> = {};
  let lines = 0;
  for (const file of logFiles) {
    const step = file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
    const text = readFileSync(join(dir, file), 'utf8');
    let start = 0;
    for (let number = 1; start < text.length; number++) {
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end === -1 ? text.length : end);
      start = end === -1 ? text.length : end + 1;
      if (!line) continue;
      lines += 1;
      linesByStep[step] = (linesByStep[step] ?? 0) + 1;
      const found: { kind: FindingKind; value: string }[] = [...finder.find(line)]
        .filter((index) => standsAlone(line, words[index]!))
        .map((index) => ({ kind: secrets.get(words[index]!)!, value: words[index]! }));
      const shapesOf = line.replace(UUID, '');
      for (const { kind, pattern } of SHAPES) {
        for (const [value] of shapesOf.matchAll(pattern)) {
          if (!found.some((f) => f.value.includes(value))) found.push({ kind, value });
        }
      }
      if (!found.length) continue;
      const excerpt = found.reduce((text, { kind, value }) => text.split(value).join(`«${kind}»`), line).slice(0, 240);
      for (const { kind, value } of found)
        findings.push({ kind, file, line: number, masked: maskSecret(value), excerpt });
    }
  }
  return { files: logFiles.length, lines, linesByStep, secrets: secrets.size, findings };
}

/**
 * The verdict on a run: the problems, none when it passes — a step that wrote fewer lines than its
 * floor proves nothing (trace logs every request), and every finding is one.
 */
export function judgeLogScan(scan: LogScan, floors: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const [step, floor] of Object.entries(floors)) {
    const lines = scan.linesByStep[step] ?? 0;
    if (lines < floor)
      problems.push(`the ${step} step wrote ${lines} log lines, fewer than the ${floor} it writes at trace`);
  }
  for (const f of scan.findings) problems.push(`${f.file}:${f.line}: ${f.kind} ${f.masked} in: ${f.excerpt}`);
  return problems;
}
