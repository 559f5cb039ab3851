import type { Clock } from '../clock.js';
import { ADVISORY_LOCKS } from '../db/advisory-locks.js';
import type { Db } from '../db/db.js';
import { heldSeats } from './counted-seats.js';
import { republishReturnedSeat } from './publications.js';
import { publicationForUpdate } from './records.js';
import { expireIfOverdue } from './referrals.js';
import { ruleContextForKindergarten, type RuleContext } from './rule-context.js';
import { promoteDueSettings } from './settings-changes.js';
import { publicationPauseRelease } from '../../shared/rules/index.js';

const LEADER_LOCK = ADVISORY_LOCKS.schedulerLeader;

export interface TransitionReport {
  led: boolean;
  expired: number;
  republished: number;
  openedToAll: number;
  released: number;
}

/**
 * Materializes what time has already decided: overdue referrals become expired (their seats
 * returned and republished), returned seats held back during the August pause get republished,
 * publications whose window closed are stamped opened-to-all, early-booking publications whose
 * date has come are stamped released. The rules never wait for this: phases are derived from
 * instants and the clock. Idempotent, catches up after downtime, and runs in one process at a time
 * (a transaction-level advisory lock: a second process skips the round).
 *
 * Each referral and each held seat is one short transaction of its own (locking the publication
 * first, like every other writer): a round that expires hundreds of referrals never holds
 * replicated rows locked for longer than one of them. The leader lock is held by a transaction that
 * writes nothing (it gets no transaction id).
 */
export async function runTransitions(db: Db, clock: Clock): Promise<TransitionReport> {
  // Embedded PGlite is one process with one connection: it leads, and its transactions are serial.
  if (db.kind === 'pglite') return runRound(db, clock);
  return db.transaction(async (leader) => {
    const [lock] = await leader.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
      LEADER_LOCK,
    ]);
    if (!lock?.locked) return { led: false, expired: 0, republished: 0, openedToAll: 0, released: 0 };
    return runRound(db, clock);
  });
}

async function runRound(db: Db, clock: Clock): Promise<TransitionReport> {
  const now = clock.now();
  await promoteDueSettings(db, now);
  const expired = await expireOverdue(db, now);
  const republished = await republishHeldSeats(db, now);
  // Publications are locked in id order, the order every writer takes (server/executor/batch-locks.ts).
  const opened = await db.query(
    `update publications set opened_to_all_at = window_closes_at, updated_at = $1
      where id in (select id from publications
                    where opened_to_all_at is null and withdrawn_at is null and window_closes_at is not null
                      and window_closes_at < $1
                    order by id for no key update)
      returning id`,
    [now],
  );
  const released = await db.query(
    `update publications p set released_at = $1, updated_at = $1
      where p.id in (select p.id from publications p join kindergartens k on k.id = p.kindergarten_id
                       join cities c on c.id = k.city_id
                      where p.released_at is null
                        and p.available_from <= ($1::timestamptz at time zone c.time_zone)::date
                      order by p.id for no key update of p)
      returning p.id`,
    [now],
  );
  return { led: true, expired, republished, openedToAll: opened.length, released: released.length };
}

/** Referrals stored as active whose deadline passed before `now` (an SQL expression), earliest first. */
const overdueReferrals = (
  now: string,
) => `select id from referrals where status = 'active' and contract_deadline < ${now}
  order by contract_deadline limit 500`;
const OVERDUE_REFERRALS = overdueReferrals('$1');
/** Settings stated to take effect from an instant at or before `now`. */
const dueSettings = (now: string) => `select 1 from regional_settings where pending_from <= ${now}`;
/** Returned seats not yet republished, the held seats of the group load (counted-seats.ts), oldest first. */
const HELD_SEATS = heldSeats(
  's.id, s.kindergarten_id, s.publication_id, s.updated_at as returned_at',
  'order by s.updated_at limit 500',
);

