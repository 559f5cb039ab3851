import type { CalendarDay } from './types.js';
import type { KzCalendarOptions } from './rules.js';
import {
  HOLIDAY_NAMES as N,
  SOURCES,
  inLieuOfNames,
  transferredDayOffNames,
  transferredWorkingDayNames,
  type DayNames,
} from './names.js';

/**
 * The shipped Kazakhstan working-day table for 2024–2027, the seed of the editable `calendar_days`
 * table: every public holiday (Law No. 267, art. 5; 7 January and the first day of Kurban Ait under
 * Labour Code art. 84(5)), including those on weekends; every weekday made a day off by the
 * weekend-holiday rule or a transfer; every weekend day made a working day by a transfer (Labour Code
 * art. 85(3)). Each date is written out here, not computed: `checkCalendar` compares it with the
 * rules. 2027 (transfers not yet published, Kurban Ait estimated) and Kurban Ait 2026 (may shift by a
 * day) are provisional.
 */

const law = (date: string, names: DayNames): CalendarDay => day(date, 'holiday', names, SOURCES.law);
const christmas = (date: string): CalendarDay => day(date, 'holiday', N.orthodoxChristmas, SOURCES.christmas);
const kurbanAit = (date: string, note = ''): CalendarDay =>
  day(date, 'holiday', N.kurbanAit, SOURCES.kurbanAit + note, note !== '');
/** The weekday off for `holidayDate`, a holiday that fell on Saturday or Sunday. */
const moved = (date: string, holidayDate: string, names: DayNames): CalendarDay =>
  day(date, 'day_off', inLieuOfNames(holidayDate, names), SOURCES.lawMoved);
/** A transfer: the weekend day `date` is worked so that the weekday `dayOff` is not. */
const worked = (date: string, dayOff: string, source: string): CalendarDay =>
  day(date, 'working_day', transferredWorkingDayNames(dayOff), source);
/** A transfer: the weekday `date` is off in exchange for working the weekend day `workingDay`. */
const transferredOff = (date: string, workingDay: string, source: string): CalendarDay =>
  day(date, 'day_off', transferredDayOffNames(workingDay), source);
const provisional = (days: CalendarDay[]): CalendarDay[] => days.map((d) => ({ ...d, provisional: true }));

function day(date: string, kind: CalendarDay['kind'], names: DayNames, source: string, isProvisional = false) {
  return { date, kind, ...names, source, provisional: isProvisional } satisfies CalendarDay;
}

const TRANSFER_2024 = SOURCES.transfer2024;
const TRANSFER_2025 = SOURCES.transfer2025;
const KURBAN_2026_NOTE = '; may shift by ±1 day by the decision of the Spiritual Administration of Muslims';
const KURBAN_2027_NOTE = '; estimated date (low confidence), to be confirmed';

const days2024: CalendarDay[] = [
  law('2024-01-01', N.newYear),
  law('2024-01-02', N.newYear),
  christmas('2024-01-07'), // Sunday, not moved
  law('2024-03-08', N.womensDay),
  law('2024-03-21', N.nauryz),
  law('2024-03-22', N.nauryz),
  law('2024-03-23', N.nauryz), // Saturday
  moved('2024-03-25', '2024-03-23', N.nauryz),
  law('2024-05-01', N.unityDay),
  worked('2024-05-04', '2024-05-08', TRANSFER_2024),
  law('2024-05-07', N.defenderDay),
  transferredOff('2024-05-08', '2024-05-04', TRANSFER_2024),
  law('2024-05-09', N.victoryDay),
  kurbanAit('2024-06-16'), // Sunday, not moved
  law('2024-07-06', N.capitalDay), // Saturday
  moved('2024-07-08', '2024-07-06', N.capitalDay),
  law('2024-08-30', N.constitutionDay),
  law('2024-10-25', N.republicDay),
  law('2024-12-16', N.independenceDay),
];

