import type { PromiseKind } from '../../shared/rules/index.js';

/**
 * Which seats count in a group's load: the one SQL definition, read by every server query that counts
 * seats of a load — the capacity rule's group load (group-load.ts) and the department dashboard's
 * unclaimed and open-to-all seats (department/dashboard.ts) — and the held seats the scheduler
 * republishes when the August pause ends (scheduler.ts, `heldSeats`). The desk's replica and the
 * department's reports (which count the replicated documents) select the same seats with
 * `promisedSeatKind` (shared/rules/promised-seats.ts); test/integration/counted-seats.test.ts holds
 * the readers to agree, test/layering/one-seat-count.test.ts fails on a second writing of a condition.
 *
 * A seat counts, as `kind`:
 * - `published`: an unclaimed open seat;
 * - `referral`: a claimed seat of a contracted referral, or of an active one before its deadline, or
 *   past it while the publication stands (the seat returns and is republished: it stays promised);
 * - `held`: a returned seat not yet republished, of a publication not withdrawn (held by the August
 *   pause, or returned by a referral whose deadline passed before any job ran).
 * A claimed seat of an enrolled referral no longer counts (the child counts as attending instead), nor
 * does a withdrawn seat, a republished returned one, or any seat of a withdrawn publication that returns.
 */

/** A held seat (a seat `s` of publication `pub`): returned, not republished, publication not withdrawn. */
const held = `s.status = 'returned' and s.republished_as is null and pub.withdrawn_at is null`;
/**
 * Each kind's condition on a seat `s`, its publication `pub` and its referral `r`; a referral's seat
 * depends on the instant (`now`, an SQL expression of type timestamptz), the other kinds do not.
 */
const counts: Record<PromiseKind, (now: string) => string> = {
  published: () => `s.status = 'open'`,
  referral: (now) => `s.status = 'claimed' and (r.status = 'contracted'
               or (r.status = 'active' and (r.contract_deadline >= ${now} or pub.withdrawn_at is null)))`,
  held: () => held,
};

const everyKind: readonly PromiseKind[] = ['published', 'referral', 'held'];

/** The FROM and WHERE of a select of the seats that meet one of `conditions`: a seat `s`, `pub`, `r`. */
const seatsThatCount = (conditions: readonly string[]) => `
    from seats s
    join publications pub on pub.id = s.publication_id
    left join referrals r on r.id = s.referral_id
   where not s.deleted and (${conditions.map((condition) => `(${condition})`).join(' or ')})`;

/**
 * A subquery of the seats that count at `now` (an SQL expression of type timestamptz, e.g. `$2`), one
 * row each: `id`, `kindergarten_id`, `group_id`, `publication_id`, `available_from` and `kind`; only
 * those of `kinds` when given (a reader of one kind lets the database use the seat status' index).
 * Use it as `from (${countedSeats('$2')}) c where c.group_id = $1`; it only selects.
 */
export function countedSeats(now: string, kinds: readonly PromiseKind[] = everyKind): string {
  return `
  select s.id, s.kindergarten_id, s.group_id, s.publication_id, s.available_from,
         case s.status when 'open' then 'published' when 'claimed' then 'referral' else 'held' end as kind
  ${seatsThatCount(kinds.map((kind) => counts[kind](now)))}`;
}

/**
 * A select of the held seats (kind `held`, which does not depend on the instant): `columns`, an SQL
 * select list over the seat `s` and its publication `pub`, then `rest` (order, limit). The seats the
 * scheduler republishes when the August pause ends (scheduler.ts) are these, by this one definition.
 */
export const heldSeats = (columns: string, rest = '') => `select ${columns} ${seatsThatCount([held])} ${rest}`;
