import type { DepartmentRole, DepartmentSessionInfo } from '../../shared/department/auth.js';
import { dummyHash, verifyPassword } from '../auth/password.js';
import { admitSignIn, signInSucceeded } from '../auth/sign-in-limit.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { createDepartmentSession } from './sessions.js';
import type { NamedAuditAction } from '../../shared/department/audit-actions.js';
import { writeAudit } from '../audit/audit-log.js';

interface AccountRow {
  id: string;
  city_id: string;
  full_name: string;
  role: DepartmentRole;
  password_hash: string;
  name_ru: string;
  name_kk: string;
}

export type DepartmentSignIn =
  | { ok: true; session: DepartmentSessionInfo }
  | { ok: false; error: 'account_locked'; retryAfterSeconds: number }
  | { ok: false; error: 'invalid_credentials' };

/**
 * A department employee's sign-in: counted and locked like a staff member's (sign-in-limit.ts,
 * kind `department`), the same password work whether or not the login exists, audited.
 */
export async function departmentSignIn(
  db: Queryable,
  clock: Clock,
  login: string,
  password: string,
): Promise<DepartmentSignIn> {
  const admitted = await admitSignIn(db, clock, 'department', login);
  if (!admitted.ok) return { ok: false, error: 'account_locked', retryAfterSeconds: admitted.retryAfterSeconds };
  const [account] = await db.query<AccountRow>(
    `select a.id, a.city_id, a.full_name, a.role, a.password_hash, c.name_ru, c.name_kk
       from department_accounts a join cities c on c.id = a.city_id
      where lower(a.login) = lower($1) and a.disabled_at is null`,
    [login],
  );
  const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash));
  if (!account || !ok) return { ok: false, error: 'invalid_credentials' };
  await signInSucceeded(db, 'department', login);
  const session = await createDepartmentSession(db, clock, { id: account.id, cityId: account.city_id });
  await writeAudit(db, {
    at: clock.now(),
    departmentAccountId: account.id,
    action: 'department.login' satisfies NamedAuditAction,
    objectType: 'department_account',
    objectId: account.id,
  });
  return {
    ok: true,
    session: {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      account: { id: account.id, fullName: account.full_name, role: account.role },
      city: { id: account.city_id, nameRu: account.name_ru, nameKk: account.name_kk },
      serverTime: clock.now().toISOString(),
    },
  };
}
