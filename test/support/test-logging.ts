import { appendFileSync } from 'node:fs';
import type { Queryable } from '../../server/db/db.js';

/**
 * The test servers' logs. With TEST_LOG_FILE set (test/integration/log-scan.test.ts sets it for the
 * run it scans; `npm test` for the whole integration suite), every server the helpers start logs
 * at `trace` into that one file, and the helpers write beside it (`<file>.secrets`) every person's
 * data, password and token the run used, for the scan (test/support/log-scan.ts) to look for.
 */
const logFile = () => process.env.TEST_LOG_FILE || undefined;

/** The log options of an in-process server. */
export function testLogging(): { logLevel: string; logFile?: string } {
  const file = logFile();
  return file ? { logLevel: 'trace', logFile: file } : { logLevel: 'warn' };
}

/** The same for a server started as its own process (server/main.ts reads LOG_LEVEL and LOG_FILE). */
export function testLoggingEnv(): Record<string, string> {
  const file = logFile();
  return file ? { LOG_LEVEL: 'trace', LOG_FILE: file } : {};
}

export type SecretKind = 'iin' | 'phone' | 'name' | 'password' | 'login' | 'token';

/** Notes a value no log line may hold (only while a scanned run collects logs). */
export function recordSecret(kind: SecretKind, value: string | null | undefined): void {
  const file = logFile();
  if (!file || !value) return;
  appendFileSync(`${file}.secrets`, JSON.stringify({ kind, value }) + '\n');
}

/** Notes every person's data a test database holds (children, representatives, staff), before it closes. */
export async function recordPersonalData(db: Queryable): Promise<void> {
  if (!logFile()) return;
  const rows = await db.query<{ kind: SecretKind; value: string }>(
    `select 'iin' as kind, iin as value from applicants
     union select 'name', trim(child_last_name || ' ' || child_first_name || ' ' || child_middle_name) from applicants
     union select 'name', representative_full_name from applicants
     union select 'phone', representative_phone from applicants
     union select 'login', login from applicants where login is not null
     union select 'name', full_name from staff
     union select 'iin', child_iin from referrals
     union select 'name', child_full_name from referrals
     union select 'iin', child_iin from enrollments
     union select 'name', child_full_name from enrollments`,
  );
  for (const row of rows) recordSecret(row.kind, row.value);
}
