import type { Clock } from '../clock.js';
import { ADVISORY_LOCKS } from '../db/advisory-locks.js';
import type { Db } from '../db/db.js';
import { heldSeats } from './counted-seats.js';
import { republishReturnedSeat } from './publications.js';
import { publicationForUpdate } from './records.js';
import { expireIfOverdue } from './referrals.js';
import { ruleContextForKindergarten, type RuleContext } from './rule-context.js';
import { promoteDueSettings } from './settings-changes.js';
import { inPublicationPause, publicationPauseRelease } from '../../shared/rules/index.js';

const LEADER_LOCK = ADVISORY_LOCKS.schedulerLeader;

export interface TransitionReport {
  led: boolean;
  expired: number;
  republished: number;
  openedToAll: number;
  released: number;
}

/**
 * Materializes what time has already decided: due settings changes are put in force, overdue
 * referrals become expired (their seats returned and republished), returned seats held back during
 * the August pause get republished — all three in the order of their instants, as `catchUpTime`
 * does —, publications whose window closed are stamped opened-to-all, early-booking publications whose
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
  const { expired, republished } = await carryOutInOrder(db, now);
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

/**
 * How many rows one read of overdue referrals or of held seats takes. A full batch of overdue
 * referrals is followed by the next once used up; held seats past the first batch (returned later)
 * wait for the next catch-up, as they did before.
 */
const BATCH = 500;
/** Referrals stored as active whose deadline passed before `now` (an SQL expression), earliest deadline first. */
const overdueReferrals = (now: string) => `select id, kindergarten_id, contract_deadline from referrals
  where status = 'active' and contract_deadline < ${now} order by contract_deadline, id limit ${BATCH}`;
const OVERDUE_REFERRALS = overdueReferrals('$1');
/** Settings stated to take effect from an instant at or before `now`. */
const dueSettings = (now: string) => `select 1 from regional_settings where pending_from <= ${now}`;
/** The earliest instant a stated settings change takes effect from, at or before `$1` (null: none). */
const NEXT_SETTINGS = `select min(pending_from) as at from regional_settings where pending_from <= $1`;
/** Returned seats not yet republished, the held seats of the group load (counted-seats.ts), oldest first. */
const HELD_SEATS = heldSeats(
  's.id, s.kindergarten_id, s.publication_id, s.updated_at as returned_at',
  `order by s.updated_at, s.id limit ${BATCH}`,
);

/**
 * Whether anything time decided may still be waiting to be carried out at `now` (an SQL expression):
 * settings due, a referral past its deadline, a returned seat not republished (held by the pause; it
 * may not be due yet, so a caller catches up once, not until this turns false). The same selections
 * {@link catchUpTime} carries out, for a statement that decides on its own read (the claim).
 */
export const timeMayBeDue = (now: string) =>
  `(exists (${dueSettings(now)}) or exists (${overdueReferrals(now)}) or exists (${HELD_SEATS}))`;

/** Dates as a JSON aggregate gives them (text) or as a query gives them (Date). */
type Instant = Date | string;

interface OverdueReferral {
  id: string;
  kindergarten_id: string;
  contract_deadline: Instant;
}

interface HeldSeat {
  id: string;
  kindergarten_id: string;
  publication_id: string;
  returned_at: Instant;
}

/** What time decided, each at its own instant; `rank` orders those of one instant (settings first). */
type Due =
  | { rank: 0; at: Date; kind: 'settings' }
  | { rank: 1; at: Date; kind: 'expiry'; referral: OverdueReferral }
  | { rank: 2; at: Date; kind: 'release'; seat: HeldSeat };

const earlier = (a: Due | null, b: Due | null): Due | null =>
  !a ? b : !b ? a : a.at.getTime() !== b.at.getTime() ? (a.at < b.at ? a : b) : a.rank <= b.rank ? a : b;

/** What the one `due` statement read, for {@link carryOutInOrder} to start from without reading it again. */
interface DueRead {
  settingsAt: Instant | null;
  overdue: OverdueReferral[];
  held: HeldSeat[];
}

/**
 * Carries out everything time decided up to `now` in the order of its instants, each "at" its own
 * instant: settings changes from their stated instant, expiries the millisecond after their deadline,
 * held seats at the pause's end. What one step may make due is read again after it: a settings change
 * may move the pause's end (every held seat's instant is computed again), an expiry in the pause
 * holds its seat. One referral or seat per transaction (short transactions, issue 18).
 */
