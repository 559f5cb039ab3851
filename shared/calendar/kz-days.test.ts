import { DateTime } from 'luxon';
import { kzCalendarDays, kzRuleOptions } from './kz-days.js';
import { checkCalendar } from './rules.js';
import { calendarDaySchema } from './types.js';
import { addWorkingDays, calendarFromTable } from './working-days.js';

/** "Resulting non-working weekdays" and working weekends of kz-calendar.md, written out. */
const NON_WORKING_WEEKDAYS: Record<number, string[]> = {
  2024: '01-01 01-02 03-08 03-21 03-22 03-25 05-01 05-07 05-08 05-09 07-08 08-30 10-25 12-16'.split(' '),
  2025: '01-01 01-02 01-03 01-07 03-10 03-21 03-24 03-25 05-01 05-07 05-09 06-06 07-07 09-01 10-27 12-16'.split(' '),
  2026: '01-01 01-02 01-07 03-09 03-23 03-24 03-25 05-01 05-07 05-11 05-27 07-06 10-26 12-16'.split(' '),
  2027: '01-01 01-04 01-07 03-08 03-15 03-22 03-23 03-24 05-03 05-07 05-10 07-06 10-25 12-16'.split(' '),
};
const WORKING_WEEKENDS: Record<number, string[]> = { 2024: ['05-04'], 2025: ['01-05'], 2026: [], 2027: [] };
const YEARS = [2024, 2025, 2026, 2027];

const offWeekdays = new Set(YEARS.flatMap((y) => (NON_WORKING_WEEKDAYS[y] ?? []).map((md) => `${y}-${md}`)));
const workingWeekends = new Set(YEARS.flatMap((y) => (WORKING_WEEKENDS[y] ?? []).map((md) => `${y}-${md}`)));

/** Independent oracle: plain UTC Date arithmetic over the lists above, one day at a time. */
function naiveAddWorkingDays(start: string, n: number): string {
  const day = new Date(`${start}T00:00:00Z`);
  for (let left = n; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const iso = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (weekend ? workingWeekends.has(iso) : !offWeekdays.has(iso)) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

/** A valid UTC luxon date, so that toISODate() is a string. */
function utc(iso: string): DateTime<true> {
  const parsed = DateTime.fromISO(iso, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`bad test date ${iso}`);
  return parsed;
}

const calendar = calendarFromTable(kzCalendarDays);
const daysOf = (year: number) => {
  const first = utc(`${year}-01-01`);
  return Array.from({ length: first.daysInYear }, (_, i) => first.plus({ days: i }));
};

describe('the shipped Kazakhstan calendar table', () => {
  it('holds only valid rows, one per date, sorted by date', () => {
    for (const day of kzCalendarDays) expect(calendarDaySchema.safeParse(day).success, day.date).toBe(true);
    const dates = kzCalendarDays.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates).toEqual([...dates].sort());
  });

  it.each(YEARS)('makes exactly the weekdays listed for %i non-working', (year) => {
    const off = daysOf(year)
      .filter((d) => d.weekday <= 5 && !calendar.isWorkingDay(d.toISODate()))
      .map((d) => d.toISODate().slice(5));
    expect(off).toEqual(NON_WORKING_WEEKDAYS[year]);
  });

  it.each(YEARS)('makes exactly the weekend days listed for %i working', (year) => {
    const worked = daysOf(year)
      .filter((d) => d.weekday >= 6 && calendar.isWorkingDay(d.toISODate()))
      .map((d) => d.toISODate().slice(5));
    expect(worked).toEqual(WORKING_WEEKENDS[year]);
  });

  it('keeps Orthodox Christmas and Kurban Ait on a Sunday without a moved day off', () => {
    expect(calendar.entry('2024-01-07')?.kind).toBe('holiday');
    expect(calendar.entry('2024-01-08')).toBeUndefined();
    expect(calendar.entry('2024-06-16')?.nameEn).toBe('Kurban Ait (first day)');
    expect(calendar.entry('2024-06-17')).toBeUndefined();
  });

  it('no longer has 30 August from 2026 and has 15 March only from 2027', () => {
    expect(calendar.entry('2025-08-30')?.kind).toBe('holiday');
    expect(calendar.entry('2026-08-30')).toBeUndefined();
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.entry('2026-03-15')).toBeUndefined();
    expect(calendar.isWorkingDay('2026-03-16')).toBe(true);
    expect(calendar.entry('2027-03-15')?.nameEn).toBe('Constitution Day');
  });

  it('marks all of 2027 and Kurban Ait 2026 provisional, and nothing else', () => {
    const provisional = kzCalendarDays.filter((d) => d.provisional).map((d) => d.date);
    const expected = kzCalendarDays.filter((d) => d.date.startsWith('2027-')).map((d) => d.date);
    expect(provisional).toEqual(['2026-05-27', ...expected]);
  });

  it('gives every row a source and names in three languages', () => {
    expect(calendar.entry('2024-05-08')?.source).toContain('G24G0000109');
    expect(calendar.entry('2025-01-05')?.source).toContain('G24G0000436');
    expect(calendar.entry('2026-03-25')?.nameRu).toBe('Выходной день вместо 22 марта (Наурыз мейрамы)');
    expect(calendar.entry('2026-03-25')?.nameKk).toBe('22 наурыз (Наурыз мейрамы) орнына демалыс күні');
    expect(calendar.entry('2026-03-25')?.nameEn).toBe('Day off in lieu of 22 March (Nauryz)');
  });

  it('uses the Kurban Ait dates and transfers of kz-calendar.md to check each year', () => {
    expect(kzRuleOptions[2024]).toMatchObject({
      kurbanAit: '2024-06-16',
      transfers: [{ workingDay: '2024-05-04', dayOff: '2024-05-08' }],
    });
    expect(kzRuleOptions[2025]).toMatchObject({
      kurbanAit: '2025-06-06',
      transfers: [{ workingDay: '2025-01-05', dayOff: '2025-01-03' }],
    });
    expect(kzRuleOptions[2026]).toEqual({ kurbanAit: '2026-05-27', transfers: [] });
    expect(kzRuleOptions[2027]).toEqual({ kurbanAit: '2027-05-16', transfers: [] });
  });

  it.each(YEARS)('agrees with the rules for %i', (year) => {
    const options = kzRuleOptions[year];
    if (!options) throw new Error(`no rule options for ${year}`);
    expect(checkCalendar(kzCalendarDays, year, options)).toEqual([]);
  });

  it('counts the same working days as a naive day-by-day loop over the listed dates', () => {
    const first = utc('2023-12-01');
    let seed = 20260605;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let i = 0; i < 400; i += 1) {
      const start = first.plus({ days: random(4 * 366) }).toISODate();
      const n = random(30);
      expect(addWorkingDays(start, n, calendar), `${start} + ${n}`).toBe(naiveAddWorkingDays(start, n));
    }
  });
});
