import { DateTime } from 'luxon';
import { CITY_ZONE, cityDate, type WorkingCalendar } from '../../shared/calendar/index.js';

/**
 * Date arithmetic the demo seed needs. Plain dates (YYYY-MM-DD) with native UTC arithmetic —
 * thousands of children are born, enrolled and apply, so this stays cheap — and instants in the
 * city's zone (Asia/Almaty) through luxon.
 */

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

const toUtc = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function plusDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY);
}

/** The date `months` later; a day missing in the target month becomes its last day (as the rules count age). */
export function plusMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(Number(date.slice(8, 10)), lastDay)));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY);
}

/** The city's UTC offset in minutes per month (the zone's rules change at month starts: UTC+6 → +5 on 1 March 2024). */
const offsets = new Map<string, number>();

/** The instant of a city-local date and time (minutes after midnight). */
export function cityInstant(date: string, minutes: number): Date {
  const month = date.slice(0, 7);
  let offset = offsets.get(month);
  if (offset === undefined) {
    offset = DateTime.fromISO(`${month}-15T12:00`, { zone: CITY_ZONE }).offset;
    offsets.set(month, offset);
  }
  return new Date(toUtc(date) + (minutes - offset) * 60_000);
}

/** Minutes after city-local midnight of an instant. */
export function cityMinutes(instant: Date): number {
  const local = DateTime.fromJSDate(instant, { zone: CITY_ZONE });
  return local.hour * 60 + local.minute;
}

/** The latest working day on or before `date`. */
export function workingDayOnOrBefore(date: string, calendar: WorkingCalendar): string {
  let d = date;
  while (!calendar.isWorkingDay(d)) d = plusDays(d, -1);
  return d;
}

/** The first `MM-DD` strictly after the city date of `now` (e.g. the next 1 June). */
export function nextMonthDay(now: Date, monthDay: string): string {
  const today = cityDate(now);
  const thisYear = `${today.slice(0, 4)}-${monthDay}`;
  return thisYear > today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${monthDay}`;
}

export const addMs = (instant: Date, ms: number) => new Date(instant.getTime() + ms);