async function carryOutInOrder(db: Db, now: Date, read?: DueRead): Promise<{ expired: number; republished: number }> {
  // Each kindergarten's settings are read once, from the per-process cache, until a change is promoted.
  const contexts = new Map<string, Promise<RuleContext>>();
  const contextOf = (kindergartenId: string) => {
    let ctx = contexts.get(kindergartenId);
    if (!ctx) contexts.set(kindergartenId, (ctx = ruleContextForKindergarten(db, kindergartenId)));
    return ctx;
  };
  const readSettings = async () => (await db.query<{ at: Date | null }>(NEXT_SETTINGS, [now]))[0]?.at ?? null;
  const readOverdue = () => db.query<OverdueReferral>(OVERDUE_REFERRALS, [now]);
  const readHeld = () => db.query<HeldSeat>(HELD_SEATS);
  // Held seats whose pause has ended by `now`, each at the instant it ended, earliest first; those still
  // held are passed over without a transaction (this runs before every pull and push).
  const releases = async (seats: readonly HeldSeat[]) => {
    const due: Extract<Due, { kind: 'release' }>[] = [];
    for (const seat of seats) {
      const at = publicationPauseRelease(new Date(seat.returned_at), (await contextOf(seat.kindergarten_id)).settings);
      if (at !== null && at <= now) due.push({ rank: 2, at, kind: 'release', seat });
    }
    return due.sort((a, b) => a.at.getTime() - b.at.getTime());
  };

  let settingsAt = read ? read.settingsAt : await readSettings();
  let overdue = read ? read.overdue : await readOverdue();
  let released = await releases(read ? read.held : await readHeld());
  let next = 0;
  let expired = 0;
  let expiredOfBatch = 0;
  let republished = 0;
  for (;;) {
    // A full batch of overdue referrals used up: the next ones, before anything later is decided.
    if (next === overdue.length && overdue.length === BATCH && expiredOfBatch > 0) {
      overdue = await readOverdue();
      next = expiredOfBatch = 0;
    }
    const referral = overdue[next];
    const step = earlier(
      earlier(
        settingsAt === null ? null : { rank: 0, at: new Date(settingsAt), kind: 'settings' },
        referral
          ? { rank: 1, at: new Date(new Date(referral.contract_deadline).getTime() + 1), kind: 'expiry', referral }
          : null,
      ),
      released[0] ?? null,
    );
    if (!step) break;
    if (step.kind === 'settings') {
      // In force from its instant: what comes after it is decided under it, held seats' ends included.
      await promoteDueSettings(db, step.at, now);
      contexts.clear();
      settingsAt = await readSettings();
      released = await releases(await readHeld());
    } else if (step.kind === 'expiry') {
      next++;
      // Dated the millisecond after its deadline (expireIfOverdue), whenever this runs.
      if (await db.transaction((tx) => expireIfOverdue(tx, step.referral.id, now))) {
        expired++;
        expiredOfBatch++;
        // Returned in the pause, its seat is held until the pause ends: read the held seats again.
        if (inPublicationPause(step.at, (await contextOf(step.referral.kindergarten_id)).settings)) {
          released = await releases(await readHeld());
        }
      }
    } else {
      released.shift();
      // Republished at the instant the pause ended (not when this runs), so the republication and
      // its window are the same whoever materializes it and however late.
      const { seat } = step;
      const done = await db.transaction(async (tx) => {
        await publicationForUpdate(tx, seat.publication_id);
        return republishReturnedSeat(tx, await ruleContextForKindergarten(tx, seat.kindergarten_id), seat.id, step.at);
      });
      if (done) republished++;
    }
  }
  return { expired, republished };
}

/**
 * What time has decided and no job may be needed for, materialized before a request reads or
 * decides on it: settings changes put in force, overdue referrals expired (dated the millisecond
 * after their deadline) and returned seats held by the August pause republished (dated the pause's
 * end) — in the order of those instants, however long ago the last catch-up ran, so one catch-up
 * after a long jump decides as catching up at each instant in turn would. A stopped scheduler
 * changes nothing a replica pulls, a parent sees or a command decides.
 */
export async function catchUpTime(db: Db, now: Date): Promise<void> {
  // One statement asks whether anything is due (this runs before every pull, push and parent's
  // read); the ordered catch-up starts from its answer.
  const [due] = await db.query<{ settings_at: Instant | null; overdue: OverdueReferral[]; held: HeldSeat[] }>(
    `select (${NEXT_SETTINGS}) as settings_at,
            (select coalesce(json_agg(o), '[]'::json) from (${OVERDUE_REFERRALS}) o) as overdue,
            (select coalesce(json_agg(h), '[]'::json) from (${HELD_SEATS}) h) as held`,
    [now],
    { prepare: true },
  );
  if (!due || (due.settings_at === null && due.overdue.length === 0 && due.held.length === 0)) return;
  await carryOutInOrder(db, now, { settingsAt: due.settings_at, overdue: due.overdue, held: due.held });
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
