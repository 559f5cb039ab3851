import { calendarDaySchema, type CalendarDay, type CalendarDayKind } from './types.js';
import { assertIsoDate, isWeekend, plusDays, yearOf } from './dates.js';
import {
  HOLIDAY_NAMES as N,
  SOURCES,
  inLieuOfNames,
  transferredDayOffNames,
  transferredWorkingDayNames,
  type DayNames,
} from './names.js';

/**
 * The rules that generate a year of the Kazakhstan calendar, used to check the shipped, editable
 * table (the table decides). Law No. 267 "On holidays in the Republic of Kazakhstan", art. 5, lists
 * the holidays (30 August up to 2025, 15 March from 2027); a holiday on Saturday or Sunday gives the
 * next weekday that is neither a holiday nor an already moved day off (Nauryz 2026: 21 and 22 March
 * move past the 23rd to the 24th and 25th). Labour Code art. 84(5): 7 January and the first day of
 * Kurban Ait are never moved. Transfers (Labour Code art. 85(3)) are applied last, on top of the law.
 */

export interface CalendarTransfer {
  /** The Saturday or Sunday that becomes a working day. */
  workingDay: string;
  /** The weekday that becomes a day off instead. */
  dayOff: string;
  source: string;
}

export interface KzCalendarOptions {
  /** First day of Kurban Ait in that year, or null when unknown. */
  kurbanAit: string | null;
  transfers: readonly CalendarTransfer[];
}

/** The first year whose holiday list the rules encode (Republic Day restored, 17 December dropped). */
export const FIRST_RULE_YEAR = 2023;

interface Holiday {
  date: string;
  names: DayNames;
  source: string;
  neverMoved: boolean;
}

