/**
 * The one date module: calendar-date arithmetic on ISO `YYYY-MM-DD` strings, zone-free (whole days
 * counted from the epoch, so no day is ever 23 or 25 hours long), the rules' months and yearly
 * ranges, and the input guards every public calendar function shares. ISO dates compare correctly
 * as strings. A bad input is a programming error here, so it throws an Error that names the value
 * instead of guessing. Plain integer arithmetic, not a date library: every claim and every countdown
 * runs through these functions. Dates in the city's zone (instants to dates and back) are in
 * working-days.ts beside it, the zod schemas of dates in shared/domain/dates.ts.
 * test/layering/one-date-module.test.ts fails when any of these functions is defined again elsewhere.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface DateFields {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

function fieldsOf(date: unknown): DateFields | null {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The year, month and day of a real calendar date written YYYY-MM-DD; throws for anything else. */
export function parseIsoDate(date: string): DateFields {
  const fields = fieldsOf(date);
  if (!fields) throw new Error(`Not a calendar date: ${JSON.stringify(date)}`);
  return fields;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD of a year, month and day that are already a real date (years 0–9999). */
export function formatIsoDate({ year, month, day }: DateFields): string {
  if (year < 0 || year > 9999) throw new Error(`Year ${year} is outside 0–9999`);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days since 1970-01-01 (negative before). */
function dayNumber({ year, month, day }: DateFields): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return Math.round(at.getTime() / DAY_MS);
}

function fromDayNumber(days: number): string {
  const at = new Date(days * DAY_MS);
  return formatIsoDate({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() });
}

/** Throws unless `date` is a real calendar date written as YYYY-MM-DD. */
export function assertIsoDate(date: unknown, what = 'date'): asserts date is string {
  if (!fieldsOf(date)) {
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
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(parseIsoDate(date)) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: string): boolean {
  return weekdayOf(date) >= 6;
}

export function plusDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(parseIsoDate(date)) + days);
}

/** The date's year as a number. */
export function yearOf(date: string): number {
  return parseIsoDate(date).year;
}

/** Days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(parseIsoDate(to)) - dayNumber(parseIsoDate(from));
}

/** 1 = January … 12 = December. */
export function monthOf(date: string): number {
  return parseIsoDate(date).month;
}

/** `MM-DD` of a date, for yearly ranges such as the August pause. */
export function monthDayOf(date: string): string {
  parseIsoDate(date);
  return date.slice(5);
}

/** The date `months` later; a day missing in the target month becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function plusMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return formatIsoDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

/**
 * Whole months from `from` to `to` (negative if `to` is earlier): the largest m with
 * plusMonths(from, m) ≤ to. A child born 10 December is 5 months old on 1 June.
 */
export function wholeMonthsBetween(from: string, to: string): number {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  let months = (end.year - start.year) * 12 + (end.month - start.month);
  while (plusMonths(from, months) > to) months -= 1;
  while (plusMonths(from, months + 1) <= to) months += 1;
  return months;
}

/** Is `monthDay` inside the yearly range, both ends inclusive? A range may wrap the new year (12-20 … 01-10). */
export function inMonthDayRange(monthDay: string, range: { from: string; to: string }): boolean {
  return range.from <= range.to
    ? range.from <= monthDay && monthDay <= range.to
    : monthDay >= range.from || monthDay <= range.to;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant an ISO 8601 instant with its offset names (the shared domain's instants, as
 * `isoInstant` checks them and the server's loaders select them); throws on any other text.
 */
export function parseIsoInstant(iso: string, what = 'instant'): Date {
  const at = ISO_INSTANT.test(iso) ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) {
    throw new Error(`Expected ${what} as an ISO instant with its offset, got ${JSON.stringify(iso)}`);
  }
  return at;
}

/** An instant as the shared domain writes it: ISO 8601 in UTC with milliseconds (`…T…:….sssZ`). */
export function formatIsoInstant(instant: Date, what = 'instant'): string {
  assertInstant(instant, what);
  return instant.toISOString();
}

/** Orders ISO instants (any offset) by time. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** The instant `ms` milliseconds after `instant`. */
export function plusMs(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}
