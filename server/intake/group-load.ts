import type { AgeGroup } from '../../shared/domain/group.js';
import { groupAgeGroupOn, type GroupLoad } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { countedSeats } from './counted-seats.js';

/**
 * A group's load by date, as the capacity rule counts it: the children attending (enrolled, not
 * yet departed) and the seats promised, each from its available-from date — the seats that count
 * (counted-seats.ts: unclaimed open seats, seats held by a live referral, returned seats still to
 * be republished). Two columns of one statement; `$1` is the group, `$2` now. This SQL only
 * selects; the arithmetic over dates is shared/rules/capacity-by-date.ts (through checkCapacity),
 * the same the desk's unit calendar shows, which selects the same seats from its replica
 * (promisedSeatKind).
 */
const groupLoadColumns = `
  coalesce((select json_agg(json_build_object('enrolledOn', e.enrolled_on::text, 'departedOn', e.departed_on::text))
              from enrollments e where e.group_id = $1 and not e.deleted), '[]'::json) as attending,
  coalesce((select json_agg(json_build_object('availableFrom', p.available_from, 'count', p.count, 'kind', p.kind))
              from (select c.available_from::text as available_from, count(*)::int as count, c.kind
                      from (${countedSeats('$2')}) c
                     where c.group_id = $1
                     group by c.available_from, c.kind) p), '[]'::json) as promised`;

export async function loadGroupLoad(db: Queryable, groupId: string, now: Date): Promise<GroupLoad> {
  const [load] = await db.query<GroupLoad>(`select ${groupLoadColumns}`, [groupId, now], { prepare: true });
  return load!;
}

export interface LockedGroup {
  id: string;
  capacity: number;
  age_group: AgeGroup;
  next_age_group: AgeGroup | null;
  next_age_group_on: string | null;
  language: string;
  name: string;
}

/** The locked group's age group on a date (a relabelling move-up takes effect on its date). */
export const ageGroupOn = (group: LockedGroup, date: string): AgeGroup =>
  groupAgeGroupOn(
    { ageGroup: group.age_group, nextAgeGroup: group.next_age_group, nextAgeGroupOn: group.next_age_group_on },
    date,
  );

/**
 * Locks the group row for the rest of the transaction, so capacity checks on it are serialized.
 * FOR NO KEY UPDATE: a claim inserting a referral of the group (key share, for its foreign key) is
 * not blocked by it, so a claim holding a seat never waits for a batch that waits for that seat.
 */
export async function lockGroup(db: Queryable, groupId: string, kindergartenId: string): Promise<LockedGroup | null> {
  const rows = await db.query<LockedGroup>(
    `select id, capacity, age_group, next_age_group, next_age_group_on::text as next_age_group_on, language, name from groups
      where id = $1 and kindergarten_id = $2 and not deleted for no key update`,
    [groupId, kindergartenId],
    { prepare: true },
  );
  return rows[0] ?? null;
}
