import fc from 'fast-check';
import { DateTime } from 'luxon';
import { kzCalendarDays } from './kz-days.js';
import type { CalendarDay } from './types.js';
import {
  CITY_ZONE,
  addWorkingDays,
  calendarFromTable,
  endOfNthWorkingDayAfter,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.js';

const calendar = calendarFromTable(kzCalendarDays);
/** A valid UTC luxon date, so that toISODate() is a string. */
function utc(iso: string): DateTime<true> {
  const parsed = DateTime.fromISO(iso, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`bad test date ${iso}`);
  return parsed;
}

const FIRST = utc('2023-06-01');
/** Dates up to August 2027: 40 working days later is still inside the shipped table (it ends with 2027). */
const dateArb = fc.integer({ min: 0, max: 1535 }).map((i) => FIRST.plus({ days: i }).toISODate());
const countArb = fc.integer({ min: 1, max: 40 });
const instantArb = fc.date({
  min: new Date('2023-06-01T00:00:00Z'),
  max: new Date('2027-08-31T00:00:00Z'),
  noInvalidDate: true,
});
const kindArb = fc.constantFrom<CalendarDay['kind']>('holiday', 'day_off', 'working_day');
const tableArb = fc
  .uniqueArray(fc.tuple(dateArb, kindArb), { selector: ([date]) => date, maxLength: 200 })
  .map((rows) =>
    rows.map(([date, kind]): CalendarDay => ({
      date,
      kind,
      nameRu: 'т',
      nameKk: 'т',
      nameEn: 't',
      source: 'test',
      provisional: false,
    })),
  )
  // Every random table covers the years the counts reach (a working Friday, 31 December 2027).
  .map((rows) => [
    ...rows.filter((row) => row.date !== '2027-12-31'),
    {
      ...rows[0],
      date: '2027-12-31',
      kind: 'working_day' as const,
      nameRu: 'т',
      nameKk: 'т',
      nameEn: 't',
      source: 'test',
      provisional: false,
    },
  ]);

/** Saturday or Sunday, by plain Date arithmetic. */
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/** Working days d with from < d ≤ to, counted one calendar day at a time. */
function countWorkingDays(cal: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let d = utc(from).plus({ days: 1 }); d.toISODate() <= to; d = d.plus({ days: 1 })) {
    if (cal.isWorkingDay(d.toISODate())) count += 1;
  }
  return count;
}

describe('working-day properties', () => {
  it('lands the Nth working day after a date on a working day', () => {
    fc.assert(fc.property(dateArb, countArb, (d, n) => calendar.isWorkingDay(addWorkingDays(d, n, calendar))));
  });

  it('moves strictly later as n grows', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 }), (d, n) => {
        const here = addWorkingDays(d, n, calendar);
        return addWorkingDays(d, n + 1, calendar) > here && (n === 0 ? here === d : here > d);
      }),
    );
  });

  it('finds exactly n working days between a date and its Nth working day', () => {
    fc.assert(
      fc.property(dateArb, countArb, (d, n) => countWorkingDays(calendar, d, addWorkingDays(d, n, calendar)) === n),
    );
  });

  it('closes a window at 23:59:59.999 local time on a working day after the instant', () => {
    fc.assert(
      fc.property(instantArb, countArb, (instant, n) => {
        const end = endOfNthWorkingDayAfter(instant, n, calendar);
        const local = DateTime.fromJSDate(end, { zone: CITY_ZONE });
        expect(local.toFormat('HH:mm:ss.SSS')).toBe('23:59:59.999');
        expect(end.getTime()).toBeGreaterThan(instant.getTime());
        expect(calendar.isWorkingDay(local.toISODate() ?? '')).toBe(true);
        expect(workingDaysBetween(instant, end, calendar)).toBe(n);
      }),
    );
  });

  it('never makes a weekend day working without a working_day row, whatever the table', () => {
    fc.assert(
      fc.property(tableArb, dateArb, (table, d) => {
        const cal = calendarFromTable(table);
        const weekend = isWeekend(d);
        const kind = cal.entry(d)?.kind;
        if (weekend && kind !== 'working_day') return !cal.isWorkingDay(d);
        return cal.isWorkingDay(d) === (kind === undefined ? !weekend : kind === 'working_day');
      }),
    );
  });

  it('never makes a weekend day of the shipped table working except 4 May 2024 and 5 January 2025', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const weekend = isWeekend(d);
        return !weekend || !calendar.isWorkingDay(d) || d === '2024-05-04' || d === '2025-01-05';
      }),
    );
  });
});
