import { cityDate } from '../../shared/calendar/index.js';
import type { DepartmentReport, ReportQuery } from '../../shared/department/reports.js';
import type { Departure, Enrollment, Group, Publication, Referral, Seat } from '../../shared/domain/index.js';
import { intakeStatistics, occupancyForecast } from '../../shared/reports/index.js';
import type { Queryable } from '../db/db.js';
import { collectionPolicies } from '../replication/collections.js';
import type { ReplicatedCollection } from '../../shared/replication/protocol.js';
import type { DepartmentContext } from './sessions.js';

/**
 * The kindergartens' documents exactly as their replicas receive them (the replication's own
 * column mapping), so the shared report functions count the server's figures and a desk's alike.
 */
async function documentsOf<D>(db: Queryable, name: ReplicatedCollection, kindergartenIds: readonly string[]) {
  const policy = collectionPolicies[name];
  const rows = await db.query<Record<string, unknown>>(
    `select ${policy.columns} from ${policy.table} where kindergarten_id = any ($1::uuid[]) and not deleted`,
    [kindergartenIds],
  );
  return rows.map((row) => policy.toDocument(row) as unknown as D);
}

/**
 * The department's report for its city or one of the city's kindergartens (another city's
 * kindergarten is as if it did not exist: null, a 404 for the route): the intake statistics for
 * the period and the occupancy forecast for the 12 months from today.
 */
export async function departmentReport(
  db: Queryable,
  department: DepartmentContext,
  query: ReportQuery,
  now: Date,
): Promise<DepartmentReport | null> {
  const [city] = await db.query<{ id: string; name_ru: string; name_kk: string }>(
    'select id, name_ru, name_kk from cities where id = $1',
    [department.cityId],
  );
  const kindergartens = await db.query<{ id: string; name_ru: string; name_kk: string }>(
    `select id, name_ru, name_kk from kindergartens
      where city_id = $1 and not deleted and ($2::uuid is null or id = $2) order by id`,
    [department.cityId, query.kindergartenId ?? null],
  );
  if (!city || (query.kindergartenId && kindergartens.length === 0)) return null;
  const ids = kindergartens.map((k) => k.id);
  const [groups, publications, seats, referrals, enrollments, departures] = await Promise.all([
    documentsOf<Group>(db, 'groups', ids),
    documentsOf<Publication>(db, 'publications', ids),
    documentsOf<Seat>(db, 'seats', ids),
    documentsOf<Referral>(db, 'referrals', ids),
    documentsOf<Enrollment>(db, 'enrollments', ids),
    documentsOf<Departure>(db, 'departures', ids),
  ]);
  const today = cityDate(now);
  const one = query.kindergartenId ? kindergartens[0]! : null;
  return {
    kindergarten: one ? { id: one.id, nameRu: one.name_ru, nameKk: one.name_kk } : null,
    city: { id: city.id, nameRu: city.name_ru, nameKk: city.name_kk },
    today,
    statistics: intakeStatistics({ from: query.from, to: query.to }, { publications, referrals, enrollments }, now),
    forecast: occupancyForecast(
      groups,
      { enrollments, seats, referrals: new Map(referrals.map((r) => [r.id, r])), publications, departures },
      today,
      now,
    ),
  };
}
