import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { StaffRole } from '../../shared/auth.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';

export interface AuthContext {
  sessionId: string;
  staffId: string;
  kindergartenId: string;
  role: StaffRole;
  deviceId: string;
  /** When the session expires on the server clock (an open event stream ends then). */
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Queryable,
  clock: Clock,
  input: { staffId: string; kindergartenId: string; deviceId: string; deviceName: string; ttlMs: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await db.query(
    `insert into device_sessions (id, token_hash, staff_id, kindergarten_id, device_id, device_name,
       created_at, expires_at, last_seen_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $7)`,
    [
      randomUUID(),
      hashToken(token),
      input.staffId,
      input.kindergartenId,
      input.deviceId,
      input.deviceName,
      now,
      expiresAt,
    ],
  );
  return { token, expiresAt };
}

/** The session a bearer token stands for, or null when it is unknown, expired or revoked. */
export async function resolveSession(db: Queryable, clock: Clock, token: string): Promise<AuthContext | null> {
  const rows = await db.query<{
    id: string;
    staff_id: string;
    kindergarten_id: string;
    role: StaffRole;
    device_id: string;
    expires_at: Date;
  }>(
    `select s.id, s.staff_id, s.kindergarten_id, st.role, s.device_id, s.expires_at
       from device_sessions s join staff st on st.id = s.staff_id
      where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and st.disabled_at is null`,
    [hashToken(token), clock.now()],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    sessionId: row.id,
    staffId: row.staff_id,
    kindergartenId: row.kindergarten_id,
    role: row.role,
    deviceId: row.device_id,
    expiresAt: new Date(row.expires_at),
  };
}

export async function revokeSession(db: Queryable, clock: Clock, sessionId: string): Promise<void> {
  await db.query('update device_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [
    sessionId,
    clock.now(),
  ]);
}

/** How long a device's last sync stays fresh enough not to be written again (one write a minute at most). */
const SYNC_STAMP_MS = 60_000;

/**
 * Records that the session's device pulled from the server (its last sync, which the department's
 * dashboard compares with the stale-device setting): written at most once a minute per session.
 */
export async function recordSync(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('update device_sessions set last_seen_at = $2 where id = $1 and last_seen_at < $3', [
    sessionId,
    now,
    new Date(now.getTime() - SYNC_STAMP_MS),
  ]);
}
