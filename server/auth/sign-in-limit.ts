import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';

/**
 * Sign-in attempts per account (besides the per-address limit of the route): every attempt is
 * counted before its password is checked, so attempts in flight count too. The first
 * `FREE_ATTEMPTS` of a streak go through; the last of them locks the account for 30 s, and each
 * further attempt let through after a lock doubles it, up to 15 minutes. An attempt while locked
 * is refused without checking the password (and without counting). A streak ends after a day
 * without attempts, at a successful sign-in, or when the department unlocks the account
 * (`npm run admin -- signin:unlock`). So an attack of any size reaches the password check a few
 * times an hour (4 once the lock is at 15 minutes), and the real user signs in again at most 15 minutes after it stops.
 */
export const SIGN_IN_LIMIT = {
  FREE_ATTEMPTS: 5,
  FIRST_LOCK_SECONDS: 30,
  MAX_LOCK_SECONDS: 15 * 60,
  STREAK_GAP_SECONDS: 24 * 3600,
} as const;

export type SignInKind = 'staff' | 'parent' | 'department';

export type SignInAdmission = { ok: true } | { ok: false; retryAfterSeconds: number };

const { FREE_ATTEMPTS, FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS, STREAK_GAP_SECONDS } = SIGN_IN_LIMIT;
/** This attempt's number in the streak: 1 after a gap, else one more than the last. */
const attempt = `case when f.last_failure_at <= $3::timestamptz - make_interval(secs => ${STREAK_GAP_SECONDS}) then 1 else f.failures + 1 end`;
// Doubling from the FREE_ATTEMPTS-th attempt on, capped (the exponent too: no interval overflow).
const lockAfter = (n: string) =>
  `case when ${n} >= ${FREE_ATTEMPTS} then $3::timestamptz + least(make_interval(secs => ${MAX_LOCK_SECONDS}),
     make_interval(secs => ${FIRST_LOCK_SECONDS}) * power(2, least(${n} - ${FREE_ATTEMPTS}, 16))) end`;

/**
 * Counts one sign-in attempt on `login` (lower-cased; an unknown login counts alike, so the answer
 * says nothing about which exist), or refuses it while the account is locked. One statement: two
 * processes admitting attempts on one account at once both count.
 */
export async function admitSignIn(
  db: Queryable,
  clock: Clock,
  kind: SignInKind,
  login: string,
): Promise<SignInAdmission> {
  const now = clock.now();
  const counted = await db.query(
    `insert into sign_in_failures as f (kind, login, failures, last_failure_at, locked_until)
     values ($1, lower($2), 1, $3::timestamptz, null)
     on conflict (kind, login) do update
        set failures = ${attempt}, last_failure_at = $3::timestamptz, locked_until = ${lockAfter(attempt)}
      where f.locked_until is null or f.locked_until <= $3::timestamptz
     returning failures`,
    [kind, login, now],
  );
  if (counted.length) return { ok: true };
  const [lock] = await db.query<{ locked_until: Date }>(
    'select locked_until from sign_in_failures where kind = $1 and login = lower($2)',
    [kind, login],
  );
  const until = lock?.locked_until ? new Date(lock.locked_until).getTime() : now.getTime();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** A successful sign-in ends the account's streak. */
export async function signInSucceeded(db: Queryable, kind: SignInKind, login: string): Promise<void> {
  await db.query('delete from sign_in_failures where kind = $1 and login = lower($2)', [kind, login]);
}

/** The department lifts a lock (admin CLI): returns the streak it ended, if any. */
export async function unlockSignIn(
  db: Queryable,
  kind: SignInKind,
  login: string,
): Promise<{ failures: number; locked_until: Date | null } | null> {
  const [row] = await db.query<{ failures: number; locked_until: Date | null }>(
    'delete from sign_in_failures where kind = $1 and login = lower($2) returning failures, locked_until',
    [kind, login],
  );
  return row ?? null;
}

/** The answer to a refused attempt: 429, Retry-After, a code the clients translate. */
export const accountLocked = (retryAfterSeconds: number) => ({
  error: 'account_locked' as const,
  message: `Too many failed sign-ins for this account: try again in ${retryAfterSeconds} s, or ask the department to unlock it.`,
  retryAfterSeconds,
});
