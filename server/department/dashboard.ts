import { CITY_ZONE, cityDate } from '../../shared/calendar/index.js';
import {
  DASHBOARD_DEADLINE_LIMIT,
  type CityDashboard,
  type DashboardFigures,
  type DashboardKindergarten,
} from '../../shared/reports/dashboard.js';
import type { Queryable } from '../db/db.js';
import { countedSeats } from '../intake/counted-seats.js';
import { loadSettings } from '../intake/rule-context.js';
import type { DepartmentContext } from './sessions.js';

const DAY_MS = 86_400_000;

interface Row {
  id: string;
  name_ru: string;
  name_kk: string;
  windows_open: number;
  seats_published_today: number;
  seats_claimed_today: number;
  seats_open_to_all: number;
  unclaimed_seats: number;
  awaiting_contract: number;
  nearest_deadline: Date | null;
  enrollments_due: number;
  entries_awaiting_approval: number;
  stale_devices: number;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

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
  const staleBefore = new Date(now.getTime() - settings.staleDeviceDays * DAY_MS);
  const params = [department.cityId, now, today, staleBefore, CITY_ZONE];
  const rows = await db.query<Row>(
    `select k.id, k.name_ru, k.name_kk,
       (select count(*) from publications p where p.kindergarten_id = k.id and ${live}
           and p.window_closes_at >= $2)::int as windows_open,
       (select count(*) from seats s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and not p.deleted and not s.deleted
           and (p.published_at at time zone $5)::date = $3::date)::int as seats_published_today,
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and (r.claimed_at at time zone $5)::date = $3::date)::int as seats_claimed_today,
       (select count(*) from (${unclaimed}) s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and ${live}
           and (p.window_closes_at is null or p.window_closes_at < $2))::int as seats_open_to_all,
       (select count(*) from (${unclaimed}) s join publications p on p.id = s.publication_id
         where p.kindergarten_id = k.id and ${live}
           and s.available_from <= $3::date)::int as unclaimed_seats,
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'active' and r.contract_deadline >= $2)::int as awaiting_contract,
       (select min(r.contract_deadline) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'active' and r.contract_deadline >= $2) as nearest_deadline,
       (select count(*) from referrals r where r.kindergarten_id = k.id and not r.deleted
           and r.status = 'contracted' and r.available_from <= $3::date)::int as enrollments_due,
       (select count(*) from schedule_entries e where e.kindergarten_id = k.id and not e.deleted
           and e.status = 'submitted')::int as entries_awaiting_approval,
       (select count(*) from (select d.device_id from device_sessions d join staff st on st.id = d.staff_id
                               where d.kindergarten_id = k.id and d.revoked_at is null and d.expires_at > $2
                                 and st.disabled_at is null
                               group by d.device_id having max(d.last_seen_at) < $4) stale)::int as stale_devices
       from kindergartens k
      where k.city_id = $1 and not k.deleted
      order by k.name_ru, k.id`,
    params,
  );
  const deadlines = await db.query<{ kindergarten_id: string; number: string; claimed_at: Date; deadline: Date }>(
    `select r.kindergarten_id, r.number, r.claimed_at, r.contract_deadline as deadline
       from referrals r join kindergartens k on k.id = r.kindergarten_id
      where k.city_id = $1 and not k.deleted and not r.deleted and r.status = 'active' and r.contract_deadline >= $2
      order by r.contract_deadline, r.number
      limit ${DASHBOARD_DEADLINE_LIMIT + 1}`,
    [department.cityId, now],
  );
  const kindergartens = rows.map((r): DashboardKindergarten => ({
    id: r.id,
    nameRu: r.name_ru,
    nameKk: r.name_kk,
    windowsOpen: Number(r.windows_open),
    seatsPublishedToday: Number(r.seats_published_today),
    seatsClaimedToday: Number(r.seats_claimed_today),
    seatsOpenToAll: Number(r.seats_open_to_all),
    unclaimedSeats: Number(r.unclaimed_seats),
    awaitingContract: Number(r.awaiting_contract),
    nearestDeadline: iso(r.nearest_deadline),
    enrollmentsDue: Number(r.enrollments_due),
    entriesAwaitingApproval: Number(r.entries_awaiting_approval),
    staleDevices: Number(r.stale_devices),
  }));
  return {
    at: now.toISOString(),
    today,
    staleDeviceDays: settings.staleDeviceDays,
    city: cityFigures(kindergartens),
    kindergartens,
    deadlines: deadlines.slice(0, DASHBOARD_DEADLINE_LIMIT).map((d) => ({
      kindergartenId: d.kindergarten_id,
      number: d.number,
      claimedAt: new Date(d.claimed_at).toISOString(),
      deadline: new Date(d.deadline).toISOString(),
    })),
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
