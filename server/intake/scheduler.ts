import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { republishReturnedSeat } from './publications.js';
import { expireIfOverdue } from './referrals.js';
import { ruleContextForKindergarten } from './rule-context.js';

const LEADER_LOCK = 7243003;

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
 */
export async function runTransitions(db: Db, clock: Clock): Promise<TransitionReport> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [LEADER_LOCK]);
    if (!lock?.locked) return { led: false, expired: 0, republished: 0, openedToAll: 0, released: 0 };
    const now = clock.now();
    const expired = await expireOverdue(tx, now);
    const republished = await republishHeldSeats(tx, now);
    const opened = await tx.query(
      `update publications set opened_to_all_at = window_closes_at, updated_at = $1
        where opened_to_all_at is null and withdrawn_at is null and window_closes_at is not null and window_closes_at < $1 returning id`,
      [now],
    );
    const released = await tx.query(
      `update publications p set released_at = $1, updated_at = $1
         from kindergartens k join cities c on c.id = k.city_id
        where k.id = p.kindergarten_id and p.released_at is null
          and p.available_from <= ($1::timestamptz at time zone c.time_zone)::date
        returning p.id`,
      [now],
    );
    return { led: true, expired, republished, openedToAll: opened.length, released: released.length };
  });
}

async function expireOverdue(tx: Queryable, now: Date): Promise<number> {
  const overdue = await tx.query<{ id: string }>(
    `select id from referrals where status = 'active' and contract_deadline < $1 order by contract_deadline limit 500`,
    [now],
  );
  for (const row of overdue) await expireIfOverdue(tx, row.id, now);
  return overdue.length;
}

async function republishHeldSeats(tx: Queryable, now: Date): Promise<number> {
  const held = await tx.query<{ id: string; kindergarten_id: string }>(
    `select id, kindergarten_id from seats where status = 'returned' and republished_as is null order by updated_at limit 500`,
  );
  let count = 0;
  for (const seat of held) {
    if (await republishReturnedSeat(tx, await ruleContextForKindergarten(tx, seat.kindergarten_id), seat.id, now))
      count++;
  }
  return count;
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
