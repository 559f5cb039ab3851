import type { DepartmentCommandKind, DepartmentCommandPayload } from '../../shared/commands/department-commands.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import {
  deviceSessionForUpdate,
  disableStaff,
  insertStaff,
  resetStaffPassword,
  revokeDeviceSession,
} from '../accounts/staff-accounts.js';
import { revokeParentSessions } from '../auth/parent-sessions.js';
import { hashPassword } from '../auth/password.js';
import { unlockSignIn } from '../auth/sign-in-limit.js';
import { blockApplicantIn, unblockApplicant } from '../intake/blocking.js';
import { writeAudit } from '../audit/audit-log.js';
import type { DecisionContext } from './schedule.js';

/**
 * The console's account commands (department-commands.ts): staff accounts of the city's
 * kindergartens and applicant accounts of the city. Each one is the same change the admin CLI
 * makes (server/accounts, server/intake/blocking.ts, server/auth), audited as the department's.
 */

async function audit(
  ctx: DecisionContext,
  entry: { action: DepartmentCommandKind; kindergartenId: string | null; objectType: string; objectId: string },
  details: Record<string, unknown> = {},
) {
  await writeAudit(ctx.tx, {
    at: ctx.now,
    kindergartenId: entry.kindergartenId,
    departmentAccountId: ctx.department.accountId,
    action: `department.${entry.action}`,
    objectType: entry.objectType,
    objectId: entry.objectId,
    details: { commandId: ctx.commandId, ...details },
  });
}

/** A staff account of the department's city, locked; another city's is as if it did not exist. */
async function cityStaff(ctx: DecisionContext, staffId: string) {
  const [row] = await ctx.tx.query<{ id: string; login: string; kindergarten_id: string; disabled_at: Date | null }>(
    `select s.id, s.login, s.kindergarten_id, s.disabled_at
       from staff s join kindergartens k on k.id = s.kindergarten_id
      where s.id = $1 and k.city_id = $2
        for update of s`,
    [staffId, ctx.department.cityId],
  );
  return row ?? null;
}

/** An applicant of the department's city (null for another city's). */
async function cityApplicant(ctx: DecisionContext, applicantId: string) {
  const [row] = await ctx.tx.query<{ id: string; login: string | null; blocked_at: Date | null }>(
    'select id, login, blocked_at from applicants where id = $1 and city_id = $2',
    [applicantId, ctx.department.cityId],
  );
  return row ?? null;
}

export async function createStaff(ctx: DecisionContext, p: DepartmentCommandPayload<'staff.create'>) {
  const [kindergarten] = await ctx.tx.query<{ id: string }>(
    'select id from kindergartens where id = $1 and city_id = $2 and not deleted',
    [p.kindergartenId, ctx.department.cityId],
  );
  if (!kindergarten) return refuse('not_found', { object: 'kindergarten', id: p.kindergartenId });
  if ((await ctx.tx.query('select 1 from staff where id = $1', [p.staffId])).length)
    return refuse('duplicate_id', { id: p.staffId });
  const inserted = await insertStaff(ctx.tx, {
    id: p.staffId,
    kindergartenId: kindergarten.id,
    login: p.login,
    fullName: p.fullName,
    position: p.position,
    role: p.role,
    passwordHash: await hashPassword(p.password),
    now: ctx.now,
  });
  if (!inserted.ok) return refuse('login_taken', { login: p.login });
  await audit(
    ctx,
    { action: 'staff.create', kindergartenId: kindergarten.id, objectType: 'staff', objectId: p.staffId },
    { login: p.login, role: p.role, position: p.position },
  );
  return allowed;
}

export async function disableStaffAccount(
  ctx: DecisionContext,
  { staffId }: DepartmentCommandPayload<'staff.disable'>,
) {
  const staff = await cityStaff(ctx, staffId);
  if (!staff) return refuse('not_found', { object: 'staff', id: staffId });
  if (staff.disabled_at) return refuse('account_disabled', {});
  const revoked = await disableStaff(ctx.tx, staff.id, ctx.now);
  await audit(
    ctx,
    { action: 'staff.disable', kindergartenId: staff.kindergarten_id, objectType: 'staff', objectId: staff.id },
    { login: staff.login, revokedSessions: revoked },
  );
  return allowed;
}

