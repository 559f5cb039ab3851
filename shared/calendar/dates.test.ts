import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  assertIsoDate,
  compareInstants,
  daysBetween,
  formatIsoInstant,
  inMonthDayRange,
  isWeekend,
  monthDayOf,
  monthOf,
  parseIsoInstant,
  parseIsoDate,
  plusDays,
  plusMonths,
  plusMs,
  weekdayOf,
  wholeMonthsBetween,
  yearOf,
} from './dates.js';

// The date arithmetic is plain integers; luxon (used for zones elsewhere) is the independent oracle.
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const luxon = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }) as DateTime<true>;

describe('plain calendar dates', () => {
  it('agree with luxon on weekdays, day and month shifts', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: -40_000, max: 40_000 }),
        fc.integer({ min: -2400, max: 2400 }),
        (date, days, months) => {
          expect(weekdayOf(date)).toBe(luxon(date).weekday);
          expect(isWeekend(date)).toBe(luxon(date).weekday >= 6);
          expect(plusDays(date, days)).toBe(luxon(date).plus({ days }).toISODate());
          expect(plusMonths(date, months)).toBe(luxon(date).plus({ months }).toISODate());
          expect(yearOf(date)).toBe(luxon(date).year);
          expect(monthOf(date)).toBe(luxon(date).month);
          expect(monthDayOf(date)).toBe(luxon(date).toFormat('MM-dd'));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts whole months the way the age rules read them', () => {
    expect(wholeMonthsBetween('2024-12-10', '2025-06-01')).toBe(5);
    expect(wholeMonthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(plusMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(plusMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(plusMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('refuses what is not a real date written YYYY-MM-DD', () => {
    for (const bad of [
      '2025-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '20240101',
      '2024-01-01T00:00',
      '',
      42,
      null,
    ]) {
      expect(() => assertIsoDate(bad)).toThrow(/ISO date YYYY-MM-DD/);
    }
    expect(() => parseIsoDate('2023-02-29')).toThrow('Not a calendar date: "2023-02-29"');
    expect(() => plusDays('2024-02-30', 1)).toThrow('Not a calendar date');
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});

describe('days, yearly ranges and instants', () => {
  it('counts the days between two dates, across a leap day and backwards', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2027-06-01', '2026-06-01')).toBe(-365);
    expect(() => daysBetween('2024-02-30', '2024-03-01')).toThrow('Not a calendar date');
  });

  it('tells a month-day inside a yearly range, one that wraps the new year too', () => {
    expect(inMonthDayRange('08-15', { from: '08-01', to: '08-31' })).toBe(true);
    expect(inMonthDayRange('09-01', { from: '08-01', to: '08-31' })).toBe(false);
    expect(inMonthDayRange('01-05', { from: '12-20', to: '01-10' })).toBe(true);
    expect(inMonthDayRange('06-01', { from: '12-20', to: '01-10' })).toBe(false);
  });

  it('orders instants by time whatever their offset, and adds milliseconds to one', () => {
    expect(compareInstants('2026-06-01T10:00:00+05:00', '2026-06-01T06:00:00Z')).toBeLessThan(0);
    expect(plusMs(new Date('2026-06-01T00:00:00Z'), 90_000).toISOString()).toBe('2026-06-01T00:01:30.000Z');
  });

  it('reads an ISO instant with its offset and writes one in UTC with milliseconds, refusing anything else', () => {
    expect(parseIsoInstant('2026-06-01T10:00:00+05:00').getTime()).toBe(Date.UTC(2026, 5, 1, 5));
    expect(parseIsoInstant('2026-06-01T05:00:00.123Z').getTime()).toBe(Date.UTC(2026, 5, 1, 5, 0, 0, 123));
    expect(formatIsoInstant(parseIsoInstant('2026-06-01T10:00:00+05:00'))).toBe('2026-06-01T05:00:00.000Z');
    expect(formatIsoInstant(new Date(Date.UTC(2026, 11, 31, 18, 59, 59, 999)))).toBe('2026-12-31T18:59:59.999Z');
    for (const bad of ['2026-06-01', '2026-06-01T10:00:00', 'June 1, 2026', '2026-13-01T00:00:00Z', '']) {
      expect(() => parseIsoInstant(bad, 'windowClosesAt'), bad).toThrow(/^Expected windowClosesAt as an ISO instant/);
    }
    expect(() => formatIsoInstant(new Date(NaN), 'now')).toThrow(/^Expected now to be a valid Date/);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
        (at) => {
          expect(parseIsoInstant(formatIsoInstant(at)).getTime()).toBe(at.getTime());
        },
      ),
    );
  });
});
