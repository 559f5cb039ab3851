import { allowed, refuse, type Verdict } from '../commands/rejection.js';

/**
 * Capacity is by date.
 * Source: product.md, "Rules to implement" › Capacity is by date: on every date, children attending
 * a group (enrolled, not yet departed) plus seats promised for that date (active referrals,
 * unclaimed published seats) never exceed the group's capacity; early-booking seats count from
 * their available-from date, so a full group can publish the seats its graduates free on 1 September.
 * › Departures free seats … from its date.
 */

/** A child's stay in the group: counted on date d iff enrolledOn ≤ d and (departedOn is null or d < departedOn). */
export type Attendance = { enrolledOn: string; departedOn: string | null };

/** Seats promised from a date on: an active referral (count 1) or a publication's unclaimed seats. */
export type PromisedSeat = { availableFrom: string; count?: number };

/** Everything that occupies a group's seats over time. */
export type GroupLoad = { attending: readonly Attendance[]; promised: readonly PromisedSeat[] };

export type Occupancy = { date: string; occupancy: number };

function attendsOn(child: Attendance, date: string): boolean {
  return child.enrolledOn <= date && (child.departedOn === null || date < child.departedOn);
}

/** Children attending plus seats promised on one date. */
export function occupancyOn(date: string, load: GroupLoad): number {
  const attending = load.attending.filter((child) => attendsOn(child, date)).length;
  const promised = load.promised
    .filter((seat) => seat.availableFrom <= date)
    .reduce((sum, seat) => sum + (seat.count ?? 1), 0);
  return attending + promised;
}

/**
 * The highest occupancy on any date from `fromDate` on, and the first date it is reached.
 * Occupancy only changes where a stay starts or ends or a promise begins, so only those dates
 * (and `fromDate`) are evaluated, in one sweep.
 */
export function peakOccupancy(fromDate: string, load: GroupLoad): Occupancy {
  const changes = new Map<string, number>();
  const change = (date: string, delta: number) => changes.set(date, (changes.get(date) ?? 0) + delta);
  for (const child of load.attending) {
    const stays = child.departedOn === null || child.enrolledOn < child.departedOn;
    if (!stays) continue;
    if (child.enrolledOn > fromDate) change(child.enrolledOn, 1);
    if (child.departedOn !== null && child.departedOn > fromDate) change(child.departedOn, -1);
  }
  for (const seat of load.promised) if (seat.availableFrom > fromDate) change(seat.availableFrom, seat.count ?? 1);

  let peak: Occupancy = { date: fromDate, occupancy: occupancyOn(fromDate, load) };
  let occupancy = peak.occupancy;
  for (const date of [...changes.keys()].sort()) {
    occupancy += changes.get(date) ?? 0;
    if (occupancy > peak.occupancy) peak = { date, occupancy };
  }
  return peak;
}

/**
 * Does the group's load fit its capacity on every date from `fromDate` on? If not, names the
 * date of the highest occupancy: 'over_capacity' { date, capacity, occupancy }.
 */
export function checkCapacity(capacity: number, fromDate: string, load: GroupLoad): Verdict {
  const peak = peakOccupancy(fromDate, load);
  if (peak.occupancy <= capacity) return allowed;
  return refuse('over_capacity', { date: peak.date, capacity, occupancy: peak.occupancy });
}

/**
 * May the group's capacity be lowered to `newCapacity` from `fromDate` (today, city date)?
 * Never below what attends or is promised on any later date: 'capacity_below_occupancy'.
 */
export function checkCapacityChange(newCapacity: number, fromDate: string, load: GroupLoad): Verdict {
  const peak = peakOccupancy(fromDate, load);
  if (peak.occupancy <= newCapacity) return allowed;
  return refuse('capacity_below_occupancy', { date: peak.date, capacity: newCapacity, occupancy: peak.occupancy });
}
