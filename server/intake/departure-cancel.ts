import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import { cityDate } from '../../shared/calendar/index.js';
import { canCancelDeparture, capacityAfterCancel, checkOrder, freedSeatsPublished } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import type { Departure, Enrollment } from '../../shared/domain/enrollment.js';
import { loadGroupLoad, lockGroup } from './group-load.js';
import type { IntakeActor } from './publications.js';

/** The departure to cancel: the shared domain type's fields it needs. */
type CancelledDeparture = Pick<Departure, 'id' | 'groupId' | 'kind' | 'departsOn' | 'enrollmentId'> & {
  cancelled: boolean;
};

/** A stay the departure ended or began: the shared enrollment's fields, and whether it was deleted. */
type Stay = Pick<Enrollment, 'id' | 'groupId' | 'referralId' | 'departedOn'> & { deleted: boolean };

const stayColumns = `id, group_id as "groupId", referral_id as "referralId", departed_on::text as "departedOn", deleted`;

/**
 * Cancels, by order, a graduation, move-up or termination dated after today: the stays it ended or
 * began are restored exactly (the children stay in their group; a move's new stays are deleted and
 * the referrals follow the old ones back; a relabel is dropped; a termination's vacancy is deleted
 * and its referral is enrolled again). The departure's line stays in the register, marked cancelled
 * with the order. Refused when it is in effect, when later changes built on it, and when the
 * restored children would break capacity by date (seats already published or claimed on the freed
 * capacity: those publications are named). A refusal rolls back the command's own writes.
 */
export async function cancelDeparture(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'departure.cancel'>,
  now: Date,
) {
  const [departure] = await tx.query<CancelledDeparture>(
    `select id, group_id as "groupId", kind, departs_on::text as "departsOn", enrollment_id as "enrollmentId",
            cancelled_at is not null as cancelled from departures
      where id = $1 and kindergarten_id = $2 and not deleted`,
    [p.departureId, actor.kindergartenId],
  );
  if (!departure) return refuse('not_found', { object: 'departure', id: p.departureId });
  const order = checkOrder(p);
  if (!order.ok) return order;
  const cancellable = canCancelDeparture(
    {
      id: departure.id,
      kind: departure.kind,
      departsOn: departure.departsOn,
      cancelled: departure.cancelled,
    },
    cityDate(now),
  );
  if (!cancellable.ok) return cancellable;
  const group = await lockGroup(tx, departure.groupId, actor.kindergartenId);
  if (!group) return refuse('not_found', { object: 'group', id: departure.groupId });

  const ended = await tx.query<Stay>(
    `select ${stayColumns} from enrollments where departure_id = $1 order by id for no key update`,
    [departure.id],
  );
  const restored =
    departure.kind === 'termination'
      ? await restoreTermination(tx, departure, ended, now)
      : departure.kind === 'move_up'
        ? await restoreMove(tx, actor, departure, ended, now)
        : await restoreStays(tx, ended, now);
  if (!restored.ok) return restored;

  await tx.query(
    `update departures set cancelled_at = $2, cancel_order_number = $3, cancel_order_date = $4, updated_at = $2 where id = $1`,
    [departure.id, now, p.orderNumber.trim(), p.orderDate],
  );
  return capacityHolds(tx, group.id, group.capacity, departure.departsOn, now);
}

/** The children attend again after the date: their stays have no departure. */
async function restoreStays(tx: Queryable, stays: readonly Stay[], now: Date) {
  await tx.query(
    `update enrollments set departed_on = null, departure_id = null, updated_at = $2 where id = any ($1::uuid[])`,
    [stays.map((s) => s.id), now],
  );
  return allowed;
}

async function restoreTermination(tx: Queryable, departure: CancelledDeparture, ended: readonly Stay[], now: Date) {
  const stay = ended.find((s) => s.id === departure.enrollmentId);
  // The termination deleted a move-up's stay recorded ahead: the move cannot be restored exactly.
  const [dropped] = await tx.query<{ id: string }>(
    'select id from enrollments where moved_from = $1 and deleted limit 1',
    [departure.enrollmentId],
  );
  if (!stay || dropped) return refuse('departure_not_cancellable', { kind: departure.kind });
  const published = await tx.query<{ id: string; availableFrom: string }>(
    `select p.id, p.available_from::text as "availableFrom" from publications p
       join vacancies v on v.id = p.vacancy_id where v.departure_id = $1 and not p.deleted`,
    [departure.id],
  );
  if (published.length > 0) return freedSeatsPublished(published);
  await tx.query('update vacancies set deleted = true, updated_at = $2 where departure_id = $1', [departure.id, now]);
  await restoreStays(tx, [stay], now);
  const referralId = stay.referralId;
  if (referralId) {
    await tx.query(
      `update referrals set status = 'enrolled', closed_at = null, close_reason = null, close_note = '', enrollment_id = $2, updated_at = $3
        where id = $1 and status = 'terminated'`,
      [referralId, stay.id, now],
    );
  }
  return allowed;
}

async function restoreMove(
  tx: Queryable,
  actor: IntakeActor,
  departure: CancelledDeparture,
  ended: readonly Stay[],
  now: Date,
) {
  if (ended.length === 0) {
    // A relabel (or a move of an empty group): the group keeps its age group after the date.
    await tx.query(
      `update groups set next_age_group = null, next_age_group_on = null, updated_at = $3
        where id = $1 and next_age_group_on = $2`,
      [departure.groupId, departure.departsOn, now],
    );
    return allowed;
  }
  const begun = await tx.query<Stay & { movedFrom: string }>(
    `select ${stayColumns}, moved_from as "movedFrom" from enrollments
      where moved_from = any ($1::uuid[]) and not deleted order by id`,
    [ended.map((s) => s.id)],
  );
  for (const targetId of [...new Set(begun.map((s) => s.groupId))].sort()) {
    await lockGroup(tx, targetId, actor.kindergartenId);
  }
  // A stay begun by the move that has itself ended (a termination recorded for a later date) was built on it.
  const departed = begun.find((s) => s.departedOn !== null);
  if (departed) return refuse('already_departed', { departedOn: departed.departedOn });
  for (const next of begun) {
    await tx.query('update enrollments set deleted = true, referral_id = null, updated_at = $2 where id = $1', [
      next.id,
      now,
    ]);
    await tx.query(
      'update enrollments set departed_on = null, departure_id = null, referral_id = $2, updated_at = $3 where id = $1',
      [next.movedFrom, next.referralId, now],
    );
    if (next.referralId)
      await tx.query('update referrals set enrollment_id = $2, updated_at = $3 where id = $1', [
        next.referralId,
        next.movedFrom,
        now,
      ]);
  }
  return allowed;
}

/** The children back in the group must fit its capacity on every date from today; if not, the publications promising the freed seats are named. */
async function capacityHolds(tx: Queryable, groupId: string, capacity: number, departsOn: string, now: Date) {
  const published = await tx.query<{ id: string; availableFrom: string }>(
    `select id, available_from::text as "availableFrom" from publications
      where group_id = $1 and not deleted and withdrawn_at is null`,
    [groupId],
  );
  return capacityAfterCancel(capacity, cityDate(now), departsOn, await loadGroupLoad(tx, groupId, now), published);
}
