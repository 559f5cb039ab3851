import type { Group } from '../../../../shared/domain/index.js';
import { groupLoadOf, loadOn, monthlyLoad, type LoadSources, type MonthLoad } from '../../../../shared/rules/index.js';

/** The group's load as the capacity rule counts it (the same selection as the server's SQL). */
export const groupLoad = groupLoadOf;

export interface GroupSeats {
  group: Group;
  attending: number;
  referred: number;
  published: number;
  held: number;
  free: number;
}

/** Seats of one group on a date: capacity, attending, referred, published (unclaimed), held and free. */
export function groupSeatsOn(group: Group, date: string, sources: LoadSources, now: Date): GroupSeats {
  const day = loadOn(date, groupLoad(group.id, sources, now));
  return { group, ...day, free: group.capacity - day.occupancy };
}

/** The group's unit calendar: each of the next `months` months' peak, departures and days over capacity. */
export function groupCalendar(
  group: Group,
  fromDate: string,
  sources: LoadSources,
  now: Date,
  months = 12,
): MonthLoad[] {
  return monthlyLoad(group.capacity, fromDate, groupLoad(group.id, sources, now), months);
}

export type { LoadSources };
