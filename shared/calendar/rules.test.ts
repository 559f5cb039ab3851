import { kzCalendarDays, kzRuleOptions } from './kz-days.js';
import { checkCalendar, generateKzCalendar, type KzCalendarOptions } from './rules.js';
import type { CalendarDay } from './types.js';

const noExtras: KzCalendarOptions = { kurbanAit: null, transfers: [] };
const rowsOf = (days: CalendarDay[], kind: CalendarDay['kind']) =>
  days.filter((d) => d.kind === kind).map((d) => d.date);

describe('the Kazakhstan calendar rules', () => {
  it('moves the Nauryz days off of 2026 past the Monday holiday to Tuesday and Wednesday', () => {
    const days = generateKzCalendar(2026, noExtras);
    expect(rowsOf(days, 'day_off').filter((d) => d.startsWith('2026-03'))).toEqual([
      '2026-03-09',
      '2026-03-24',
      '2026-03-25',
    ]);
    expect(days.find((d) => d.date === '2026-03-24')?.nameEn).toBe('Day off in lieu of 21 March (Nauryz)');
  });

  it('never moves Orthodox Christmas or the first day of Kurban Ait off a weekend', () => {
    const days = generateKzCalendar(2024, { kurbanAit: '2024-06-16', transfers: [] });
    expect(days.find((d) => d.date === '2024-01-07')?.kind).toBe('holiday');
    expect(days.find((d) => d.date === '2024-06-16')?.kind).toBe('holiday');
    expect(rowsOf(days, 'day_off')).toEqual(['2024-03-25', '2024-07-08']);
  });

  it('drops 30 August from 2026 and adds 15 March from 2027', () => {
    const holidays = (year: number) => rowsOf(generateKzCalendar(year, noExtras), 'holiday');
    expect(holidays(2025)).toContain('2025-08-30');
    expect(holidays(2026)).not.toContain('2026-08-30');
    expect(holidays(2026)).not.toContain('2026-03-15');
    expect(holidays(2027)).toContain('2027-03-15');
  });

  it('applies a transfer as a working weekend day and a weekday off', () => {
    const days = generateKzCalendar(2025, kzRuleOptions[2025] ?? noExtras);
    expect(rowsOf(days, 'working_day')).toEqual(['2025-01-05']);
    expect(days.find((d) => d.date === '2025-01-03')).toMatchObject({
      kind: 'day_off',
      nameEn: 'Day off transferred from 5 January',
    });
  });

  it('reproduces 2023: New Year on Sunday moves past 2 January, and the July transfer', () => {
    const days = generateKzCalendar(2023, {
      kurbanAit: '2023-06-28',
      transfers: [
        { workingDay: '2023-07-01', dayOff: '2023-07-07', source: 'Government decree No. 326 of 25.04.2023' },
      ],
    });
    expect(rowsOf(days, 'day_off')).toEqual(['2023-01-03', '2023-05-08', '2023-07-07', '2023-12-18']);
    expect(rowsOf(days, 'working_day')).toEqual(['2023-07-01']);
  });

  it('refuses a year it has no rules for, a Kurban Ait of another year and a transfer onto a day off', () => {
    expect(() => generateKzCalendar(2020, noExtras)).toThrow(/2023/);
    expect(() => generateKzCalendar(2026.5, noExtras)).toThrow(/years/);
    expect(() => generateKzCalendar(2026, { kurbanAit: '2027-05-16', transfers: [] })).toThrow(/not in 2026/);
    expect(() => generateKzCalendar(2026, { kurbanAit: '27.05.2026', transfers: [] })).toThrow(/ISO date/);
    const onto = (workingDay: string, dayOff: string) => () =>
      generateKzCalendar(2026, { kurbanAit: null, transfers: [{ workingDay, dayOff, source: 'test' }] });
    expect(onto('2026-05-02', '2026-05-11')).toThrow(/working under the law/);
    expect(onto('2026-05-09', '2026-05-08')).toThrow(/no holiday/);
    expect(onto('2026-05-04', '2026-05-08')).toThrow(/Saturday or Sunday/);
    expect(onto('2026-05-02', '2026-05-08')).not.toThrow();
  });

  it('reports a table that misses a moved day off, adds a holiday or changes a kind', () => {
    const edited = kzCalendarDays
      .filter((d) => d.date !== '2026-03-25')
      .map((d) => (d.date === '2026-05-11' ? { ...d, kind: 'holiday' as const } : d))
      .concat({ ...kzCalendarDays[0]!, date: '2026-03-16', nameEn: 'Constitution Day' });
    expect(checkCalendar(edited, 2026, kzRuleOptions[2026] ?? noExtras)).toEqual([
      '2026-03-16: the table has a holiday (Constitution Day) the rules do not give',
      '2026-03-25: the rules make it a day off (Day off in lieu of 22 March (Nauryz)), the table has no row',
      '2026-05-11: the table has a holiday (Day off in lieu of 9 May (Victory Day)), the rules make it a day off (Day off in lieu of 9 May (Victory Day))',
    ]);
  });

  it('reports duplicate and invalid rows and ignores other years', () => {
    const first = kzCalendarDays[0]!;
    const table = [first, first, { ...first, date: '2024-01-02', nameEn: '' }, { ...first, date: '2030-01-01' }];
    const problems = checkCalendar(table, 2024, kzRuleOptions[2024] ?? noExtras);
    expect(problems).toContain('2024-01-01: the table has more than one row for this date');
    expect(problems.some((p) => p.startsWith('2024-01-02: the table row is invalid'))).toBe(true);
    expect(problems.some((p) => p.startsWith('2030'))).toBe(false);
  });
});
