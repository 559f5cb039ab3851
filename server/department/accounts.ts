import type { DepartmentCommandPayload } from '../../shared/commands/department-commands.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import { hashPassword } from '../auth/password.js';
import type { DecisionContext } from './schedule.js';
import { revokeDepartmentSessions } from './sessions.js';
import type { DepartmentAuditAction } from '../../shared/department/audit-actions.js';
import { writeAudit } from '../audit/audit-log.js';

async function audit(
  ctx: DecisionContext,
  action: DepartmentAuditAction,
  accountId: string,
  details: Record<string, unknown>,
) {
  await writeAudit(ctx.tx, {
    at: ctx.now,
    departmentAccountId: ctx.department.accountId,
    action,
    objectType: 'department_account',
    objectId: accountId,
    details: { commandId: ctx.commandId, ...details },
  });
}

/** An administrator issues a department account of the own city (the admin CLI's department:create). */
export async function createAccount(ctx: DecisionContext, p: DepartmentCommandPayload<'departmentAccount.create'>) {
  const { tx, department, now } = ctx;
  if ((await tx.query('select 1 from department_accounts where lower(login) = lower($1)', [p.login])).length)
    return refuse('login_taken', { login: p.login });
  if ((await tx.query('select 1 from department_accounts where id = $1', [p.accountId])).length)
    return refuse('duplicate_id', { id: p.accountId });
  await tx.query(
    `insert into department_accounts (id, city_id, login, full_name, role, password_hash, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [p.accountId, department.cityId, p.login, p.fullName, p.role, await hashPassword(p.password), now],
  );
  await audit(ctx, 'department.departmentAccount.create', p.accountId, { login: p.login, role: p.role });
  return allowed;
}

/** An administrator disables a department account of the own city, never their own; its sessions end at once. */
export async function disableAccount(
  ctx: DecisionContext,
  { accountId }: DepartmentCommandPayload<'departmentAccount.disable'>,
) {
  const { tx, department, now } = ctx;
  if (accountId === department.accountId) return refuse('own_account', {});
  const [account] = await tx.query<{ disabled_at: Date | null }>(
    'select disabled_at from department_accounts where id = $1 and city_id = $2 for update',
    [accountId, department.cityId],
  );
  if (!account) return refuse('not_found', { object: 'departmentAccount', id: accountId });
  if (account.disabled_at) return refuse('account_disabled', {});
  await tx.query('update department_accounts set disabled_at = $2 where id = $1', [accountId, now]);
  const revoked = await revokeDepartmentSessions(tx, accountId, now);
  await audit(ctx, 'department.departmentAccount.disable', accountId, { revokedSessions: revoked });
  return allowed;
}
