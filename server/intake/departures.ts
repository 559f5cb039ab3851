import { randomUUID } from 'node:crypto';
import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse, type Verdict } from '../../shared/commands/rejection.js';
import type { AgeGroup } from '../../shared/domain/group.js';
import { checkCapacity, checkMoveUpTarget, graduation, nextAgeGroup } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { loadGroupLoad, lockGroup } from './group-load.js';
import type { IntakeActor } from './publications.js';

interface Child {
  id: string;
  enrolled_on: string;
}

const attendingOf = (tx: Queryable, groupId: string) =>
  tx.query<Child>(
    `select id, enrolled_on::text as enrolled_on from enrollments where group_id = $1 and departed_on is null and not deleted for no key update`,
    [groupId],
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
export async function graduate(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'departure.graduate'>,
  now: Date,
): Promise<Verdict> {
  const group = await lockGroup(tx, p.groupId, actor.kindergartenId);
  if (!group) return refuse('not_found', { object: 'group', id: p.groupId });
  const children = await attendingOf(tx, group.id);
  const plan = graduation(
    {
      groupId: group.id,
      ageGroup: group.age_group as AgeGroup,
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
    `update enrollments set departed_on = $2, departure_id = $3, updated_at = $4 where group_id = $1 and departed_on is null and not deleted`,
    [group.id, p.departsOn, departureId, now],
  );
  return allowed;
}

/**
 * The yearly move-up: each group's children move to a group of the next age — the same group
 * relabelled (from = to) or another group, whose capacity must hold them from that date.
 */
export async function moveUp(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'departure.moveUp'>,
  now: Date,
): Promise<Verdict> {
  for (const move of p.moves) {
    const from = await lockGroup(tx, move.fromGroupId, actor.kindergartenId);
    const to = move.toGroupId === move.fromGroupId ? from : await lockGroup(tx, move.toGroupId, actor.kindergartenId);
    if (!from) return refuse('not_found', { object: 'group', id: move.fromGroupId });
    if (!to) return refuse('not_found', { object: 'group', id: move.toGroupId });
    const next = nextAgeGroup(from.age_group as AgeGroup);
    if (next === 'school')
      return refuse('not_next_age_group', { from: from.age_group, to: 'school', expected: 'school' });
    const children = await attendingOf(tx, from.id);
    if (from.id === to.id) {
      await tx.query('update groups set age_group = $2, updated_at = $3 where id = $1', [from.id, next, now]);
    } else {
      const target = checkMoveUpTarget(from.age_group as AgeGroup, to.age_group as AgeGroup);
      if (!target.ok) return target;
      const load = await loadGroupLoad(tx, to.id, now);
      const arriving = children.map(() => ({ enrolledOn: p.movesOn, departedOn: null }));
      const capacity = checkCapacity(to.capacity, p.movesOn, {
        attending: [...load.attending, ...arriving],
        promised: load.promised,
      });
      if (!capacity.ok) return capacity;
      await tx.query(
        `update enrollments set group_id = $2, updated_at = $3 where group_id = $1 and departed_on is null and not deleted`,
        [from.id, to.id, now],
      );
    }
    await recordGroupDeparture(tx, actor, from.id, 'move_up', p.movesOn, p, children.length, now);
  }
  return allowed;
}
