import { allowed, refuse } from '../commands/rejection.js';
import { peakOccupancy, type GroupLoad } from './capacity-by-date.js';

/**
 * Capacity is by date.
 * Source: docs/rules.md, Rules › Capacity is by date: on every date, children attending
 * a group (enrolled, not yet departed) plus seats promised for that date (active referrals,
 * unclaimed published seats) never exceed the group's capacity; early-booking seats count from
 * their available-from date, so a full group can publish the seats its graduates free on 1 September.
 * › Departures free seats … from its date. The arithmetic of the load by date is capacity-by-date.ts.
 */

export {
  occupancyOn,
  peakOccupancy,
  type Attendance,
  type GroupLoad,
  type Occupancy,
  type PromisedSeat,
} from './capacity-by-date.js';

/**
 * Does the group's load fit its capacity on every date from `fromDate` on? If not, names the
 * date of the highest occupancy: 'over_capacity' { date, capacity, occupancy }.
 */
export function checkCapacity(capacity: number, fromDate: string, load: GroupLoad) {
  const peak = peakOccupancy(fromDate, load);
  if (peak.occupancy <= capacity) return allowed;
  return refuse('over_capacity', { date: peak.date, capacity, occupancy: peak.occupancy });
}

/**
 * May the group's capacity be lowered to `newCapacity` from `fromDate` (today, city date)?
 * Never below what attends or is promised on any later date: 'capacity_below_occupancy'.
 */
export function checkCapacityChange(newCapacity: number, fromDate: string, load: GroupLoad) {
  const peak = peakOccupancy(fromDate, load);
  if (peak.occupancy <= newCapacity) return allowed;
  return refuse('capacity_below_occupancy', { date: peak.date, capacity: newCapacity, occupancy: peak.occupancy });
}
