import { existsSync, readFileSync } from 'node:fs';
import type { SecretKind } from './test-logging.js';

export interface LogFinding {
  kind: SecretKind | 'iin-like' | 'token-like';
  /** The line number in the log file (1-based). */
  line: number;
  excerpt: string;
}

/** Passwords and logins this short or this common would match ordinary words: not looked for. */
const TOO_GENERIC = new Set(['head', 'staff', 'admin', 'parent', 'password']);

/**
 * Every log line of a run that holds a person's data, a password, a login or a token: each value
 * recorded in `<file>.secrets` (test/support/test-logging.ts), plus anything shaped like an IIN
 * (12 digits) or a session token (43 base64url characters), whoever used it.
 */
export function scanLogs(file: string): { lines: number; secrets: number; findings: LogFinding[] } {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const secretsFile = `${file}.secrets`;
  const secrets = new Map<string, SecretKind>();
  if (existsSync(secretsFile)) {
    for (const raw of readFileSync(secretsFile, 'utf8').split('\n').filter(Boolean)) {
      const { kind, value } = JSON.parse(raw) as { kind: SecretKind; value: string };
      if (value.trim().length >= 4 && !TOO_GENERIC.has(value.toLowerCase())) secrets.set(value, kind);
    }
  }
  const findings: LogFinding[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    const excerpt = text.slice(0, 300);
    for (const [value, kind] of secrets) if (text.includes(value)) findings.push({ kind, line, excerpt });
    if (/(?<![\d.])\d{12}(?![\d.])/.test(text)) findings.push({ kind: 'iin-like', line, excerpt });
    if (/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/.test(text)) {
      findings.push({ kind: 'token-like', line, excerpt });
    }
  });
  return { lines: lines.length, secrets: secrets.size, findings };
}
