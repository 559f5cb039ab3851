import type { LoginRequest, SessionInfo } from '../../shared/auth.js';
import type { NamedAuditAction } from '../../shared/department/audit-actions.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { writeAudit } from '../audit/audit-log.js';
import { dummyHash, verifyPassword } from './password.js';
import { signatoryFor, staffForSignIn } from './queries.js';
import { createSession } from './sessions.js';
import { admitSignIn, signInSucceeded } from './sign-in-limit.js';

export type StaffLoginOutcome =
  | { ok: true; session: SessionInfo }
  | { ok: false; error: 'account_locked'; retryAfterSeconds: number }
  | { ok: false; error: 'invalid_credentials' };

/**
 * A staff sign-in on a PC (routes/auth.ts answers it): admitted by the sign-in limit, the password
 * checked with the same scrypt work whether or not the login exists, then a device session, its
 * audit entry, and the session's card with who signs the kindergarten's orders.
 */
export async function staffLogin(
  db: Queryable,
  clock: Clock,
  request: LoginRequest & { ttlMs: number },
): Promise<StaffLoginOutcome> {
  const { login, password, deviceId, deviceName } = request;
  const admitted = await admitSignIn(db, clock, 'staff', login);
  if (!admitted.ok) return { ok: false, error: 'account_locked', retryAfterSeconds: admitted.retryAfterSeconds };
  const staff = await staffForSignIn(db, login);
  // The same scrypt work whether or not the login exists: timing tells nothing.
  const ok = await verifyPassword(password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || !ok) return { ok: false, error: 'invalid_credentials' };
  await signInSucceeded(db, 'staff', login);
  const session = await createSession(db, clock, {
    staffId: staff.id,
    kindergartenId: staff.kindergartenId,
    deviceId,
    deviceName: deviceName ?? '',
    ttlMs: request.ttlMs,
  });
  await writeAudit(db, {
    at: clock.now(),
    kindergartenId: staff.kindergartenId,
    staffId: staff.id,
    action: 'auth.login' satisfies NamedAuditAction,
    objectType: 'device',
    objectId: deviceId,
  });
  // The signed-in head signs; staff print with the kindergarten's longest-standing active head.
  const head = await signatoryFor(db, { kindergartenId: staff.kindergartenId, staffId: staff.id });
  return {
    ok: true,
    session: {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      staff: { id: staff.id, fullName: staff.fullName, position: staff.position, role: staff.role },
      kindergarten: { id: staff.kindergartenId, nameRu: staff.nameRu, nameKk: staff.nameKk, head },
      serverTime: clock.now().toISOString(),
    },
  };
}
