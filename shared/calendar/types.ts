import { z } from 'zod';
import { safeText } from '../domain/text.js';

/**
 * One row of the working-day calendar: a date that differs from the plain Monday–Friday week.
 * `holiday` is a public holiday (Law No. 267 "On holidays in the Republic of Kazakhstan", art. 5, or
 * Labour Code art. 84(5) for 7 January and the first day of Kurban Ait), kept even when it falls on a
 * weekend; `day_off` is a non-working weekday made so by the weekend-holiday rule or by a transfer of
 * the labour authority (Labour Code art. 85(3)); `working_day` is a Saturday or Sunday made a working
 * day by such a transfer. The server stores the rows in `calendar_days` (same fields in snake_case),
 * the department edits them and every replica receives them: the table decides, the rules check it.
 */
export const calendarDayKindSchema = z.enum(['holiday', 'day_off', 'working_day']);
export type CalendarDayKind = z.infer<typeof calendarDayKindSchema>;

export const calendarDaySchema = z.object({
  date: z.iso.date(),
  kind: calendarDayKindSchema,
  nameRu: safeText.min(1).max(200),
  nameKk: safeText.min(1).max(200),
  nameEn: safeText.min(1).max(200),
  /** The law article, Labour Code article or transfer act the row rests on. */
  source: safeText.min(1).max(500),
  /** True while the date is an estimate or the act is not yet published. */
  provisional: z.boolean(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;
