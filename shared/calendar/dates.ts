/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings, zone-free (whole days counted from the
 * epoch, so no day is ever 23 or 25 hours long), plus the input guards every public calendar
 * function shares. A bad input is a programming error here, so it throws an Error that names the
 * value instead of guessing. Plain integer arithmetic, not a date library: every claim and every
 * countdown runs through these functions.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
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
