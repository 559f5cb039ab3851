import { z } from 'zod';
import { isoDate } from '../domain/dates.js';

/** A report's period may span at most this many days (five years: the akimat's longest question). */
export const MAX_REPORT_DAYS = 5 * 366;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** GET /api/department/reports: the period (city dates, both included) and the city or one of its kindergartens. */
export const reportQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    kindergartenId: z.uuid().optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'The period must not end before it begins.', path: ['to'] })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_REPORT_DAYS, {
    message: `The period may span at most ${MAX_REPORT_DAYS} days.`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

const figures = z.object({
  seatsPublished: z.number().int(),
  issued: z.number().int(),
  concluded: z.number().int(),
  enrolled: z.number().int(),
  refused: z.number().int(),
  declined: z.number().int(),
  expired: z.number().int(),
  terminated: z.number().int(),
});
const byKey = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, figures])) as Record<K, typeof figures>);

export const intakeStatisticsSchema = z.object({
  from: isoDate,
  to: isoDate,
  total: figures,
  byAgeGroup: byKey(['early', 'junior', 'middle', 'senior', 'preschool']),
  byLanguage: byKey(['kk', 'ru']),
  byPriority: byKey(['out_of_turn', 'first', 'general']),
  declinedByGround: z.record(z.string(), z.number().int()),
  terminatedByReason: z.record(z.string(), z.number().int()),
  medianHours: z.object({ publicationToClaim: z.number().nullable(), claimToContract: z.number().nullable() }),
});

export const forecastMonthSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  capacity: z.number().int(),
  attending: z.number().int(),
  referrals: z.number().int(),
  published: z.number().int(),
  earlyBooking: z.number().int(),
  peak: z.number().int(),
  free: z.number().int(),
  graduation: z.number().int(),
  moveUp: z.number().int(),
  otherDepartures: z.number().int(),
  groupsOver: z.number().int(),
});

/** The intake statistics for the period and the occupancy forecast for the 12 months from today (city date). */
export const departmentReportSchema = z.object({
  /** The kindergarten reported on, or null for the whole city. */
  kindergarten: z.object({ id: z.uuid(), nameRu: z.string(), nameKk: z.string() }).nullable(),
  city: z.object({ id: z.string(), nameRu: z.string(), nameKk: z.string() }),
  today: isoDate,
  statistics: intakeStatisticsSchema,
  forecast: z.array(forecastMonthSchema),
});
export type DepartmentReport = z.infer<typeof departmentReportSchema>;
