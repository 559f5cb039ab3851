import { DateTime } from 'luxon';

/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings, zone-free (luxon in UTC, so no day is ever
 * 23 or 25 hours long), plus the input guards every public calendar function shares. A bad input
 * is a programming error here, so it throws an Error that names the value instead of guessing.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: string): DateTime<true> {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`Not a calendar date: ${JSON.stringify(date)}`);
  return parsed;
}

/** Throws unless `date` is a real calendar date written as YYYY-MM-DD. */
export function assertIsoDate(date: unknown, what = 'date'): asserts date is string {
  if (typeof date !== 'string' || !ISO_DATE.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid) {
    throw new Error(`Expected ${what} as an ISO date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
}

/** Throws unless `n` is a whole number ≥ 0. */
export function assertCount(n: unknown, what = 'n'): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new Error(`Expected ${what} to be a whole number ≥ 0, got ${String(n)}`);
  }
}

/** Throws unless `instant` is a valid Date. */
export function assertInstant(instant: unknown, what = 'instant'): asserts instant is Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new Error(`Expected ${what} to be a valid Date, got ${String(instant)}`);
  }
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return parse(date).weekday;
}

export function isWeekend(date: string): boolean {
  return weekdayOf(date) >= 6;
}

export function plusDays(date: string, days: number): string {
  return parse(date).plus({ days }).toISODate();
}

/** The date's year as a number. */
export function yearOf(date: string): number {
  return parse(date).year;
}
