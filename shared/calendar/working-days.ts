import { DateTime } from 'luxon';
import type { CalendarDay } from './types.js';
import { assertCount, assertInstant, assertIsoDate, daysBetween, isWeekend, plusDays } from './dates.js';

/**
 * Working-day arithmetic for queue windows and contract deadlines (product brief, "Working days"):
 * a date is a working day iff the calendar table has a `working_day` row for it, or it is Monday–
 * Friday with no `holiday`/`day_off` row. A window "of N working days" counts from the next working
 * day after the local date of publication and closes at 23:59:59.999 of the Nth one, in the city's
 * zone (Asia/Almaty, UTC+5 since 2024-03-01). Everything is pure; instants are Dates, dates are
 * ISO `YYYY-MM-DD` strings, and bad input (not a date, n negative or fractional, unknown zone) throws.
 */

export const CITY_ZONE = 'Asia/Almaty';

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  entry(date: string): CalendarDay | undefined;
  /**
   * The last date the table covers (31 December of its last year), or null for a table with no
   * rows (weekends only, as pure tests use it). Counting working days past it throws
   * {@link CalendarYearNotLoaded}: an unknown year is never silently counted as ordinary weekdays.
   */
  readonly lastDate?: string | null;
}

/** A count of working days reached a year the calendar table does not hold. */
export class CalendarYearNotLoaded extends Error {
  constructor(readonly year: number) {
    super(`The working-day calendar has no rows for ${year}: load that year's calendar`);
    this.name = 'CalendarYearNotLoaded';
  }
}

/** A search for a working day gives up after this many non-working days in a row (a broken table). */
const MAX_NON_WORKING_RUN = 366;

/** A calendar over the table's rows; throws on a row whose date is not an ISO date or is repeated. */
export function calendarFromTable(days: readonly CalendarDay[]): WorkingCalendar {
  const byDate = new Map<string, CalendarDay>();
  for (const day of days) {
    assertIsoDate(day.date, 'calendar row date');
    if (byDate.has(day.date)) throw new Error(`The calendar has more than one row for ${day.date}`);
    byDate.set(day.date, day);
  }
  const lastYear = Math.max(...[...byDate.keys()].map((date) => Number(date.slice(0, 4))));
  return {
    lastDate: byDate.size === 0 ? null : `${lastYear}-12-31`,
    isWorkingDay(date) {
      assertIsoDate(date);
      const row = byDate.get(date);
      return row ? row.kind === 'working_day' : !isWeekend(date);
    },
    entry(date) {
      assertIsoDate(date);
      return byDate.get(date);
    },
  };
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  assertIsoDate(date);
  return calendar.isWorkingDay(date);
}

/** The first `n` working days strictly after `date`, in order. */
function workingDaysFrom(date: string, n: number, calendar: WorkingCalendar): string[] {
  const found: string[] = [];
  let current = date;
  let run = 0;
  const last = calendar.lastDate ?? null;
  while (found.length < n) {
    current = plusDays(current, 1);
    if (last !== null && current > last) throw new CalendarYearNotLoaded(Number(current.slice(0, 4)));
    if (calendar.isWorkingDay(current)) {
      found.push(current);
      run = 0;
    } else if (++run > MAX_NON_WORKING_RUN) {
      throw new Error(`No working day in the ${MAX_NON_WORKING_RUN} days after ${current}: check the calendar`);
    }
  }
  return found;
}

/** The Nth working day after `date` (not counting `date` itself); n = 0 returns `date`. */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  assertIsoDate(date);
  assertCount(n);
  return workingDaysFrom(date, n, calendar).at(-1) ?? date;
}

/** The local date (YYYY-MM-DD) of an instant in `zone`. */
export function cityDate(instant: Date, zone: string = CITY_ZONE): string {
  assertInstant(instant);
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new Error(`Unknown time zone ${JSON.stringify(zone)}`);
  return local.toISODate();
}

/** The city's UTC offset in minutes per month (Asia/Almaty's offset changes only at a month's start: UTC+6 → +5 on 1 March 2024). */
const cityOffsets = new Map<string, number>();

/**
 * The instant of a city-local date and time (minutes after midnight). Cheap (one zone look-up a
 * month, then integer arithmetic): the demo city's thousands of children are born, apply and enroll
 * through it.
 */
export function cityInstant(date: string, minutes: number): Date {
  const month = date.slice(0, 7);
  let offset = cityOffsets.get(month);
  if (offset === undefined) {
    offset = DateTime.fromISO(`${month}-15T12:00`, { zone: CITY_ZONE }).offset;
    cityOffsets.set(month, offset);
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + (minutes - offset) * 60_000);
}

/** Minutes after city-local midnight of an instant. */
export function cityMinutes(instant: Date): number {
  const local = DateTime.fromJSDate(instant, { zone: CITY_ZONE });
  return local.hour * 60 + local.minute;
}

