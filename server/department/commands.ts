import type { EveryDeclaredCodeReturned, UnreturnedRejections } from '../../shared/commands/by-kind.js';
import {
  departmentCommandPayloads,
  departmentCommandRejections,
  type departmentCommandTable,
  SECRET_PAYLOAD_FIELDS,
  isDepartmentCommandKind,
  mayDepartment,
  type DepartmentCommandKind,
  type DepartmentCommandOutcome,
  type DepartmentCommandPayload,
  type DepartmentCommandRejection,
  type DepartmentCommandRequest,
} from '../../shared/commands/department-commands.js';
import { refuse, type Rejection, type Verdict } from '../../shared/commands/rejection.js';
import type { DepartmentAuditAction } from '../../shared/department/audit-actions.js';
import { writeAudit } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { checkDeclared } from '../executor/undeclared-rejections.js';
import {
  blockApplicantAccount,
  createStaff,
  disableStaffAccount,
  resetStaffAccountPassword,
  revokeStaffDevice,
  signOutApplicant,
  unblockApplicantAccount,
  unlockApplicantSignIn,
  unlockStaffSignIn,
} from './account-commands.js';
import { createAccount, disableAccount } from './accounts.js';
import { changeCitySettings, deleteCalendarDay, setCalendarDay } from './calendar.js';
import { approveEntries, returnEntry, type DecisionContext } from './schedule.js';
import type { DepartmentContext } from './sessions.js';

/** A department kind's handler: it refuses only with its kind's declared codes (`rejections`). */
type Handler<K extends DepartmentCommandKind> = (
  ctx: DecisionContext,
  payload: DepartmentCommandPayload<K>,
) => Promise<Verdict<DepartmentCommandRejection<K>>>;

/**
 * One handler per department command kind, inside the command's transaction; its refusal codes are
 * inferred and checked against its kind's declared codes both ways, as the staff handlers' are
 * (server/executor/handlers.ts).
 */
export const departmentHandlers = {
  'scheduleEntry.approve': approveEntries,
  'scheduleEntry.return': returnEntry,
  'departmentAccount.create': createAccount,
  'departmentAccount.disable': disableAccount,
  'calendarDay.set': setCalendarDay,
  'calendarDay.delete': deleteCalendarDay,
  'regionalSettings.change': changeCitySettings,
  'staff.create': createStaff,
  'staff.disable': disableStaffAccount,
  'staff.resetPassword': resetStaffAccountPassword,
  'deviceSession.revoke': revokeStaffDevice,
  'staff.unlockSignIn': unlockStaffSignIn,
  'applicant.block': blockApplicantAccount,
  'applicant.unblock': unblockApplicantAccount,
  'applicant.signOut': signOutApplicant,
  'applicant.unlockSignIn': unlockApplicantSignIn,
} satisfies { [K in DepartmentCommandKind]: Handler<K> };

/** The payload as stored and audited: without a password or any other secret. */
const storable = (payload: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(payload).filter(([key]) => !SECRET_PAYLOAD_FIELDS.includes(key)));

interface StoredRow {
  id: string;
  account_id: string;
  kind: string;
  status: 'applied' | 'rejected';
  rejection: Rejection | null;
  executed_at: Date;
}

const outcomeOf = (row: StoredRow): DepartmentCommandOutcome => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  rejection: row.rejection,
  executedAt: new Date(row.executed_at).toISOString(),
});

async function stored(q: Queryable, id: string): Promise<StoredRow | null> {
  const [row] = await q.query<StoredRow>(
    'select id, account_id, kind, status, rejection, executed_at from department_commands where id = $1',
    [id],
  );
  return row ?? null;
}

/**
 * Executes a department command exactly once: an id seen before answers its stored outcome and
 * executes nothing (a retry after a lost answer is safe); an id another account used is refused
 * and reveals nothing of it. The decision, its stored outcome and its audit rows commit together;
 * a refused command leaves nothing but its stored refusal and one audit row.
 */
export async function executeDepartmentCommand(
  db: Db,
  clock: Clock,
  department: DepartmentContext,
  command: DepartmentCommandRequest,
): Promise<DepartmentCommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const known = await stored(tx, command.id);
        if (known) {
          if (known.account_id === department.accountId) return outcomeOf(known);
          return {
            id: command.id,
            kind: command.kind,
            status: 'rejected',
            rejection: { code: 'forbidden', params: {} },
            executedAt: clock.now().toISOString(),
          };
        }
        const now = clock.now();
        await tx.exec('savepoint command');
        const verdict = await decide({ tx, department, commandId: command.id, now }, command);
        if (!verdict.ok) await tx.exec('rollback to savepoint command');
        const [row] = await tx.query<StoredRow>(
          `insert into department_commands (id, account_id, city_id, kind, payload, status, rejection, executed_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           returning id, account_id, kind, status, rejection, executed_at`,
          [
            command.id,
            department.accountId,
            department.cityId,
            command.kind,
            JSON.stringify(storable(command.payload)),
            verdict.ok ? 'applied' : 'rejected',
            verdict.ok ? null : JSON.stringify(verdict.rejection),
            now,
          ],
        );
        await writeAudit(tx, {
          at: now,
          departmentAccountId: department.accountId,
          // An unknown kind is stored as sent, refused (`unknown_kind`): its action names it all the same.
          action: `department.${command.kind}` as DepartmentAuditAction,
          objectType: 'department_command',
          objectId: command.id,
          details: { verdict },
        });
        return outcomeOf(row!);
      });
    } catch (error) {
      // The same id sent twice at once: the other one stored it; answer its outcome.
      if ((error as { code?: string } | null)?.code !== '23505' || attempt >= 3) throw error;
    }
  }
}

async function decide(ctx: DecisionContext, command: DepartmentCommandRequest): Promise<Verdict> {
  if (!isDepartmentCommandKind(command.kind)) return refuse('unknown_kind', { kind: command.kind });
  if (!mayDepartment(ctx.department.role, command.kind))
    return refuse('forbidden', { role: ctx.department.role, kind: command.kind });
  const parsed = departmentCommandPayloads[command.kind].safeParse(command.payload);
  if (!parsed.success) return refuse('invalid_payload', { field: parsed.error.issues[0]?.path.join('.') ?? '' });
  // The registry is keyed by kind; TypeScript cannot correlate kind and payload through the union.
  const handler = departmentHandlers[command.kind] as (c: DecisionContext, p: unknown) => Promise<Verdict>;
  const verdict = await handler(ctx, parsed.data);
  // The compiler holds a handler to its kind's codes; this reports one that got past it (a cast).
  if (!verdict.ok)
    checkDeclared('department', command.kind, departmentCommandRejections[command.kind], verdict.rejection.code);
  return verdict;
}

/** Fails to compile naming a kind and a code it declares that its handler never returns. */
type _Exact = EveryDeclaredCodeReturned<UnreturnedRejections<typeof departmentCommandTable, typeof departmentHandlers>>;
