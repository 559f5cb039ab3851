import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { verifyPassword, dummyHash } from './password.js';
import { hashToken } from './sessions.js';
import { admitSignIn, signInSucceeded } from './sign-in-limit.js';

/** A parent's session on the portal: the legal representative's own account, one applicant. */
export interface ParentContext {
  sessionId: string;
  applicantId: string;
}

const PARENT_SESSION_MS = 12 * 3600 * 1000;

export async function parentLogin(db: Queryable, clock: Clock, login: string, password: string) {
  const admitted = await admitSignIn(db, clock, 'parent', login);
  if (!admitted.ok) {
    return { ok: false as const, error: 'account_locked' as const, retryAfterSeconds: admitted.retryAfterSeconds };
  }
  const rows = await db.query<{ id: string; password_hash: string | null; blocked_at: Date | null }>(
    'select id, password_hash, blocked_at from applicants where lower(login) = lower($1)',
    [login],
  );
  const row = rows[0];
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash));
  if (!row || !row.password_hash || !ok) return { ok: false as const, error: 'invalid_credentials' as const };
  if (row.blocked_at) return { ok: false as const, error: 'account_blocked' as const };
  await signInSucceeded(db, 'parent', login);
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  await db.query(
    'insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at) values ($1, $2, $3, $4, $5)',
    [randomUUID(), hashToken(token), row.id, now, new Date(now.getTime() + PARENT_SESSION_MS)],
  );
  return { ok: true as const, token, applicantId: row.id };
}

/** The session a parent token stands for; a blocked account's sessions stop working at once. */
export async function resolveParentSession(db: Queryable, clock: Clock, token: string): Promise<ParentContext | null> {
  const rows = await db.query<{ id: string; applicant_id: string }>(
    `select s.id, s.applicant_id from parent_sessions s join applicants a on a.id = s.applicant_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and a.blocked_at is null`,
    [hashToken(token), clock.now()],
    { prepare: true },
  );
  const row = rows[0];
  return row ? { sessionId: row.id, applicantId: row.applicant_id } : null;
}

/** Signs a parent session out (the page's sign-out): its token stops working at once. */
export async function revokeParentSession(db: Queryable, clock: Clock, sessionId: string): Promise<void> {
  await db.query('update parent_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [
    sessionId,
    clock.now(),
  ]);
}

/** Signs every live session of a parent account out (the department, admin CLI); returns how many. */
export async function revokeParentSessions(db: Queryable, clock: Clock, applicantId: string): Promise<number> {
  const rows = await db.query(
    'update parent_sessions set revoked_at = $2 where applicant_id = $1 and revoked_at is null returning id',
    [applicantId, clock.now()],
  );
  return rows.length;
}
