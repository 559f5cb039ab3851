import { refuse, allowed } from '../commands/rejection.js';
import { isWeekend } from './dates.js';
import type { CalendarDayKind } from './types.js';

/**
 * The rule check of one calendar edit, shared by the admin CLI (`calendar:set`) and the
 * department's console (`calendarDay.set`): a transfer makes only a Saturday or Sunday a working
 * day, and a moved day off falls on a weekday (Labour Code art. 84–85). A holiday may fall on any
 * day (it is kept on a weekend too, Law No. 267 art. 5).
 */
export function checkCalendarDayKind(date: string, kind: CalendarDayKind) {
  if (kind === 'working_day' && !isWeekend(date)) return refuse('calendar_working_day_not_weekend', { date });
  if (kind === 'day_off' && isWeekend(date)) return refuse('calendar_day_off_on_weekend', { date });
  return allowed;
}

/**
 * The console edits today and later only (`today`: the city date of the server's clock): the past
 * was counted with the table as it was, and an edit never changes a stored window or deadline.
 */
export function checkCalendarEditDate(date: string, today: string) {
  return date < today ? refuse('calendar_date_past', { date, today }) : allowed;
}
