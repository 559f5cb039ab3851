import { z } from 'zod';
import { safeText } from './text.js';
import { isoDate, isoInstant } from './dates.js';
import { replicatedFields, uuid } from './ids.js';
import { languageSchema } from './kindergarten.js';

/** An intake schedule entry (график комплектования): seats that free up for a birth year on a date. */
export const scheduleEntryStatusSchema = z.enum(['draft', 'submitted', 'approved', 'rejected']);
export type ScheduleEntryStatus = z.infer<typeof scheduleEntryStatusSchema>;

export const scheduleEntrySchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  groupId: uuid.nullable(),
  birthYear: z.number().int().min(2000).max(2100),
  language: languageSchema,
  seats: z.number().int().min(1).max(60),
  availableFrom: isoDate,
  status: scheduleEntryStatusSchema,
  note: safeText.max(500),
  submittedAt: isoInstant.nullable(),
  decidedAt: isoInstant.nullable(),
  decisionNote: safeText.max(500),
  ...replicatedFields,
});
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;
