import { kzCalendarDays } from './kz-days.js';
import {
  addWorkingDays,
  calendarFromTable,
  cityDate,
  cityInstant,
  cityMinutes,
  endOfNthCalendarDayAfter,
  endOfNthWorkingDayAfter,
  isWorkingDay,
  nextMonthDay,
  workingDayOnOrBefore,
  workingDaysAfter,
  workingDaysBetween,
} from './working-days.js';

const calendar = calendarFromTable(kzCalendarDays);
/** An instant written in Almaty local time (UTC+5 from 2024-03-01). */
const almaty = (local: string) => new Date(`${local}+05:00`);
const closes = (local: string, n = 3) => endOfNthWorkingDayAfter(almaty(local), n, calendar).toISOString();

describe('working days in Kazakhstan', () => {
  it('closes a window published on Friday at the end of the following Wednesday', () => {
    expect(closes('2026-06-05T15:00:00')).toBe('2026-06-10T18:59:59.999Z');
    expect(workingDaysAfter(almaty('2026-06-05T15:00:00'), 3, calendar)).toEqual([
      '2026-06-08',
      '2026-06-09',
      '2026-06-10',
    ]);
  });

  it('skips all five Nauryz days of 2026, including the two moved past the Monday holiday', () => {
    expect(workingDaysAfter(almaty('2026-03-20T10:00:00'), 3, calendar)).toEqual([
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
    ]);
    expect(closes('2026-03-20T10:00:00')).toBe('2026-03-30T18:59:59.999Z');
  });

  it('counts the working Sunday 5 January 2025 and skips the transferred Friday 3 January', () => {
    expect(isWorkingDay('2025-01-03', calendar)).toBe(false);
    expect(isWorkingDay('2025-01-05', calendar)).toBe(true);
    expect(workingDaysAfter(almaty('2024-12-31T12:00:00'), 3, calendar)).toEqual([
      '2025-01-05',
      '2025-01-06',
      '2025-01-08',
    ]);
  });

  it('counts the working Saturday 4 May 2024 and skips 7–9 May', () => {
    expect(workingDaysAfter(almaty('2024-05-02T12:00:00'), 3, calendar)).toEqual([
      '2024-05-03',
      '2024-05-04',
      '2024-05-06',
    ]);
    expect(addWorkingDays('2024-05-06', 2, calendar)).toBe('2024-05-13');
  });

  it('works the Friday between the 7 May and 11 May 2026 days off', () => {
    expect(workingDaysAfter(almaty('2026-05-06T09:00:00'), 3, calendar)).toEqual([
      '2026-05-08',
      '2026-05-12',
      '2026-05-13',
    ]);
    expect(closes('2026-05-06T09:00:00')).toBe('2026-05-13T18:59:59.999Z');
  });

  it('starts counting a day later for a publication at 00:01 than at 23:59 the evening before', () => {
    expect(closes('2026-06-04T23:59:00')).toBe('2026-06-09T18:59:59.999Z');
    expect(closes('2026-06-05T00:01:00')).toBe('2026-06-10T18:59:59.999Z');
  });

  it('reads an instant given in UTC by its date in Almaty, which can be the next day', () => {
    const instant = new Date('2026-06-04T20:30:00Z');
    expect(cityDate(instant)).toBe('2026-06-05');
    expect(cityDate(instant, 'UTC')).toBe('2026-06-04');
    expect(endOfNthWorkingDayAfter(instant, 3, calendar).toISOString()).toBe('2026-06-10T18:59:59.999Z');
  });

  it('ends 29 February 2024 at its second 23:59:59.999, after the clocks went from UTC+6 to UTC+5', () => {
    const published = new Date('2024-02-28T10:00:00Z');
    expect(endOfNthWorkingDayAfter(published, 1, calendar).toISOString()).toBe('2024-02-29T18:59:59.999Z');
    expect(endOfNthWorkingDayAfter(published, 2, calendar).toISOString()).toBe('2024-03-01T18:59:59.999Z');
    expect(cityDate(new Date('2024-02-29T18:30:00Z'))).toBe('2024-02-29');
  });

  it('closes a window of one calendar day at the end of the next local day, weekend or not', () => {
    expect(endOfNthCalendarDayAfter(almaty('2026-06-05T15:00:00'), 1).toISOString()).toBe('2026-06-06T18:59:59.999Z');
    expect(endOfNthCalendarDayAfter(almaty('2026-06-05T15:00:00'), 0).toISOString()).toBe('2026-06-05T18:59:59.999Z');
  });

  it('counts down the whole working days left after today', () => {
    const closing = endOfNthWorkingDayAfter(almaty('2026-06-05T15:00:00'), 3, calendar);
    const left = (local: string) => workingDaysBetween(almaty(local), closing, calendar);
    expect(left('2026-06-05T15:00:00')).toBe(3);
    expect(left('2026-06-06T12:00:00')).toBe(3);
    expect(left('2026-06-08T10:00:00')).toBe(2);
    expect(left('2026-06-10T10:00:00')).toBe(0);
    expect(left('2026-06-11T10:00:00')).toBe(0);
  });

  it('returns the date itself for zero working days and an empty window', () => {
    expect(addWorkingDays('2026-03-22', 0, calendar)).toBe('2026-03-22');
    expect(workingDaysAfter(almaty('2026-03-20T10:00:00'), 0, calendar)).toEqual([]);
  });

  it('refuses a date that is not YYYY-MM-DD, a negative or fractional count and an invalid instant or zone', () => {
    expect(() => addWorkingDays('2026-6-5', 1, calendar)).toThrow(/ISO date/);
    expect(() => addWorkingDays('2026-02-30', 1, calendar)).toThrow(/ISO date/);
    expect(() => isWorkingDay('2026-W23', calendar)).toThrow(/ISO date/);
    expect(() => calendar.isWorkingDay('')).toThrow(/ISO date/);
    expect(() => addWorkingDays('2026-06-05', -1, calendar)).toThrow(/whole number/);
    expect(() => addWorkingDays('2026-06-05', 1.5, calendar)).toThrow(/whole number/);
    expect(() => workingDaysAfter(new Date('2026-06-05'), Number.NaN, calendar)).toThrow(/whole number/);
    expect(() => endOfNthCalendarDayAfter(new Date('2026-06-05'), -2)).toThrow(/whole number/);
    expect(() => cityDate(new Date('not a date'))).toThrow(/valid Date/);
    expect(() => cityDate(new Date(), 'Asia/Nowhere')).toThrow(/time zone/);
    expect(() => workingDaysBetween(new Date(), new Date(Number.NaN), calendar)).toThrow(/toInstant/);
  });

  it('refuses a table with two rows for one date, and gives up on a table without working days', () => {
    const row = kzCalendarDays[0]!;
    expect(() => calendarFromTable([row, row])).toThrow(/more than one row for 2024-01-01/);
    const never = { isWorkingDay: () => false, entry: () => undefined };
    expect(() => addWorkingDays('2026-01-01', 1, never)).toThrow(/No working day/);
  });
});

