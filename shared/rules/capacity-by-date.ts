import { parseIsoDate, plusDays, daysInMonth, formatIsoDate } from '../calendar/dates.js';

/**
 * Capacity by date: the one arithmetic of a group's load over time. The server's enforcement
 * (checkCapacity, checkCapacityChange: from the load its SQL selects), the desk's seats table and
 * unit calendar, and the department's forecast all count through these functions.
 * Source: docs/rules.md, Rules › Capacity is by date: on every date, children attending
 * a group (enrolled, not yet departed) plus seats promised for that date (active referrals,
 * unclaimed published seats) never exceed the group's capacity; early-booking seats count from
 * their available-from date. › Departures free seats … from its date.
 */

/** Why a child leaves a group (the movement register's kinds). */
export type LeaveKind = 'graduation' | 'move_up' | 'termination' | 'account_blocked';

/** A child's stay in the group: counted on date d iff enrolledOn ≤ d and (departedOn is null or d < departedOn). */
export type Attendance = { enrolledOn: string; departedOn: string | null; leaves?: LeaveKind | null };

/**
 * What holds a promised seat: a live referral, an unclaimed published seat, or a returned seat
 * held until it is republished. Without a kind a promise counts as published.
 */
export type PromiseKind = 'referral' | 'published' | 'held';

/** Seats promised from a date on: an active referral (count 1) or a publication's unclaimed seats. */
export type PromisedSeat = { availableFrom: string; count?: number; kind?: PromiseKind };

/** Everything that occupies a group's seats over time. */
export type GroupLoad = { attending: readonly Attendance[]; promised: readonly PromisedSeat[] };

export type Occupancy = { date: string; occupancy: number };

/** A group's load on one date, by what occupies its seats; `occupancy` is their sum. */
export interface DayLoad {
  date: string;
  attending: number;
  referred: number;
  published: number;
  held: number;
  occupancy: number;
}

const attendsOn = (child: Attendance, date: string) =>
  child.enrolledOn <= date && (child.departedOn === null || date < child.departedOn);

/** The load on one date: children attending and seats promised from that date or earlier. */
export function loadOn(date: string, load: GroupLoad): DayLoad {
  const day: DayLoad = { date, attending: 0, referred: 0, published: 0, held: 0, occupancy: 0 };
  for (const child of load.attending) if (attendsOn(child, date)) day.attending += 1;
  for (const seat of load.promised) {
    if (seat.availableFrom > date) continue;
    const kind = seat.kind ?? 'published';
    day[kind === 'referral' ? 'referred' : kind] += seat.count ?? 1;
  }
  day.occupancy = day.attending + day.referred + day.published + day.held;
  return day;
}

/** Children attending plus seats promised on one date. */
export const occupancyOn = (date: string, load: GroupLoad): number => loadOn(date, load).occupancy;

/**
 * The occupancy from `fromDate` on as steps: the first is `fromDate` itself, each next one a later
 * date the occupancy changes on (a stay starts or ends, a promise begins), ascending. Between two
 * steps the occupancy is constant, so every question about later dates is answered from these.
 */
export function occupancySteps(fromDate: string, load: GroupLoad): Occupancy[] {
  const changes = new Map<string, number>();
  const change = (date: string, delta: number) => changes.set(date, (changes.get(date) ?? 0) + delta);
  for (const child of load.attending) {
    const stays = child.departedOn === null || child.enrolledOn < child.departedOn;
    if (!stays) continue;
    if (child.enrolledOn > fromDate) change(child.enrolledOn, 1);
    if (child.departedOn !== null && child.departedOn > fromDate) change(child.departedOn, -1);
  }
  for (const seat of load.promised) if (seat.availableFrom > fromDate) change(seat.availableFrom, seat.count ?? 1);
  const steps: Occupancy[] = [{ date: fromDate, occupancy: occupancyOn(fromDate, load) }];
  let occupancy = steps[0]!.occupancy;
  for (const date of [...changes.keys()].sort()) {
    const delta = changes.get(date) ?? 0;
    if (delta === 0) continue;
    occupancy += delta;
    steps.push({ date, occupancy });
  }
  return steps;
}

/** The highest occupancy on any date from `fromDate` on, and the first date it is reached. */
export function peakOccupancy(fromDate: string, load: GroupLoad): Occupancy {
  let peak = { date: fromDate, occupancy: -Infinity };
  for (const step of occupancySteps(fromDate, load)) if (step.occupancy > peak.occupancy) peak = step;
  return peak;
}

/** One month of a group's calendar: its peak day, the departures in it and its days over capacity. */
export interface MonthLoad {
  /** YYYY-MM. */
  month: string;
  /** The first and last date counted (the first month starts on `fromDate`). */
  from: string;
  to: string;
  capacity: number;
  /** The day of the month's highest occupancy (the first such day), by what occupies the seats. */
  peak: DayLoad;
  /** Capacity minus the peak: the seats free on every day of the month (negative when over). */
  free: number;
  departures: { graduation: number; moveUp: number; termination: number };
  /** Every date of the month whose occupancy exceeds the capacity, ascending. */
  overCapacity: string[];
}

const monthStart = (date: string, plus: number) => {
  const { year, month } = parseIsoDate(date);
  const index = year * 12 + month - 1 + plus;
  return formatIsoDate({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 });
};
const monthEnd = (first: string) => {
  const { year, month } = parseIsoDate(first);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
};

/**
 * The group's calendar for `months` months from `fromDate`'s month: each month's peak over its days
 * (not its first day), the departures dated in it and the days over capacity.
 */
export function monthlyLoad(capacity: number, fromDate: string, load: GroupLoad, months = 12): MonthLoad[] {
  const steps = occupancySteps(fromDate, load);
  const result: MonthLoad[] = [];
  for (let m = 0; m < months; m += 1) {
    const from = m === 0 ? fromDate : monthStart(fromDate, m);
    const to = monthEnd(monthStart(fromDate, m));
    let peak: Occupancy = { date: from, occupancy: -Infinity };
    const overCapacity: string[] = [];
    steps.forEach((step, i) => {
      const next = steps[i + 1]?.date;
      if (next !== undefined && next <= from) return;
      if (step.date > to) return;
      const start = step.date < from ? from : step.date;
      if (step.occupancy > peak.occupancy) peak = { date: start, occupancy: step.occupancy };
      if (step.occupancy <= capacity) return;
      for (let d = start; d <= to && (next === undefined || d < next); d = plusDays(d, 1)) overCapacity.push(d);
    });
    const departures = { graduation: 0, moveUp: 0, termination: 0 };
    for (const child of load.attending) {
      if (child.departedOn === null || child.departedOn < from || child.departedOn > to) continue;
      if (child.enrolledOn >= child.departedOn) continue;
      if (child.leaves === 'graduation') departures.graduation += 1;
      else if (child.leaves === 'move_up') departures.moveUp += 1;
      else departures.termination += 1;
    }
    const day = loadOn(peak.date, load);
    result.push({
      month: from.slice(0, 7),
      from,
      to,
      capacity,
      peak: day,
      free: capacity - day.occupancy,
      departures,
      overCapacity,
    });
  }
  return result;
}
