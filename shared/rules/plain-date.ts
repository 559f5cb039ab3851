import { z } from 'zod';
import { daysInMonth, formatIsoDate, parseIsoDate as parse } from '../calendar/dates.js';

/**
 * Plain calendar dates (`YYYY-MM-DD`, no time, no zone) as the rules use them: available-from
 * dates, birth dates, enrollment and departure dates. ISO dates compare correctly as strings.
 * Source: product.md, "Rules to implement" (age groups, capacity by date).
 */

export const isoDateSchema = z.iso.date();

export function yearOf(date: string): number {
  return parse(date).year;
}

/** 1 = January … 12 = December. */
export function monthOf(date: string): number {
  return parse(date).month;
}

/** `MM-DD` of a date, for yearly ranges such as the August pause. */
export function monthDayOf(date: string): string {
  parse(date);
  return date.slice(5);
}

/** The date `months` later; a day missing in the target month becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function plusMonths(date: string, months: number): string {
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  return formatIsoDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

/**
 * Whole months from `from` to `to` (negative if `to` is earlier): the largest m with
 * plusMonths(from, m) ≤ to. A child born 10 December is 5 months old on 1 June.
 */
export function wholeMonthsBetween(from: string, to: string): number {
  const start = parse(from);
  const end = parse(to);
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

/** Orders ISO instants (any offset) by time. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
