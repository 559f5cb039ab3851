import type { Group } from '../domain/index.js';
import { groupLoadOf, monthlyLoad, type LoadSources } from '../rules/index.js';

/**
 * The occupancy forecast: for each of the next months, the seats of the groups given (one
 * kindergarten's or the city's) as the unit calendar counts them — each group's month through
 * `monthlyLoad`, the capacity-by-date function the server enforces, from the group's load as the
 * server's SQL selects it (`groupLoadOf`). A month's figures are the sums over the groups of each
 * group's peak day (the day of its highest occupancy, not the month's first day):
 * capacity; attending; referrals (seats held by live referrals and contracts); published seats not
 * yet claimed (held returned seats among them); early booking (of the promised seats counted on the
 * peak day, those that free up after today: booked ahead of their date); the peak occupancy; free
 * seats (capacity minus the peak: free on every day of the month, negative when over); departures
 * dated in the month (graduation, move-up, other); and the groups over capacity on some day of it.
 */
export interface ForecastMonth {
  /** YYYY-MM. */
  month: string;
  capacity: number;
  attending: number;
  referrals: number;
  published: number;
  earlyBooking: number;
  peak: number;
  free: number;
  graduation: number;
  moveUp: number;
  otherDepartures: number;
  /** Groups with some day of the month over capacity. */
  groupsOver: number;
}

const emptyMonth = (month: string): ForecastMonth => ({
  month,
  capacity: 0,
  attending: 0,
  referrals: 0,
  published: 0,
  earlyBooking: 0,
  peak: 0,
  free: 0,
  graduation: 0,
  moveUp: 0,
  otherDepartures: 0,
  groupsOver: 0,
});

function byGroup<T extends { groupId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.groupId);
    if (list) list.push(item);
    else out.set(item.groupId, [item]);
  }
  return out;
}

export function occupancyForecast(
  groups: readonly Group[],
  sources: LoadSources,
  today: string,
  now: Date,
  months = 12,
): ForecastMonth[] {
  const result: ForecastMonth[] = [];
  // Each group's own enrollments and seats, partitioned once: groupLoadOf reads only the group's
  // (a returned seat's republication is counted per publication, whose seats are all in its
  // group), so the load is the same — without reading the whole city's rows once per group, which
  // took a 5,000-group city's report 50 s (bench/scenarios/big-city.ts).
  const enrollmentsOf = byGroup(sources.enrollments);
  const seatsOf = byGroup(sources.seats);
  for (const group of groups) {
    const load = groupLoadOf(
      group.id,
      { ...sources, enrollments: enrollmentsOf.get(group.id) ?? [], seats: seatsOf.get(group.id) ?? [] },
      now,
    );
    monthlyLoad(group.capacity, today, load, months).forEach((m, i) => {
      const month = (result[i] ??= emptyMonth(m.month));
      month.capacity += m.capacity;
      month.attending += m.peak.attending;
      month.referrals += m.peak.referred;
      month.published += m.peak.published + m.peak.held;
      month.earlyBooking += load.promised
        .filter((p) => p.availableFrom > today && p.availableFrom <= m.peak.date)
        .reduce((sum, p) => sum + (p.count ?? 1), 0);
      month.peak += m.peak.occupancy;
      month.free += m.free;
      month.graduation += m.departures.graduation;
      month.moveUp += m.departures.moveUp;
      month.otherDepartures += m.departures.termination;
      if (m.overCapacity.length > 0) month.groupsOver += 1;
    });
  }
  // No groups: the months still stand, with nothing in them.
  if (result.length === 0)
    for (const m of monthlyLoad(0, today, { attending: [], promised: [] }, months)) result.push(emptyMonth(m.month));
  return result;
}
