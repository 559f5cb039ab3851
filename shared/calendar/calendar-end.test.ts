import { kzCalendarDays } from './kz-days.js';
import {
  CalendarYearNotLoaded,
  addWorkingDays,
  calendarEndsSoon,
  calendarFromTable,
  endOfNthWorkingDayAfter,
  endOfNthWorkingDayAfterAtLeast,
} from './working-days.js';

const calendar = calendarFromTable(kzCalendarDays);

describe('the end of the calendar table', () => {
  it('refuses to count working days into a year the table does not hold, naming the year', () => {
    expect(calendar.lastDate).toBe('2027-12-31');
    expect(addWorkingDays('2027-12-28', 3, calendar)).toBe('2027-12-31');
    expect(() => addWorkingDays('2027-12-28', 4, calendar)).toThrow(CalendarYearNotLoaded);
    expect(() => endOfNthWorkingDayAfter(new Date('2027-12-29T05:00:00Z'), 3, calendar)).toThrow(/2028/);
  });

  it('counts a deadline past the table at least as long as any loaded year could make it: two weekdays per missing working day', () => {
    // Tuesday 28 December 2027: 29, 30, 31 December are working days, two more are missing → four weekdays of 2028.
    const { end, provisional } = endOfNthWorkingDayAfterAtLeast(new Date('2027-12-28T05:00:00Z'), 5, calendar);
    expect(provisional).toBe(true);
    expect(end.toISOString()).toBe('2028-01-06T18:59:59.999Z');
    expect(endOfNthWorkingDayAfterAtLeast(new Date('2027-12-20T05:00:00Z'), 5, calendar)).toEqual({
      end: endOfNthWorkingDayAfter(new Date('2027-12-20T05:00:00Z'), 5, calendar),
      provisional: false,
    });
  });

  it('announces the end of the table within 90 days, and not before', () => {
    expect(calendarEndsSoon(calendar, '2027-10-02')).toEqual({ lastDate: '2027-12-31', daysLeft: 90 });
    expect(calendarEndsSoon(calendar, '2027-10-01')).toBeNull();
    expect(calendarEndsSoon(calendar, '2028-01-02')).toEqual({ lastDate: '2027-12-31', daysLeft: -2 });
    expect(calendarEndsSoon(calendarFromTable([]), '2027-12-30')).toBeNull();
  });
});