/**
 * Whether anything time decided may still be waiting to be carried out at `now` (an SQL expression):
 * settings due, a referral past its deadline, a returned seat not republished (held by the pause; it
 * may not be due yet, so a caller catches up once, not until this turns false). The same selections
 * {@link catchUpTime} carries out, for a statement that decides on its own read (the claim).
 */
export const timeMayBeDue = (now: string) =>
  `(exists (${dueSettings(now)}) or exists (${overdueReferrals(now)}) or exists (${HELD_SEATS}))`;

interface HeldSeat {
  id: string;
  kindergarten_id: string;
  publication_id: string;
  returned_at: Date | string;
}

async function expireOverdue(db: Db, now: Date, overdue?: readonly string[]): Promise<number> {
  const ids = overdue ?? (await db.query<{ id: string }>(OVERDUE_REFERRALS, [now])).map((r) => r.id);
  let count = 0;
  for (const id of ids) if (await db.transaction((tx) => expireIfOverdue(tx, id, now))) count++;
  return count;
}

async function republishHeldSeats(db: Db, now: Date, seats?: readonly HeldSeat[]): Promise<number> {
  const held = seats ?? (await db.query<HeldSeat>(HELD_SEATS));
  // Seats still held by the pause are passed over without a transaction (this runs before every
  // pull and push): each kindergarten's settings are read once, from the per-process cache.
  const contexts = new Map<string, Promise<RuleContext>>();
  const contextOf = (kindergartenId: string) => {
    let ctx = contexts.get(kindergartenId);
    if (!ctx) contexts.set(kindergartenId, (ctx = ruleContextForKindergarten(db, kindergartenId)));
    return ctx;
  };
  let count = 0;
  for (const seat of held) {
    // Republished at the instant the pause ended (not when this round ran), so the republication
    // and its window are the same whoever materializes it and however late.
    const at = publicationPauseRelease(new Date(seat.returned_at), (await contextOf(seat.kindergarten_id)).settings);
    if (at === null || at > now) continue;
    const done = await db.transaction(async (tx) => {
      await publicationForUpdate(tx, seat.publication_id);
      return republishReturnedSeat(tx, await ruleContextForKindergarten(tx, seat.kindergarten_id), seat.id, at);
    });
    if (done) count++;
  }
  return count;
}

/**
 * What time has decided and no job may be needed for, materialized before a request reads or
 * decides on it: overdue referrals expired (dated the millisecond after their deadline) and returned
 * seats held by the August pause republished (dated the pause's end). A stopped scheduler changes
 * nothing a replica pulls, a parent sees or a command decides.
 */
export async function catchUpTime(db: Db, now: Date): Promise<void> {
  // One statement asks whether anything is due (this runs before every pull, push and parent's
  // read); each kind of catch-up runs only when its part of the answer says so.
  const [due] = await db.query<{ settings: boolean; overdue: string[]; held: HeldSeat[] }>(
    `select exists (${dueSettings('$1')}) as settings,
            array(select id::text from (${OVERDUE_REFERRALS}) o) as overdue,
            (select coalesce(json_agg(h), '[]'::json) from (${HELD_SEATS}) h) as held`,
    [now],
    { prepare: true },
  );
  if (!due) return;
  // Settings stated to take effect from an instant that has come are in force before anything is decided.
  if (due.settings) await promoteDueSettings(db, now);
  if (due.overdue.length === 0) {
    if (due.held.length) await republishHeldSeats(db, now, due.held);
    return;
  }
  await expireOverdue(db, now, due.overdue);
  // An expiry may have returned a seat the pause holds and whose pause has ended: read them again.
  await republishHeldSeats(db, now);
}

/** The clock's now, after `catchUpTime` has materialized what it decided: for a read that shows it at once. */
export async function caughtUpNow(db: Db, clock: Clock): Promise<Date> {
  const now = clock.now();
  await catchUpTime(db, now);
  return now;
}

/** Runs the transitions every `intervalMs` until stopped; errors are logged and the next round retries. */
export function startScheduler(db: Db, clock: Clock, intervalMs: number, log: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runTransitions(db, clock)
      .catch(log)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
