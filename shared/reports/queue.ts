import { z } from 'zod';
import { isoDate, isoInstant } from '../domain/dates.js';
import { languageSchema } from '../domain/kindergarten.js';
import { safeText } from '../domain/text.js';
import { applicantPrioritySchema } from '../rules/eligibility.js';

/** The longest period the report covers, in days. */
export const QUEUE_REPORT_MAX_DAYS = 366;

/**
 * GET /api/department/reports/queue: the city's queue (or the part of it that chose one
 * kindergarten) and, for a period, who had a queue window and did not claim.
 */
export const queueReportQuerySchema = z
  .object({
    kindergartenId: z.uuid().optional(),
    /** Windows opened from this city date to `to`, inclusive. */
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= (QUEUE_REPORT_MAX_DAYS - 1) * 86_400_000, {
    message: `the period is at most ${QUEUE_REPORT_MAX_DAYS} days`,
    path: ['to'],
  });
export type QueueReportQuery = z.infer<typeof queueReportQuerySchema>;

/** Applicants waiting now (not blocked, no referral, contract or enrollment) of one birth year, language and category. */
export const queueWaitingRowSchema = z.object({
  birthYear: z.number().int(),
  language: languageSchema,
  priority: applicantPrioritySchema,
  count: z.number().int(),
});
export type QueueWaitingRow = z.infer<typeof queueWaitingRowSchema>;

/** An applicant whose turn came in a queue window that closed without a claim by them. */
export const queueMissedRowSchema = z.object({
  applicantId: z.uuid(),
  childName: safeText,
  birthDate: isoDate,
  language: languageSchema,
  priority: applicantPrioritySchema,
  kindergartenNameRu: safeText,
  kindergartenNameKk: safeText,
  /** The applicant's place among those whose turn had come. */
  position: z.number().int(),
  windowOpenedAt: isoInstant,
  windowClosedAt: isoInstant,
});
export type QueueMissedRow = z.infer<typeof queueMissedRowSchema>;

/** At most this many missed windows in the answer (the earliest first). */
export const QUEUE_MISSED_LIMIT = 2000;

export const queueReportSchema = z.object({
  at: isoInstant,
  from: isoDate,
  to: isoDate,
  kindergarten: z.object({ id: z.uuid(), nameRu: safeText, nameKk: safeText }).nullable(),
  waiting: z.array(queueWaitingRowSchema),
  waitingTotal: z.number().int(),
  missed: z.array(queueMissedRowSchema),
  missedTotal: z.number().int(),
  /** Different applicants among the missed windows. */
  missedApplicants: z.number().int(),
});
export type QueueReport = z.infer<typeof queueReportSchema>;
