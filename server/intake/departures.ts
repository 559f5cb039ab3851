import { randomUUID } from 'node:crypto';
import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import { checkCapacity, checkMoveUpTarget, graduation, nextAgeGroup } from '../../shared/rules/index.js';
import { plusDays } from '../../shared/calendar/dates.js';
import { cityDate } from '../../shared/calendar/index.js';
import type { Queryable } from '../db/db.js';
import { ageGroupOn, loadGroupLoad, lockGroup } from './group-load.js';
import type { IntakeActor } from './publications.js';

interface Child {
  id: string;
  enrolled_on: string;
}

/** The children in the group the day before `on` who have no departure yet (a stay that begins on `on` or later is not theirs to end). */
const attendingOf = (tx: Queryable, groupId: string, on: string) =>
  tx.query<Child & { referral_id: string | null }>(
    `select id, referral_id, enrolled_on::text as enrolled_on from enrollments
      where group_id = $1 and departed_on is null and enrolled_on < $2 and not deleted order by id for no key update`,
    [groupId, on],
  );

async function recordGroupDeparture(
  tx: Queryable,
  actor: IntakeActor,
  groupId: string,
  kind: 'graduation' | 'move_up',
  on: string,
  order: { orderNumber: string; orderDate: string },
  children: number,
  now: Date,
) {
  const id = randomUUID();
  await tx.query(
    `insert into departures (id, kindergarten_id, group_id, kind, departs_on, order_number, order_date, children, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, actor.kindergartenId, groupId, kind, on, order.orderNumber, order.orderDate, children, actor.staffId, now],
  );
  return id;
}

/**
 * The preschool group graduates to school on a date: every child departs, one line in the movement
 * register; the seats are published through the intake schedule entries that plan them.
 */
export async function graduate(tx: Queryable, actor: IntakeActor, p: CommandPayload<'departure.graduate'>, now: Date) {
  const group = await lockGroup(tx, p.groupId, actor.kindergartenId);
  if (!group) return refuse('not_found', { object: 'group', id: p.groupId });
  const children = await attendingOf(tx, group.id, p.departsOn);
  const plan = graduation(
    {
      groupId: group.id,
      // The age group the children leave from: the group's on their last day in it.
      ageGroup: ageGroupOn(group, plusDays(p.departsOn, -1)),
      children: children.map((c) => ({ childId: c.id, enrolledOn: c.enrolled_on })),
    },
    p.departsOn,
    p,
  );
  if (!plan.ok) return plan;
  if (children.length === 0) return refuse('no_children_to_move', { groupId: group.id });
  const departureId = await recordGroupDeparture(
    tx,
    actor,
    group.id,
    'graduation',
    p.departsOn,
    p,
    children.length,
    now,
  );
  await tx.query(
    `update enrollments set departed_on = $2, departure_id = $3, updated_at = $4 where id = any ($1::uuid[])`,
    [children.map((c) => c.id), p.departsOn, departureId, now],
  );
  return allowed;
}

/**
 * The yearly move-up: each group's children move to a group of the next age on `movesOn`, recorded
 * ahead and taking effect on that date. The same group relabelled (from = to) gets its next age
 * group from that date (until then it, its lists and its vacancies keep the current one). Into
 * another group, whose capacity must hold them from that date: each child's stay in the old group
 * ends on `movesOn` and a new stay in the target group begins on it, so until then the children
 * attend, count and print in their current group.
 */
export async function moveUp(tx: Queryable, actor: IntakeActor, p: CommandPayload<'departure.moveUp'>, now: Date) {
  const lastDay = plusDays(p.movesOn, -1);
  for (const move of p.moves) {
    const from = await lockGroup(tx, move.fromGroupId, actor.kindergartenId);
    const to = move.toGroupId === move.fromGroupId ? from : await lockGroup(tx, move.toGroupId, actor.kindergartenId);
    if (!from) return refuse('not_found', { object: 'group', id: move.fromGroupId });
    if (!to) return refuse('not_found', { object: 'group', id: move.toGroupId });
    const current = ageGroupOn(from, lastDay);
    const next = nextAgeGroup(current);
    if (next === 'school') return refuse('not_next_age_group', { from: current, to: 'school', expected: 'school' });
    const children = await attendingOf(tx, from.id, p.movesOn);
    if (from.id === to.id) {
      // One dated relabel at a time: a second one while the first is still ahead (of today, whatever
      // its own date) would fold the first into today's age group.
      if (from.next_age_group_on !== null && from.next_age_group_on > cityDate(now))
        return refuse('move_up_pending', { groupId: from.id, date: from.next_age_group_on });
      await tx.query(
        `update groups set age_group = $2, next_age_group = $3, next_age_group_on = $4, updated_at = $5 where id = $1`,
        [from.id, current, next, p.movesOn, now],
      );
      await recordGroupDeparture(tx, actor, from.id, 'move_up', p.movesOn, p, children.length, now);
      continue;
    }
    const target = checkMoveUpTarget(current, ageGroupOn(to, p.movesOn));
    if (!target.ok) return target;
    const load = await loadGroupLoad(tx, to.id, now);
    const arriving = children.map(() => ({ enrolledOn: p.movesOn, departedOn: null }));
    const capacity = checkCapacity(to.capacity, p.movesOn, {
      attending: [...load.attending, ...arriving],
      promised: load.promised,
    });
    if (!capacity.ok) return capacity;
    const departureId = await recordGroupDeparture(tx, actor, from.id, 'move_up', p.movesOn, p, children.length, now);
    for (const child of children) await moveChild(tx, child, to.id, departureId, p, now);
  }
  return allowed;
}

/** One child's move: the old stay ends on the move's date, a new stay in `toGroupId` begins on it and carries the referral. */
async function moveChild(
  tx: Queryable,
  child: Child & { referral_id: string | null },
  toGroupId: string,
  departureId: string,
  p: CommandPayload<'departure.moveUp'>,
  now: Date,
) {
  const stay = randomUUID();
  await tx.query(
    `update enrollments set departed_on = $2, departure_id = $3, referral_id = null, updated_at = $4 where id = $1`,
    [child.id, p.movesOn, departureId, now],
  );
  await tx.query(
    `insert into enrollments (id, kindergarten_id, group_id, referral_id, applicant_id, child_full_name, child_birth_date, child_iin,
       representative_full_name, representative_phone, enrolled_on, order_number, order_date, moved_from, updated_at)
     select $2, kindergarten_id, $3, $4, applicant_id, child_full_name, child_birth_date, child_iin,
            representative_full_name, representative_phone, $5, $6, $7, id, $8
       from enrollments where id = $1`,
    [child.id, stay, toGroupId, child.referral_id, p.movesOn, p.orderNumber, p.orderDate, now],
  );
  if (child.referral_id)
    await tx.query('update referrals set enrollment_id = $2, updated_at = $3 where id = $1', [
      child.referral_id,
      stay,
      now,
    ]);
}
