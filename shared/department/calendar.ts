import { z } from 'zod';
import { calendarDayKindSchema, calendarDaySchema } from '../calendar/types.js';
import { rejectionSchema } from '../commands/rejection.js';
import { isoDate, isoInstant } from '../domain/dates.js';
import { languageSchema } from '../domain/kindergarten.js';
import { safeText } from '../domain/text.js';
import { regionalSettingsSchema } from '../rules/settings.js';

/**
 * The department console's calendar and settings (server/calendar/). The working-day calendar is
 * national (Law No. 267 and the labour authority's transfers hold in every city): every department
 * reads the same table; the preview of an edit lists only the own city's open windows and deadlines.
 * The regional settings are per city: a department reads and changes only its own city's.
 */

/** Years the console offers: the table's years, and the next one to load. */
export const calendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

export const calendarDiscrepancyViewSchema = z.object({
  date: safeText,
  issue: z.enum(['invalid', 'duplicate', 'missing', 'extra', 'different']),
  /** What the table has (extra, different) and what the rules give (missing, different). */
  have: calendarDayKindSchema.nullable(),
  want: calendarDayKindSchema.nullable(),
});
export type CalendarDiscrepancyView = z.infer<typeof calendarDiscrepancyViewSchema>;

export const departmentCalendarYearSchema = z.object({
  year: z.number().int(),
  /** The city date of the server's clock: the console edits this date and later ones only. */
  today: isoDate,
  /** Every year the table holds (the console's year switch). */
  years: z.array(z.number().int()),
  days: z.array(calendarDaySchema),
  /** Null when the rules do not know the year's transfers and Kurban Ait (the table alone decides). */
  discrepancies: z.array(calendarDiscrepancyViewSchema).nullable(),
});
export type DepartmentCalendarYear = z.infer<typeof departmentCalendarYearSchema>;

/** What an edit would be: a row set (with its kind) or a row removed (no kind). */
export const calendarPreviewQuerySchema = z.object({ date: isoDate, kind: calendarDayKindSchema.optional() }).strict();
export type CalendarPreviewQuery = z.infer<typeof calendarPreviewQuerySchema>;

/** An open queue window or contract deadline (stored) of the city whose end the edit would have changed. */
export const calendarAffectedSchema = z.object({
  object: z.enum(['window', 'deadline']),
  id: z.uuid(),
  kindergartenNameRu: safeText,
  kindergartenNameKk: safeText,
  /** A deadline's referral number; a window's birth year and language. */
  referralNumber: safeText.nullable(),
  birthYear: z.number().int().nullable(),
  language: languageSchema.nullable(),
  storedEnd: isoInstant,
  /** Null when the edited table could not count it (a year not loaded). */
  editedEnd: isoInstant.nullable(),
});
export type CalendarAffected = z.infer<typeof calendarAffectedSchema>;

export const calendarPreviewSchema = z.object({
  /** The refusal the command would get, or null. */
  refusal: rejectionSchema.nullable(),
  /** Nothing stored changes: these keep their stored end. */
  affected: z.array(calendarAffectedSchema),
  /** Discrepancies with the rules in the year after the edit (null: the rules do not know it). */
  discrepanciesAfter: z.number().int().nullable(),
});
export type CalendarPreview = z.infer<typeof calendarPreviewSchema>;

export const departmentSettingsSchema = z.object({
  cityId: safeText,
  /** In force now, and since when (null: since before the first stated change). */
  settings: regionalSettingsSchema,
  effectiveFrom: isoInstant.nullable(),
  /** A stated change not yet in force. */
  pending: z.object({ settings: regionalSettingsSchema, effectiveFrom: isoInstant }).nullable(),
  defaults: regionalSettingsSchema,
});
export type DepartmentSettings = z.infer<typeof departmentSettingsSchema>;
