import { DateTime } from 'luxon';
import { CITY_ZONE, cityDate } from '../calendar/index.js';
import { inMonthDayRange, monthDayOf, plusDays } from '../calendar/dates.js';
import { allowed, refuse } from '../commands/rejection.js';
import { ageGroupFor, intakeYear } from './age-groups.js';
import { checkCapacity, type GroupLoad } from './capacity.js';
import type { RegionalSettings } from './settings.js';

/**
 * What can be published, early booking, and the earliest enrollment date.
 * Source: docs/rules.md, Rules › What can be published (seats of an approved schedule
 * entry or a vacancy left by a departure — never more than the entry or vacancy holds, never beyond
 * capacity on the available-from date), › Age groups (publications target a birth year), › Departures
 * free seats (publication can be paused 1–31 August, a setting), › Early booking (available-from in
 * the future; the child is enrolled only on or after available-from); "The process" §2 and §5.
 */

/** Where the seats come from, with how many of its seats are not yet published. */
export type PublicationSource =
  { kind: 'schedule_entry'; approved: boolean; remainingSeats: number } | { kind: 'vacancy'; remainingSeats: number };

export type PublicationRequest = {
  seats: number;
  source: PublicationSource;
  birthYear: number;
  availableFrom: string;
  /** The group the seats are in: its capacity and its load without this publication. */
  groupCapacity: number;
  groupLoad: GroupLoad;
};

/** Is publishing paused on the city date of `now` (the August pause setting)? */
export function inPublicationPause(now: Date, settings: RegionalSettings): boolean {
  return settings.augustPause !== null && inMonthDayRange(monthDayOf(cityDate(now, CITY_ZONE)), settings.augustPause);
}

/** The first instant after the August pause holding a seat returned at `returnedAt` (itself when no pause held it). */
export function publicationPauseRelease(returnedAt: Date, settings: RegionalSettings): Date | null {
  if (!inPublicationPause(returnedAt, settings)) return returnedAt;
  const pause = settings.augustPause!;
  const date = cityDate(returnedAt);
  const year = Number(date.slice(0, 4));
  const lastDay = `${year}-${pause.to}`;
  const end = plusDays(lastDay < date ? `${year + 1}-${pause.to}` : lastDay, 1);
  return DateTime.fromISO(end, { zone: CITY_ZONE }).toJSDate();
}

/**
 * May these seats be published at `now`? Reported in this order: seat count, August pause,
 * unapproved schedule entry, more seats than the source holds, birth year not admissible on
 * available-from, capacity exceeded on some date from today (city date) on.
 */
export function checkPublication(request: PublicationRequest, now: Date, settings: RegionalSettings) {
  const { seats, source, birthYear, availableFrom } = request;
  if (!Number.isInteger(seats) || seats < 1) return refuse('invalid_seat_count', { seats });
  const today = cityDate(now, CITY_ZONE);
  if (settings.augustPause !== null && inPublicationPause(now, settings)) {
    return refuse('august_pause', { date: today, from: settings.augustPause.from, to: settings.augustPause.to });
  }
  if (source.kind === 'schedule_entry' && !source.approved) return refuse('schedule_entry_not_approved');
  if (seats > source.remainingSeats) {
    return refuse('exceeds_source_seats', { source: source.kind, seats, remainingSeats: source.remainingSeats });
  }
  if (ageGroupFor(birthYear, availableFrom) === null) {
    return refuse('birth_year_not_admissible', { birthYear, availableFrom, intakeYear: intakeYear(availableFrom) });
  }
  const load: GroupLoad = {
    attending: request.groupLoad.attending,
    promised: [...request.groupLoad.promised, { availableFrom, count: seats }],
  };
  return checkCapacity(request.groupCapacity, today, load);
}

/** Early booking: seats published before the date they free up (available-from after today, city date). */
export function isEarlyBooking(availableFrom: string, now: Date): boolean {
  return availableFrom > cityDate(now, CITY_ZONE);
}

/** A child is enrolled only on or after the seat's available-from date. */
export function canEnrollOn(enrollmentDate: string, availableFrom: string) {
  if (enrollmentDate >= availableFrom) return allowed;
  return refuse('enrollment_before_available_from', { enrollmentDate, availableFrom });
}
