import type { AuditAction } from '../../shared/department/audit-actions.js';
import type { Queryable } from '../db/db.js';

/**
 * The one writer of `audit_log` (migration 0001, `department_account_id` from 0010): every audit
 * row the server's TypeScript writes goes through `writeAudit`, `writeAudits` or `auditInsertFrom`
 * below, so its columns and their meaning are spelled in this file only (a guard test,
 * test/layering/one-audit-writer.test.ts, fails when another production file inserts into it).
 *
 * The one other writer is SQL: the plpgsql function `claim_writes` (migration 0016), which writes
 * a claim's referral, its seat and its `referral.claim` entry in one call, so that a claim costs one
 * round trip and is all or nothing without a transaction held open across the network; it writes
 * the same columns (at, kindergarten_id, staff_id, action, object_type, object_id, details).
 */

/** One audit row. Who acted is a staff member, a department account, or neither (the admin CLI, a job). */
export interface AuditEntry {
  at: Date;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  kindergartenId?: string | null;
  staffId?: string | null;
  departmentAccountId?: string | null;
  /** Stored as JSON; `{}` when absent. */
  details?: unknown;
}

const columns = [
  'at',
  'kindergarten_id',
  'staff_id',
  'department_account_id',
  'action',
  'object_type',
  'object_id',
  'details',
] as const;
export type AuditColumn = (typeof columns)[number];

const rowOf = (e: AuditEntry): unknown[] => [
  e.at,
  e.kindergartenId ?? null,
  e.staffId ?? null,
  e.departmentAccountId ?? null,
  e.action,
  e.objectType,
  e.objectId,
  JSON.stringify(e.details ?? {}),
];

/** Writes one audit row with `q`: pass the change's transaction so both commit together. */
export async function writeAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(`insert into audit_log (${columns.join(', ')}) values ($1, $2, $3, $4, $5, $6, $7, $8)`, rowOf(entry));
}

/** Writes several audit rows in one statement (a bulk decision: one row per object it changed). */
export async function writeAudits(q: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map(rowOf);
  await q.query(
    `insert into audit_log (${columns.join(', ')})
     select * from unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
    columns.map((_, i) => rows.map((row) => row[i])),
  );
}

/**
 * The `insert into audit_log` of a statement that writes its audit rows together with other rows
 * (the staff push stores a batch of commands and their entries in one statement). `select` yields
 * one row per entry whose columns are named as `names` (at, action and object_type at least); the
 * rows are inserted by those names, so a misnamed column is an error, never a shifted value.
 */
export function auditInsertFrom(select: string, names: readonly AuditColumn[]): string {
  const list = names.join(', ');
  return `insert into audit_log (${list}) select ${list} from (${select}) as entry`;
}
