import type { AgeGroup } from '../domain/group.js';
import { allowed, refuse, type Refusal, type RejectionCode, type RejectionOf } from '../commands/rejection.js';
import { checkOrder, type Order } from './legal-orders.js';

/**
 * Departures free seats: planning what a graduation, the yearly move-up or an individual departure
 * records and frees. Source: docs/rules.md, Rules › Departures free seats (graduation of
 * the preschool group to school on a date, for the whole group; the yearly move-up in August —
 * children move to the next age group; individual departures; each recorded with an order number
 * and date, entering the movement register, freeing capacity from its date) and › Referral
 * lifecycle (a departure creates a vacancy, a new seat to publish). "The process" §1 (the summer
 * intake schedule plans the seats graduation frees).
 */

export type DepartureKind = 'graduation' | 'individual';
export type ChildInGroup = { childId: string; enrolledOn: string };
export type GroupRoster = { groupId: string; ageGroup: AgeGroup; children: readonly ChildInGroup[] };

/** One line of the movement register: the child no longer counts from `departedOn` on. */
export type Departure = Order & { childId: string; groupId: string; kind: DepartureKind; departedOn: string };

/**
 * Seats a departure frees from a date. An individual departure's seats are a vacancy to publish;
 * graduation's seats are published through the approved intake schedule entries that plan them.
 */
export type FreedSeats = { groupId: string; seats: number; from: string; publishAs: 'vacancy' | 'schedule_entry' };

export type DeparturePlan = { departures: Departure[]; freed: FreedSeats | null };
/** The children of `groupId` move from age group `from` to `to` (the same group relabelled, or a group of age `to`). */
export type MoveUp = { groupId: string; from: AgeGroup; to: AgeGroup; childIds: string[] };

/** A planning result, or why it cannot be made (one of the codes `C`). */
export type Outcome<T, C extends RejectionCode = RejectionCode> = { ok: true; value: T } | Refusal<C>;

/** Why a departure cannot be planned: an incomplete order, or a child leaving before enrollment. */
type PlanRejection = RejectionOf<ReturnType<typeof checkOrder>> | 'departure_before_enrollment';

const ladder: readonly AgeGroup[] = ['early', 'junior', 'middle', 'senior', 'preschool'];

/** The age group a group moves up to; a preschool group goes to school. */
export function nextAgeGroup(ageGroup: AgeGroup): AgeGroup | 'school' {
  return ladder[ladder.indexOf(ageGroup) + 1] ?? 'school';
}

function plan(
  groupId: string,
  children: readonly ChildInGroup[],
  kind: DepartureKind,
  departedOn: string,
  order: Order,
): Outcome<DeparturePlan, PlanRejection> {
  const orderVerdict = checkOrder(order);
  if (!orderVerdict.ok) return orderVerdict;
  const early = children.find((child) => departedOn < child.enrolledOn);
  if (early) return refuse('departure_before_enrollment', { childId: early.childId, enrolledOn: early.enrolledOn });
  const { orderNumber, orderDate } = order;
  const departures = children.map((child) => ({
    childId: child.childId,
    groupId,
    kind,
    departedOn,
    orderNumber,
    orderDate,
  }));
  const publishAs: FreedSeats['publishAs'] = kind === 'graduation' ? 'schedule_entry' : 'vacancy';
  const freed = departures.length === 0 ? null : { groupId, seats: departures.length, from: departedOn, publishAs };
  return { ok: true, value: { departures, freed } };
}

/** The whole preschool group graduates to school on `departedOn`: every child departs, their seats free from then. */
export function graduation(
  group: GroupRoster,
  departedOn: string,
  order: Order,
): Outcome<DeparturePlan, PlanRejection | 'not_preschool_group'> {
  if (group.ageGroup !== 'preschool') return refuse('not_preschool_group', { ageGroup: group.ageGroup });
  return plan(group.groupId, group.children, 'graduation', departedOn, order);
}

/** One child leaves (contract terminated): a vacancy from `departedOn`. */
export function individualDeparture(
  groupId: string,
  child: ChildInGroup,
  departedOn: string,
  order: Order,
): Outcome<DeparturePlan, PlanRejection> {
  return plan(groupId, [child], 'individual', departedOn, order);
}

/**
 * The yearly move-up on `date` (August): each group's children move to the next age group (the group
 * relabelled, or another group of that age — see `checkMoveUpTarget`); preschool groups graduate
 * instead. A graduated group's next intake sets its new age group.
 */
export function moveUp(
  groups: readonly GroupRoster[],
  date: string,
  order: Order,
): Outcome<{ moves: MoveUp[]; graduations: DeparturePlan[] }, PlanRejection | 'not_preschool_group'> {
  const orderVerdict = checkOrder(order);
  if (!orderVerdict.ok) return orderVerdict;
  const moves: MoveUp[] = [];
  const graduations: DeparturePlan[] = [];
  for (const group of groups) {
    const to = nextAgeGroup(group.ageGroup);
    if (to !== 'school') {
      moves.push({ groupId: group.groupId, from: group.ageGroup, to, childIds: group.children.map((c) => c.childId) });
      continue;
    }
    const graduated = graduation(group, date, order);
    if (!graduated.ok) return graduated;
    if (graduated.value.departures.length > 0) graduations.push(graduated.value);
  }
  return { ok: true, value: { moves, graduations } };
}

/** Children moving up go to a group of the next age group, never skipping or repeating one. */
export function checkMoveUpTarget(from: AgeGroup, to: AgeGroup) {
  const expected = nextAgeGroup(from);
  if (expected === to) return allowed;
  return refuse('not_next_age_group', { from, to, expected });
}
