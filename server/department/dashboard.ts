import { DAY_MS, formatIsoInstant, plusMs } from '../../shared/calendar/dates.js';
import { CITY_ZONE, cityDate } from '../../shared/calendar/index.js';
import {
  DASHBOARD_DEADLINE_LIMIT,
  type CityDashboard,
  type DashboardDeadline,
  type DashboardFigures,
  type DashboardKindergarten,
} from '../../shared/reports/dashboard.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import { countedSeats } from '../intake/counted-seats.js';
import { loadSettings } from '../intake/rule-context.js';
import type { DepartmentContext } from './sessions.js';

/** A publication whose seats count at $2 (published, not withdrawn). */
const live = 'not p.deleted and p.published_at <= $2 and (p.withdrawn_at is null or p.withdrawn_at > $2)';

/** The seats that count in their group's load at $2 as still unclaimed (counted-seats.ts). */
const unclaimed = countedSeats('$2', ['published']);

/**
 * The city dashboard at `now`: one row per kindergarten of the session's city, the city's figures
 * their sums (the nearest deadline their earliest), and the referrals waiting for a contract, the
 * nearest deadline first. `$1` city, `$2` now, `$3` today (city date), `$4` the instant before which
 * a device's last sync makes it stale, `$5` the city's zone. The caller has caught up with time
 * (an overdue referral expired, its seat returned) before asking.
 */
export async function cityDashboard(db: Queryable, department: DepartmentContext, now: Date): Promise<CityDashboard> {
  const settings = await loadSettings(db, department.cityId);
  const today = cityDate(now);
  const staleBefore = plusMs(now, -settings.staleDeviceDays * DAY_MS);
  const params = [department.cityId, now, today, staleBefore, CITY_ZONE];
  // Each kindergarten's row is its answer as the shared type: camelCase aliases, counts as int, the
  // deadline as the domain's ISO instant.
  const kindergartens = await db.query<DashboardKindergarten>(
    `select k.id, k.name_ru as "nameRu", k.name_kk as "nameKk",
       (select count(*) from publications p where p.kindergarten_id = k.id and ${live}
           and p.window_closes_at >= $2)::int as "windowsOpen",
       (select count(*) from seats s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and not p.deleted and not s.deleted
           and (p.published_at at time zone $5)::date = $3::date)::int as "seatsPublishedToday",
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and (r.claimed_at at time zone $5)::date = $3::date)::int as "seatsClaimedToday",
       (select count(*) from (${unclaimed}) s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and ${live}
           and (p.window_closes_at is null or p.window_closes_at < $2))::int as "seatsOpenToAll",
       (select count(*) from (${unclaimed}) s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and ${live}
           and s.available_from <= $3::date)::int as "unclaimedSeats",
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'active' and r.contract_deadline >= $2)::int as "awaitingContract",
       ${isoInstantSql(`(select min(r.contract_deadline) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'active' and r.contract_deadline >= $2)`)} as "nearestDeadline",
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'contracted' and r.available_from <= $3::date)::int as "enrollmentsDue",
       (select count(*) from schedule_entries e where e.kindergarten_id = k.id and not e.deleted
           and e.status = 'submitted')::int as "entriesAwaitingApproval",
       (select count(*) from (select d.device_id from device_sessions d join staff st on st.id = d.staff_id
                               where d.kindergarten_id = k.id and d.revoked_at is null and d.expires_at > $2
                                 and st.disabled_at is null
                               group by d.device_id having max(d.last_seen_at) < $4) stale)::int as "staleDevices"
       from kindergartens k
      where k.city_id = $1 and not k.deleted
      order by k.name_ru, k.id`,
    params,
  );
  const deadlines = await db.query<DashboardDeadline>(
    `select r.kindergarten_id as "kindergartenId", r.number, ${isoInstantSql('r.claimed_at')} as "claimedAt",
            ${isoInstantSql('r.contract_deadline')} as deadline
       from referrals r join kindergartens k on k.id = r.kindergarten_id
      where k.city_id = $1 and not k.deleted and not r.deleted and r.status = 'active' and r.contract_deadline >= $2
      order by r.contract_deadline, r.number
      limit ${DASHBOARD_DEADLINE_LIMIT + 1}`,
    [department.cityId, now],
  );
  return {
    at: formatIsoInstant(now),
    today,
    staleDeviceDays: settings.staleDeviceDays,
    city: cityFigures(kindergartens),
    kindergartens,
    deadlines: deadlines.slice(0, DASHBOARD_DEADLINE_LIMIT),
    deadlinesTruncated: deadlines.length > DASHBOARD_DEADLINE_LIMIT,
  };
}

/** The city's figures: each count summed over its kindergartens, the nearest deadline their earliest. */
function cityFigures(kindergartens: readonly DashboardKindergarten[]): DashboardFigures {
  const sum = (key: Exclude<keyof DashboardFigures, 'nearestDeadline'>) =>
    kindergartens.reduce((total, k) => total + k[key], 0);
  const deadlines = kindergartens.flatMap((k) => (k.nearestDeadline ? [k.nearestDeadline] : [])).sort();
  return {
    windowsOpen: sum('windowsOpen'),
    seatsPublishedToday: sum('seatsPublishedToday'),
    seatsClaimedToday: sum('seatsClaimedToday'),
    seatsOpenToAll: sum('seatsOpenToAll'),
    unclaimedSeats: sum('unclaimedSeats'),
    awaitingContract: sum('awaitingContract'),
    nearestDeadline: deadlines[0] ?? null,
    enrollmentsDue: sum('enrollmentsDue'),
    entriesAwaitingApproval: sum('entriesAwaitingApproval'),
    staleDevices: sum('staleDevices'),
  };
}