export async function resetStaffAccountPassword(
  ctx: DecisionContext,
  { staffId, password }: DepartmentCommandPayload<'staff.resetPassword'>,
) {
  const staff = await cityStaff(ctx, staffId);
  if (!staff) return refuse('not_found', { object: 'staff', id: staffId });
  if (staff.disabled_at) return refuse('account_disabled', {});
  const revoked = await resetStaffPassword(ctx.tx, staff.id, await hashPassword(password), ctx.now);
  await audit(
    ctx,
    { action: 'staff.resetPassword', kindergartenId: staff.kindergarten_id, objectType: 'staff', objectId: staff.id },
    { login: staff.login, revokedSessions: revoked },
  );
  return allowed;
}

export async function revokeStaffDevice(
  ctx: DecisionContext,
  { sessionId }: DepartmentCommandPayload<'deviceSession.revoke'>,
) {
  const session = await deviceSessionForUpdate(ctx.tx, sessionId, ctx.department.cityId);
  // Already revoked: nothing live to sign out (the console lists live sessions only).
  if (!session || session.revoked_at) return refuse('not_found', { object: 'deviceSession', id: sessionId });
  await revokeDeviceSession(ctx.tx, session.id, ctx.now);
  await audit(ctx, {
    action: 'deviceSession.revoke',
    kindergartenId: session.kindergarten_id,
    objectType: 'device_session',
    objectId: session.id,
  });
  return allowed;
}

export async function unlockStaffSignIn(
  ctx: DecisionContext,
  { staffId }: DepartmentCommandPayload<'staff.unlockSignIn'>,
) {
  const staff = await cityStaff(ctx, staffId);
  if (!staff) return refuse('not_found', { object: 'staff', id: staffId });
  const ended = await unlockSignIn(ctx.tx, 'staff', staff.login);
  await audit(
    ctx,
    { action: 'staff.unlockSignIn', kindergartenId: staff.kindergarten_id, objectType: 'sign_in', objectId: staff.id },
    { login: staff.login, failures: ended?.failures ?? 0 },
  );
  return allowed;
}

export async function blockApplicantAccount(
  ctx: DecisionContext,
  { applicantId, reason }: DepartmentCommandPayload<'applicant.block'>,
) {
  const applicant = await cityApplicant(ctx, applicantId);
  if (!applicant) return refuse('not_found', { object: 'applicant', id: applicantId });
  if (applicant.blocked_at) return refuse('account_blocked', {});
  const outcome = await blockApplicantIn(ctx.tx, ctx.now, applicantId, reason);
  await audit(
    ctx,
    { action: 'applicant.block', kindergartenId: null, objectType: 'applicant', objectId: applicantId },
    { reason, terminated: outcome?.terminated ?? [] },
  );
  return allowed;
}

export async function unblockApplicantAccount(
  ctx: DecisionContext,
  { applicantId }: DepartmentCommandPayload<'applicant.unblock'>,
) {
  const applicant = await cityApplicant(ctx, applicantId);
  if (!applicant) return refuse('not_found', { object: 'applicant', id: applicantId });
  if (!(await unblockApplicant(ctx.tx, ctx.now, applicantId))) return refuse('account_not_blocked', {});
  await audit(ctx, {
    action: 'applicant.unblock',
    kindergartenId: null,
    objectType: 'applicant',
    objectId: applicantId,
  });
  return allowed;
}

export async function signOutApplicant(
  ctx: DecisionContext,
  { applicantId }: DepartmentCommandPayload<'applicant.signOut'>,
) {
  const applicant = await cityApplicant(ctx, applicantId);
  if (!applicant) return refuse('not_found', { object: 'applicant', id: applicantId });
  const revoked = await revokeParentSessions(ctx.tx, { now: () => ctx.now }, applicantId);
  await audit(
    ctx,
    { action: 'applicant.signOut', kindergartenId: null, objectType: 'parent_session', objectId: applicantId },
    { revoked },
  );
  return allowed;
}

export async function unlockApplicantSignIn(
  ctx: DecisionContext,
  { applicantId }: DepartmentCommandPayload<'applicant.unlockSignIn'>,
) {
  const applicant = await cityApplicant(ctx, applicantId);
  if (!applicant?.login) return refuse('not_found', { object: 'applicant', id: applicantId });
  const ended = await unlockSignIn(ctx.tx, 'parent', applicant.login);
  await audit(
    ctx,
    { action: 'applicant.unlockSignIn', kindergartenId: null, objectType: 'sign_in', objectId: applicantId },
    { failures: ended?.failures ?? 0 },
  );
  return allowed;
}