function lawHolidays(year: number, kurbanAit: string | null): Holiday[] {
  const law = (monthDay: string, names: DayNames): Holiday[] => [
    { date: `${year}-${monthDay}`, names, source: SOURCES.law, neverMoved: false },
  ];
  const holidays = [
    ...law('01-01', N.newYear),
    ...law('01-02', N.newYear),
    { date: `${year}-01-07`, names: N.orthodoxChristmas, source: SOURCES.christmas, neverMoved: true },
    ...law('03-08', N.womensDay),
    ...(year >= 2027 ? law('03-15', N.constitutionDay) : []),
    ...law('03-21', N.nauryz),
    ...law('03-22', N.nauryz),
    ...law('03-23', N.nauryz),
    ...law('05-01', N.unityDay),
    ...law('05-07', N.defenderDay),
    ...law('05-09', N.victoryDay),
    ...law('07-06', N.capitalDay),
    ...(year <= 2025 ? law('08-30', N.constitutionDay) : []),
    ...law('10-25', N.republicDay),
    ...law('12-16', N.independenceDay),
  ];
  if (kurbanAit !== null && !holidays.some((h) => h.date === kurbanAit)) {
    holidays.push({ date: kurbanAit, names: N.kurbanAit, source: SOURCES.kurbanAit, neverMoved: true });
  }
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

const row = (date: string, kind: CalendarDayKind, names: DayNames, source: string): CalendarDay => ({
  date,
  kind,
  ...names,
  source,
  provisional: false,
});

/**
 * Generates the rows of `year`: every holiday (also on weekends), every weekday day off the
 * weekend-holiday rule gives, and each transfer's working weekend day and day off. Rows are sorted
 * by date and never provisional (the rules do not judge confidence). Throws on a year before
 * FIRST_RULE_YEAR, a Kurban Ait date outside the year, or a transfer that does not move a weekend
 * working day onto a working weekday.
 */
export function generateKzCalendar(year: number, options: KzCalendarOptions): CalendarDay[] {
  if (!Number.isSafeInteger(year) || year < FIRST_RULE_YEAR || year > 9999) {
    throw new Error(`The rules cover the years ${FIRST_RULE_YEAR}–9999, got ${String(year)}`);
  }
  if (options.kurbanAit !== null) {
    assertIsoDate(options.kurbanAit, 'kurbanAit');
    if (yearOf(options.kurbanAit) !== year) throw new Error(`Kurban Ait ${options.kurbanAit} is not in ${year}`);
  }
  const days = new Map<string, CalendarDay>();
  const holidays = lawHolidays(year, options.kurbanAit);
  for (const h of holidays) days.set(h.date, row(h.date, 'holiday', h.names, h.source));
  for (const h of holidays) {
    if (h.neverMoved || !isWeekend(h.date)) continue;
    let dayOff = plusDays(h.date, 1);
    while (isWeekend(dayOff) || days.has(dayOff)) dayOff = plusDays(dayOff, 1);
    days.set(dayOff, row(dayOff, 'day_off', inLieuOfNames(h.date, h.names), SOURCES.lawMoved));
  }
  for (const t of options.transfers) {
    assertIsoDate(t.workingDay, 'transfer workingDay');
    assertIsoDate(t.dayOff, 'transfer dayOff');
    if (!isWeekend(t.workingDay) || days.get(t.workingDay)?.kind === 'holiday') {
      throw new Error(`Transfer working day ${t.workingDay} must be a Saturday or Sunday that is no holiday`);
    }
    if (isWeekend(t.dayOff) || days.has(t.dayOff)) {
      throw new Error(`Transfer day off ${t.dayOff} must be a weekday that is working under the law`);
    }
    days.set(t.workingDay, row(t.workingDay, 'working_day', transferredWorkingDayNames(t.dayOff), t.source));
    days.set(t.dayOff, row(t.dayOff, 'day_off', transferredDayOffNames(t.workingDay), t.source));
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const KIND_LABEL: Record<CalendarDayKind, string> = {
  holiday: 'a holiday',
  day_off: 'a day off',
  working_day: 'a working day',
};

/** One way a year of the table differs from the rules (`checkCalendar` says it in a sentence, the console translates it). */
export type CalendarDiscrepancy =
  | { date: string; issue: 'invalid'; detail: string }
  | { date: string; issue: 'duplicate' }
  | { date: string; issue: 'missing'; want: CalendarDay }
  | { date: string; issue: 'extra'; have: CalendarDay }
  | { date: string; issue: 'different'; have: CalendarDay; want: CalendarDay };

/**
 * Compares the table's rows of `year` with the rules: invalid row, duplicate date, missing row,
 * extra row, different kind; an empty list means the table agrees with the rules. Names, sources
 * and `provisional` are not compared.
 */
export function calendarDiscrepancies(
  table: readonly CalendarDay[],
  year: number,
  options: KzCalendarOptions,
): CalendarDiscrepancy[] {
  const expected = generateKzCalendar(year, options).filter((d) => d.date.startsWith(`${year}-`));
  const problems: CalendarDiscrepancy[] = [];
  const actual = new Map<string, CalendarDay>();
  for (const day of table) {
    if (typeof day.date !== 'string' || !day.date.startsWith(`${year}-`)) continue;
    const parsed = calendarDaySchema.safeParse(day);
    if (!parsed.success) {
      problems.push({ date: day.date, issue: 'invalid', detail: parsed.error.issues.map((i) => i.message).join('; ') });
    } else if (actual.has(day.date)) {
      problems.push({ date: day.date, issue: 'duplicate' });
    } else {
      actual.set(day.date, day);
    }
  }
  const wanted = new Map(expected.map((d) => [d.date, d]));
  const dates = [...new Set([...wanted.keys(), ...actual.keys()])].sort();
  for (const date of dates) {
    const want = wanted.get(date);
    const have = actual.get(date);
    if (want && !have) problems.push({ date, issue: 'missing', want });
    else if (have && !want) problems.push({ date, issue: 'extra', have });
    else if (have && want && have.kind !== want.kind) problems.push({ date, issue: 'different', have, want });
  }
  return problems;
}

/** {@link calendarDiscrepancies} as one English sentence each (the admin CLI's `calendar:check`). */
export function checkCalendar(table: readonly CalendarDay[], year: number, options: KzCalendarOptions): string[] {
  return calendarDiscrepancies(table, year, options).map((p) => {
    switch (p.issue) {
      case 'invalid':
        return `${p.date}: the table row is invalid (${p.detail})`;
      case 'duplicate':
        return `${p.date}: the table has more than one row for this date`;
      case 'missing':
        return `${p.date}: the rules make it ${KIND_LABEL[p.want.kind]} (${p.want.nameEn}), the table has no row`;
      case 'extra':
        return `${p.date}: the table has ${KIND_LABEL[p.have.kind]} (${p.have.nameEn}) the rules do not give`;
      case 'different':
        return (
          `${p.date}: the table has ${KIND_LABEL[p.have.kind]} (${p.have.nameEn}), ` +
          `the rules make it ${KIND_LABEL[p.want.kind]} (${p.want.nameEn})`
        );
    }
  });
}