/** The first `MM-DD` strictly after the city date of `now` (e.g. the next 1 June). */
export function nextMonthDay(now: Date, monthDay: string): string {
  const today = cityDate(now);
  const thisYear = `${today.slice(0, 4)}-${monthDay}`;
  return thisYear > today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${monthDay}`;
}

/** The latest working day on or before `date`. */
export function workingDayOnOrBefore(date: string, calendar: WorkingCalendar): string {
  let d = date;
  while (!calendar.isWorkingDay(d)) d = plusDays(d, -1);
  return d;
}

const endsOfDays = new Map<string, number>();

/**
 * The last instant of a local date: the start of the next local day minus 1 ms. Remembered per
 * zone and date (a few dates a day are asked for, thousands of times in a claim rush).
 */
function endOfLocalDay(date: string, zone: string): Date {
  const key = `${zone} ${date}`;
  const known = endsOfDays.get(key);
  if (known !== undefined) return new Date(known);
  const start = DateTime.fromISO(date, { zone });
  if (!start.isValid) throw new Error(`Unknown time zone ${JSON.stringify(zone)}`);
  const end = start.plus({ days: 1 }).startOf('day').minus({ milliseconds: 1 }).toMillis();
  if (endsOfDays.size >= 4096) endsOfDays.clear();
  endsOfDays.set(key, end);
  return new Date(end);
}

/** The `n` working days of a window opened at `instant`: from the next working day after its local date. */
export function workingDaysAfter(
  instant: Date,
  n: number,
  calendar: WorkingCalendar,
  zone: string = CITY_ZONE,
): string[] {
  assertCount(n);
  return workingDaysFrom(cityDate(instant, zone), n, calendar);
}

/**
 * When a window of `n` working days opened at `instant` closes: 23:59:59.999 local time of the Nth
 * working day after the instant's local date (n = 0: the end of that local date itself).
 * Published Friday 2026-06-05 15:00 in Almaty with n = 3 → 2026-06-10T18:59:59.999Z (Wednesday).
 */
export function endOfNthWorkingDayAfter(
  instant: Date,
  n: number,
  calendar: WorkingCalendar,
  zone: string = CITY_ZONE,
): Date {
  return endOfLocalDay(addWorkingDays(cityDate(instant, zone), n, calendar), zone);
}

/**
 * How many weekdays past the table count for one working day there (see
 * {@link endOfNthWorkingDayAfterAtLeast}): no run of five weekdays in Kazakhstan has more than
 * four days off (Nauryz with a moved day off), so two weekdays per working day never ends early.
 */
export const UNKNOWN_YEAR_WEEKDAYS_PER_WORKING_DAY = 2;

/**
 * The end of the Nth working day after `instant`, never earlier than the true one when the count
 * runs past the table: working days are counted in the table up to its last date, and each one
 * still missing counts as {@link UNKNOWN_YEAR_WEEKDAYS_PER_WORKING_DAY} weekdays (Monday–Friday)
 * after it. Returns whether the table ran out (`provisional`). For deadlines a person must not
 * lose by a year not yet loaded (a parent's contract deadline, a returned seat's window).
 */
export function endOfNthWorkingDayAfterAtLeast(
  instant: Date,
  n: number,
  calendar: WorkingCalendar,
  zone: string = CITY_ZONE,
): { end: Date; provisional: boolean } {
  try {
    return { end: endOfNthWorkingDayAfter(instant, n, calendar, zone), provisional: false };
  } catch (error) {
    if (!(error instanceof CalendarYearNotLoaded) || !calendar.lastDate) throw error;
    const last = calendar.lastDate;
    let missing = n;
    for (let d = plusDays(cityDate(instant, zone), 1); d <= last; d = plusDays(d, 1)) {
      if (calendar.isWorkingDay(d)) missing -= 1;
    }
    let date = last > cityDate(instant, zone) ? last : cityDate(instant, zone);
    for (let weekdays = missing * UNKNOWN_YEAR_WEEKDAYS_PER_WORKING_DAY; weekdays > 0;) {
      date = plusDays(date, 1);
      if (!isWeekend(date)) weekdays -= 1;
    }
    return { end: endOfLocalDay(date, zone), provisional: true };
  }
}

/** The same for a window counted in calendar days: 23:59:59.999 local of the Nth day after. */
export function endOfNthCalendarDayAfter(instant: Date, n: number, zone: string = CITY_ZONE): Date {
  assertCount(n);
  return endOfLocalDay(plusDays(cityDate(instant, zone), n), zone);
}

/**
 * Working days left for a countdown: the number of working dates d with
 * localDate(fromInstant) < d ≤ localDate(toInstant), or 0 when toInstant's local date is not after
 * fromInstant's. Today is never counted, so on the last day of a window it is 0, and for every
 * instant t: workingDaysBetween(t, endOfNthWorkingDayAfter(t, n)) = n.
 */
export function workingDaysBetween(
  fromInstant: Date,
  toInstant: Date,
  calendar: WorkingCalendar,
  zone: string = CITY_ZONE,
): number {
  assertInstant(toInstant, 'toInstant');
  const to = cityDate(toInstant, zone);
  let count = 0;
  for (let d = plusDays(cityDate(fromInstant, zone), 1); d <= to; d = plusDays(d, 1)) {
    if (calendar.isWorkingDay(d)) count += 1;
  }
  return count;
}

/** How many days ahead the end of the calendar table is announced (server log, admin CLI). */
export const CALENDAR_END_WARNING_DAYS = 90;

/**
 * Whether the calendar table ends within `withinDays` days of `today` (city date): its last date
 * and the days left (0 on the last date itself, negative once past it), or null when it reaches
 * further or holds no rows.
 */
export function calendarEndsSoon(
  calendar: WorkingCalendar,
  today: string,
  withinDays: number = CALENDAR_END_WARNING_DAYS,
): { lastDate: string; daysLeft: number } | null {
  assertIsoDate(today);
  const lastDate = calendar.lastDate ?? null;
  if (lastDate === null) return null;
  const daysLeft = daysBetween(today, lastDate);
  return daysLeft <= withinDays ? { lastDate, daysLeft } : null;
}
