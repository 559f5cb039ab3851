import type { StaffRole } from '../../shared/auth.js';
import type { Queryable } from '../db/db.js';

/**
 * Staff account changes that the admin CLI (staff:*, device:revoke) and the department console
 * (staff.* and deviceSession.revoke commands) both make: one copy of each, inside the caller's
 * transaction; the caller audits as its own actor and explains a refusal in its own words.
 */

export interface NewStaff {
  id: string;
  kindergartenId: string;
  login: string;
  fullName: string;
  role: StaffRole;
  /** Printed beside the head's signature on the desk's orders; empty for the default title. */
  position: string;
  passwordHash: string;
  now: Date;
}

/** Issues a staff account; a login already held (case-insensitive) is refused and nothing is written. */
export async function insertStaff(
  tx: Queryable,
  s: NewStaff,
): Promise<{ ok: true } | { ok: false; error: 'login_taken' }> {
  const [taken] = await tx.query('select 1 from staff where lower(login) = lower($1)', [s.login]);
  if (taken) return { ok: false, error: 'login_taken' };
  await tx.query(
    `insert into staff (id, kindergarten_id, login, full_name, position, role, password_hash, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [s.id, s.kindergartenId, s.login, s.fullName, s.position, s.role, s.passwordHash, s.now],
  );
  return { ok: true };
}

/** Revokes every live device session of a staff member; returns their ids. */
export async function revokeStaffSessions(q: Queryable, staffId: string, at: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'update device_sessions set revoked_at = $2 where staff_id = $1 and revoked_at is null returning id',
    [staffId, at],
  );
  return rows.map((r) => r.id);
}

/** Sets a new password and signs every device out (the old password stops working at once); returns how many. */
export async function resetStaffPassword(tx: Queryable, staffId: string, passwordHash: string, at: Date) {
  await tx.query('update staff set password_hash = $2 where id = $1', [staffId, passwordHash]);
  return (await revokeStaffSessions(tx, staffId, at)).length;
}

/** Disables the account (it can no longer sign in) and signs every device out; returns how many. */
export async function disableStaff(tx: Queryable, staffId: string, at: Date) {
  await tx.query('update staff set disabled_at = $2 where id = $1', [staffId, at]);
  return (await revokeStaffSessions(tx, staffId, at)).length;
}

export interface DeviceSessionRow {
  id: string;
  kindergarten_id: string;
  revoked_at: Date | null;
}

/** Locks a device session (null when unknown); `cityId` limits it to that city's kindergartens. */
export async function deviceSessionForUpdate(
  tx: Queryable,
  sessionId: string,
  cityId: string | null,
): Promise<DeviceSessionRow | null> {
  const [row] = await tx.query<DeviceSessionRow>(
    `select d.id, d.kindergarten_id, d.revoked_at
       from device_sessions d join kindergartens k on k.id = d.kindergarten_id
      where d.id = $1 and ($2::text is null or k.city_id = $2)
        for update of d`,
    [sessionId, cityId],
  );
  return row ?? null;
}

/** Signs one device out: its token stops working at once (commands waiting there are kept). */
export async function revokeDeviceSession(tx: Queryable, sessionId: string, at: Date): Promise<void> {
  await tx.query('update device_sessions set revoked_at = $2 where id = $1', [sessionId, at]);
}
