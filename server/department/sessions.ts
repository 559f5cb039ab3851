import { randomBytes, randomUUID } from 'node:crypto';
import type { DepartmentRole, DepartmentSession } from '../../shared/department/auth.js';
import { hashToken } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';

/** A department employee's live session: the account and its city (every read and write is scoped to it). */
export interface DepartmentContext {
  sessionId: string;
  accountId: string;
  cityId: string;
  role: DepartmentRole;
}

/** A working day in the console: the employee signs in again the next morning. */
export const DEPARTMENT_SESSION_MS = 12 * 3600 * 1000;

export async function createDepartmentSession(
  db: Queryable,
  clock: Clock,
  account: { id: string; cityId: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + DEPARTMENT_SESSION_MS);
  await db.query(
    `insert into department_sessions (id, token_hash, account_id, city_id, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), hashToken(token), account.id, account.cityId, now, expiresAt],
  );
  return { token, expiresAt };
}

/** The session a bearer token stands for, or null: unknown, expired, revoked, or its account disabled. */
export async function resolveDepartmentSession(
  db: Queryable,
  clock: Clock,
  token: string,
): Promise<DepartmentContext | null> {
  const [row] = await db.query<{ id: string; account_id: string; city_id: string; role: DepartmentRole }>(
    `select s.id, s.account_id, s.city_id, a.role
       from department_sessions s join department_accounts a on a.id = s.account_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and a.disabled_at is null`,
    [hashToken(token), clock.now()],
    { prepare: true },
  );
  return row ? { sessionId: row.id, accountId: row.account_id, cityId: row.city_id, role: row.role } : null;
}

export async function revokeDepartmentSession(db: Queryable, clock: Clock, sessionId: string): Promise<void> {
  await db.query('update department_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [
    sessionId,
    clock.now(),
  ]);
}

/** Ends every live session of an account (disabled, or its password reset); returns how many. */
export async function revokeDepartmentSessions(q: Queryable, accountId: string, at: Date): Promise<number> {
  const rows = await q.query(
    'update department_sessions set revoked_at = $2 where account_id = $1 and revoked_at is null returning id',
    [accountId, at],
  );
  return rows.length;
}

/** The calling department session's card (GET /api/department/session): who, which city, until when. */
export async function departmentSessionCard(
  db: Queryable,
  clock: Clock,
  department: DepartmentContext,
): Promise<DepartmentSession> {
  const [row] = await db.query<{
    fullName: string;
    role: DepartmentRole;
    nameRu: string;
    nameKk: string;
    expiresAt: Date;
  }>(
    `select a.full_name as "fullName", a.role, c.name_ru as "nameRu", c.name_kk as "nameKk", s.expires_at as "expiresAt"
       from department_sessions s join department_accounts a on a.id = s.account_id join cities c on c.id = s.city_id
      where s.id = $1`,
    [department.sessionId],
  );
  return {
    expiresAt: new Date(row!.expiresAt).toISOString(),
    account: { id: department.accountId, fullName: row!.fullName, role: row!.role },
    city: { id: department.cityId, nameRu: row!.nameRu, nameKk: row!.nameKk },
    serverTime: clock.now().toISOString(),
  };
}