const days2025: CalendarDay[] = [
  law('2025-01-01', N.newYear),
  law('2025-01-02', N.newYear),
  transferredOff('2025-01-03', '2025-01-05', TRANSFER_2025),
  worked('2025-01-05', '2025-01-03', TRANSFER_2025),
  christmas('2025-01-07'),
  law('2025-03-08', N.womensDay), // Saturday
  moved('2025-03-10', '2025-03-08', N.womensDay),
  law('2025-03-21', N.nauryz),
  law('2025-03-22', N.nauryz), // Saturday
  law('2025-03-23', N.nauryz), // Sunday
  moved('2025-03-24', '2025-03-22', N.nauryz),
  moved('2025-03-25', '2025-03-23', N.nauryz),
  law('2025-05-01', N.unityDay),
  law('2025-05-07', N.defenderDay),
  law('2025-05-09', N.victoryDay),
  kurbanAit('2025-06-06'),
  law('2025-07-06', N.capitalDay), // Sunday
  moved('2025-07-07', '2025-07-06', N.capitalDay),
  law('2025-08-30', N.constitutionDay), // Saturday; the last year 30 August is a holiday
  moved('2025-09-01', '2025-08-30', N.constitutionDay),
  law('2025-10-25', N.republicDay), // Saturday
  moved('2025-10-27', '2025-10-25', N.republicDay),
  law('2025-12-16', N.independenceDay),
];

/** 2026: no transfers published; 30 August is no longer a holiday and 15 March counts from 2027. */
const days2026: CalendarDay[] = [
  law('2026-01-01', N.newYear),
  law('2026-01-02', N.newYear),
  christmas('2026-01-07'),
  law('2026-03-08', N.womensDay), // Sunday
  moved('2026-03-09', '2026-03-08', N.womensDay),
  law('2026-03-21', N.nauryz), // Saturday
  law('2026-03-22', N.nauryz), // Sunday
  law('2026-03-23', N.nauryz), // Monday, so the moved days go further
  moved('2026-03-24', '2026-03-21', N.nauryz),
  moved('2026-03-25', '2026-03-22', N.nauryz),
  law('2026-05-01', N.unityDay),
  law('2026-05-07', N.defenderDay),
  law('2026-05-09', N.victoryDay), // Saturday
  moved('2026-05-11', '2026-05-09', N.victoryDay),
  kurbanAit('2026-05-27', KURBAN_2026_NOTE),
  law('2026-07-06', N.capitalDay),
  law('2026-10-25', N.republicDay), // Sunday
  moved('2026-10-26', '2026-10-25', N.republicDay),
  law('2026-12-16', N.independenceDay),
];

/** 2027, provisional: transfers not yet published, Kurban Ait estimated. */
const days2027: CalendarDay[] = provisional([
  law('2027-01-01', N.newYear),
  law('2027-01-02', N.newYear), // Saturday
  moved('2027-01-04', '2027-01-02', N.newYear),
  christmas('2027-01-07'),
  law('2027-03-08', N.womensDay),
  law('2027-03-15', N.constitutionDay), // the new Constitution Day, first observed in 2027
  law('2027-03-21', N.nauryz), // Sunday; the 22nd and 23rd are holidays themselves
  law('2027-03-22', N.nauryz),
  law('2027-03-23', N.nauryz),
  moved('2027-03-24', '2027-03-21', N.nauryz),
  law('2027-05-01', N.unityDay), // Saturday
  moved('2027-05-03', '2027-05-01', N.unityDay),
  law('2027-05-07', N.defenderDay),
  law('2027-05-09', N.victoryDay), // Sunday
  moved('2027-05-10', '2027-05-09', N.victoryDay),
  kurbanAit('2027-05-16', KURBAN_2027_NOTE), // Sunday, not moved
  law('2027-07-06', N.capitalDay),
  law('2027-10-25', N.republicDay),
  law('2027-12-16', N.independenceDay),
]);

export const kzCalendarDays: CalendarDay[] = [...days2024, ...days2025, ...days2026, ...days2027];

/** What the rules need besides the law to check each shipped year (kz-calendar.md). */
export const kzRuleOptions: Readonly<Record<number, KzCalendarOptions>> = {
  2024: {
    kurbanAit: '2024-06-16',
    transfers: [{ workingDay: '2024-05-04', dayOff: '2024-05-08', source: TRANSFER_2024 }],
  },
  2025: {
    kurbanAit: '2025-06-06',
    transfers: [{ workingDay: '2025-01-05', dayOff: '2025-01-03', source: TRANSFER_2025 }],
  },
  2026: { kurbanAit: '2026-05-27', transfers: [] },
  2027: { kurbanAit: '2027-05-16', transfers: [] },
};
