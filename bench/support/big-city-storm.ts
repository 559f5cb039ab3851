import type { Db } from '../../server/db/db.js';
import { kindergartenId, stormKindergartenIndex, STORM_KINDERGARTENS } from './big-city-generate.js';

/**
 * The claim day's publications: one per storm kindergarten (publication j at
 * `stormKindergartenIndex(j)`), for children born in 2023 in Russian, each of `seats` seats, all
 * published a moment ago and open to all at once — made in three set-based statements. Returns
 * the publication ids in j order.
 */
export async function openStormPublications(db: Db, seats: number): Promise<string[]> {
  const ids = Array.from({ length: STORM_KINDERGARTENS }, (_, j) => kindergartenId(stormKindergartenIndex(j)));
  await db.query(
    `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
     select gen_random_uuid(), k.id,
            (select g.id from groups g where g.kindergarten_id = k.id and g.language = 'ru' order by g.id limit 1),
            2023, 'ru', $2, '2027-01-11', 'approved', now()
       from unnest($1::uuid[]) as k(id)`,
    [ids, seats],
  );
  await db.query(
    `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, birth_year, language, seats, available_from,
            published_at, window_closes_at, updated_at)
     select gen_random_uuid(), e.kindergarten_id, e.group_id, e.id, 2023, 'ru', e.seats, e.available_from,
            now() - interval '1 minute', null, now()
       from schedule_entries e where e.kindergarten_id = any ($1::uuid[]) and e.available_from = '2027-01-11'`,
    [ids],
  );
  await db.query(
    `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
     select gen_random_uuid(), p.id, p.kindergarten_id, p.group_id, p.available_from, 'open', now()
       from publications p, generate_series(1, p.seats)
      where p.kindergarten_id = any ($1::uuid[]) and p.available_from = '2027-01-11'`,
    [ids],
  );
  const rows = await db.query<{ id: string; kindergarten_id: string }>(
    `select id, kindergarten_id from publications where kindergarten_id = any ($1::uuid[]) and available_from = '2027-01-11'`,
    [ids],
  );
  const byKindergarten = new Map(rows.map((r) => [r.kindergarten_id, r.id]));
  return ids.map((id) => byKindergarten.get(id)!);
}

/** Double bookings after the storm: a seat with two referrals, a child with two live referrals, more referrals than seats. */
export async function doubleBookings(
  db: Db,
  publicationIds: string[],
): Promise<{ referrals: number; doubled: number }> {
  const [row] = await db.query<{ referrals: number; doubled: number }>(
    `select (select count(*)::int from referrals where publication_id = any ($1::uuid[])) as referrals,
            (select count(*)::int from referrals where publication_id = any ($1::uuid[]))
              - (select count(distinct seat_id)::int from referrals where publication_id = any ($1::uuid[]))
              + (select count(*)::int from (select applicant_id from referrals where status in ('active', 'contracted', 'enrolled')
                                             group by applicant_id having count(*) > 1) d)
              + (select count(*)::int from publications p
                  where p.id = any ($1::uuid[])
                    and (select count(*) from referrals r where r.publication_id = p.id) > p.seats) as doubled`,
    [publicationIds],
  );
  return row!;
}