describe('the city’s wall clock', () => {
  it('turns a city date and minutes after midnight into the instant, at +6 before 1 March 2024 and +5 after', () => {
    expect(cityInstant('2026-06-01', 9 * 60).toISOString()).toBe('2026-06-01T04:00:00.000Z');
    expect(cityInstant('2024-02-29', 0).toISOString()).toBe('2024-02-28T18:00:00.000Z');
    expect(cityInstant('2024-03-01', 0).toISOString()).toBe('2024-02-29T19:00:00.000Z');
    expect(cityMinutes(cityInstant('2026-06-01', 23 * 60 + 59))).toBe(23 * 60 + 59);
  });

  it('finds the next month-day strictly after the city date, and the last working day on or before a date', () => {
    // 31 May 2026 18:00 UTC is 23:00 in the city (+5): 1 June is still ahead; at 19:00 UTC it is today.
    expect(nextMonthDay(new Date('2026-05-31T18:00:00Z'), '06-01')).toBe('2026-06-01');
    expect(nextMonthDay(new Date('2026-05-31T19:00:00Z'), '06-01')).toBe('2027-06-01');
    expect(nextMonthDay(new Date('2026-05-31T19:00:00Z'), '06-02')).toBe('2026-06-02');
    const calendar = calendarFromTable(kzCalendarDays);
    expect(workingDayOnOrBefore('2026-06-07', calendar)).toBe('2026-06-05'); // a Sunday → Friday
    expect(workingDayOnOrBefore('2026-06-05', calendar)).toBe('2026-06-05');
  });
});
