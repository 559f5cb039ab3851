import { calendarEndsSoon, cityDate } from '../../shared/calendar/index.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { loadCalendar } from './rule-context.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The warning that the working-day calendar table ends soon (within 90 days): windows and deadlines
 * past its last year are refused or counted conservatively until the department loads the next
 * year. Null while the table reaches further.
 */
export async function calendarEndWarning(db: Queryable, clock: Clock): Promise<string | null> {
  const ends = calendarEndsSoon(await loadCalendar(db), cityDate(clock.now()));
  if (!ends) return null;
  const next = Number(ends.lastDate.slice(0, 4)) + 1;
  return ends.daysLeft < 0
    ? `The working-day calendar ended on ${ends.lastDate}: publications are refused until the ${next} calendar is loaded (npm run admin -- calendar:set ...)`
    : `The working-day calendar ends on ${ends.lastDate} (in ${ends.daysLeft} days): load the ${next} calendar (npm run admin -- calendar:set ...) before windows and deadlines reach it`;
}

/** Logs the warning now and once a day while the server runs; returns the stop function. */
export function watchCalendarEnd(db: Queryable, clock: Clock, warn: (message: string) => void): () => void {
  const check = () =>
    calendarEndWarning(db, clock)
      .then((message) => message && warn(message))
      .catch(() => undefined);
  void check();
  const timer = setInterval(check, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
