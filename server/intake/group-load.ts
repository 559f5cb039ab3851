import type { GroupLoad } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';

/**
 * A group's load by date, as the capacity rule counts it: the children attending (enrolled, not
 * yet departed) and the seats promised — unclaimed open seats and seats held by a live referral
 * (active before its deadline, or contracted) — each from its available-from date.
 */
export async function loadGroupLoad(db: Queryable, groupId: string, now: Date): Promise<GroupLoad> {
  const attending = await db.query<{ enrolledOn: string; departedOn: string | null }>(
    `select enrolled_on::text as "enrolledOn", departed_on::text as "departedOn"
       from enrollments where group_id = $1 and not deleted`,
    [groupId],
  );
  const promised = await db.query<{ availableFrom: string; count: number }>(
    `select s.available_from::text as "availableFrom", count(*)::int as count
       from seats s left join referrals r on r.id = s.referral_id
      where s.group_id = $1 and not s.deleted
        and (s.status = 'open'
             or (s.status = 'claimed' and (r.status = 'contracted' or (r.status = 'active' and r.contract_deadline >= $2))))
      group by s.available_from`,
    [groupId, now],
  );
  return { attending, promised };
}

/** Locks the group row for the rest of the transaction, so capacity checks on it are serialized. */
export async function lockGroup(db: Queryable, groupId: string, kindergartenId: string) {
  const rows = await db.query<{ id: string; capacity: number; age_group: string; language: string; name: string }>(
    `select id, capacity, age_group, language, name from groups
      where id = $1 and kindergarten_id = $2 and not deleted for update`,
    [groupId, kindergartenId],
  );
  return rows[0] ?? null;
}
