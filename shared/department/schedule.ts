import { z } from 'zod';
import { isoDate, isoInstant } from '../domain/dates.js';
import { ageGroupSchema } from '../domain/group.js';
import { languageSchema } from '../domain/kindergarten.js';
import { scheduleEntryStatusSchema } from '../domain/schedule-entry.js';
import { safeText } from '../domain/text.js';

/** The department's filter over its city's schedule entries; every field optional. */
export const scheduleFilterSchema = z
  .object({
    kindergartenId: z.uuid().optional(),
    /** Entries available from this date on, and up to `to` (inclusive). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    ageGroup: ageGroupSchema.optional(),
    language: languageSchema.optional(),
    /** Submitted by default: what waits for the department. */
    status: scheduleEntryStatusSchema.optional(),
  })
  .strict();
export type ScheduleFilter = z.infer<typeof scheduleFilterSchema>;

export const departmentScheduleEntrySchema = z.object({
  id: z.uuid(),
  kindergartenId: z.uuid(),
  kindergartenNameRu: safeText,
  kindergartenNameKk: safeText,
  birthYear: z.number().int(),
  /** By the shared rule (age-groups.ts); null when the year is not admissible on that date. */
  ageGroup: ageGroupSchema.nullable(),
  language: languageSchema,
  seats: z.number().int(),
  availableFrom: isoDate,
  status: scheduleEntryStatusSchema,
  note: safeText,
  submittedAt: isoInstant.nullable(),
  decidedAt: isoInstant.nullable(),
  decisionNote: safeText,
});
export type DepartmentScheduleEntry = z.infer<typeof departmentScheduleEntrySchema>;

/** At most this many entries per page of the list (and per bulk approval). */
export const SCHEDULE_PAGE_LIMIT = 500;

export const departmentScheduleListSchema = z.object({
  entries: z.array(departmentScheduleEntrySchema),
  /** True when more entries match than the page holds: narrow the filter. */
  truncated: z.boolean(),
});
export type DepartmentScheduleList = z.infer<typeof departmentScheduleListSchema>;

export const departmentKindergartenSchema = z.object({ id: z.uuid(), nameRu: safeText, nameKk: safeText });
export const departmentKindergartenListSchema = z.array(departmentKindergartenSchema);
export type DepartmentKindergarten = z.infer<typeof departmentKindergartenSchema>;
