import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../../server/db/db.js';

/**
 * The test servers' logs. With TEST_LOG_DIR set (`npm test` sets it for every step that starts a
 * server: scripts/test.mjs), every server the helpers start — in the test's process or as its own
 * (server-process.ts) — logs at `trace` into a file of its own in that directory (so no two writers
 * share a file: no interleaved lines), and the helpers write beside them (`secrets-<pid>.ndjson`)
 * every person's data, login, password and token the tests and the seed used, for the run's final
 * scan (test/support/log-scan.ts, the `log-scan` step) to look for.
 */
const logDir = (): string | undefined => process.env.TEST_LOG_DIR || undefined;

let files = 0;
/** A new file in the run's log directory, named by this process and a counter. */
function newLogFile(dir: string, prefix: string): string {
  mkdirSync(dir, { recursive: true });
  files += 1;
  return join(dir, `${prefix}-${process.pid}-${files}.ndjson`);
}

/**
 * The log options of an in-process server: `trace` into a file of its own while a run collects logs
 * (or in the directory given: a test that scans its own server's lines).
 */
export function testLogging(dir: string | undefined = logDir()): { logLevel: string; logFile?: string } {
  return dir ? { logLevel: 'trace', logFile: newLogFile(dir, 'server') } : { logLevel: 'warn' };
}

/**
 * The same for a server started as its own process (server/main.ts reads LOG_LEVEL and LOG_FILE).
 * A test that checks what the process prints on stdout (it sets LOG_FORMAT) keeps its stdout: those
 * lines are not collected (docs/reliability.md, Known limits).
 */
export function testLoggingEnv(env: Record<string, string>): Record<string, string> {
  const dir = logDir();
  if (!dir) return {};
  return env.LOG_FORMAT ? { LOG_LEVEL: 'trace' } : { LOG_LEVEL: 'trace', LOG_FILE: newLogFile(dir, 'process') };
}

export type SecretKind = 'iin' | 'phone' | 'name' | 'password' | 'login' | 'token';

/** The file this process records the run's secrets in. */
export const secretsFileName = (pid: number) => `secrets-${pid}.ndjson`;

const recorded = new Set<string>();

/**
 * Notes values no log line may hold, each once per process: in the run's log directory (only while a
 * run collects logs), or in the one given (a test that scans its own server's lines).
 */
export function recordSecrets(
  entries: { kind: SecretKind; value: string | null | undefined }[],
  dir: string | undefined = logDir(),
): void {
  if (!dir) return;
  const lines = entries
    .filter(({ value }) => value)
    .map(({ kind, value }) => JSON.stringify({ kind, value }))
    .filter((line) => !recorded.has(`${dir}\n${line}`) && recorded.add(`${dir}\n${line}`));
  if (!lines.length) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, secretsFileName(process.pid)), lines.join('\n') + '\n');
}

/** Notes a value no log line may hold (only while a run collects logs). */
export function recordSecret(kind: SecretKind, value: string | null | undefined): void {
  recordSecrets([{ kind, value }]);
}

/** Where a database keeps people's data: each query lists one kind of value. */
const PERSONAL_DATA: string[] = [
  `select 'iin' as kind, iin as value from applicants
   union select 'name', trim(child_last_name || ' ' || child_first_name || ' ' || child_middle_name) from applicants
   union select 'name', representative_full_name from applicants
   union select 'phone', representative_phone from applicants
   union select 'login', login from applicants where login is not null`,
  `select 'name' as kind, full_name as value from staff union select 'login', login from staff`,
  `select 'iin' as kind, child_iin as value from referrals
   union select 'name', child_full_name from referrals
   union select 'name', representative_full_name from referrals
   union select 'phone', representative_phone from referrals`,
  `select 'iin' as kind, child_iin as value from enrollments
   union select 'name', child_full_name from enrollments
   union select 'name', representative_full_name from enrollments
   union select 'phone', representative_phone from enrollments`,
  `select 'name' as kind, full_name as value from department_accounts
   union select 'login', login from department_accounts`,
];

/**
 * Notes every person's data a test database holds (children, representatives, staff, department
 * accounts), before it closes: whatever a test or the seed wrote there. A database without some of
 * these tables (not migrated, or already closed) gives what it has.
 */
export async function recordPersonalData(db: Queryable, dir: string | undefined = logDir()): Promise<void> {
  if (!dir) return;
  for (const sql of PERSONAL_DATA) {
    recordSecrets(await db.query<{ kind: SecretKind; value: string }>(sql).catch(() => []), dir);
  }
}
