import { z } from 'zod';

/**
 * Regional settings: every number of the intake rules, with its unit.
 * Source: docs/rules.md, Regional settings (Rules: "every number is a regional setting with its unit")
 * and "The process" §3–4. The department sets them per region; the rules read them, never constants.
 */

/** A month and day, `MM-DD`, e.g. `08-01` for 1 August. */
export const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .describe('A month and day, MM-DD');

export const queueWindowUnitSchema = z.enum(['working_days', 'calendar_days']);
export type QueueWindowUnit = z.infer<typeof queueWindowUnitSchema>;

export const regionalSettingsSchema = z.object({
  queueWindow: z
    .object({
      length: z
        .number()
        .int()
        .min(1)
        .max(30)
        .describe('Queue window length, in `unit` (default 3 working days; Astana once used 1 calendar day)'),
      unit: queueWindowUnitSchema.describe('Unit of the queue window length: working days or calendar days'),
    })
    .describe('How long applicants whose turn has come may claim before seats open to all'),
  contractDeadline: z
    .object({
      length: z
        .number()
        .int()
        .min(1)
        .max(30)
        .describe('Days to conclude the contract after a claim, in `unit` (default 5 working days)'),
      unit: z.enum(['working_days']).describe('Unit of the contract deadline: working days'),
    })
    .describe('Deadline to conclude the electronic contract after the referral is issued'),
  priorityInterleave: z
    .object({
      firstPriority: z
        .number()
        .int()
        .min(1)
        .max(10)
        .describe('First-priority applicants taken per round, in applicants (default 1)'),
      general: z
        .number()
        .int()
        .min(1)
        .max(10)
        .describe('General applicants taken per round, in applicants (default 3)'),
    })
    .describe('Interleave of first-priority and general applicants in queue order (default 1:3)'),
  minimumAgeMonths: z
    .number()
    .int()
    .min(0)
    .max(72)
    .describe('Minimum age at the available-from date, in whole months (default 12)'),
  augustPause: z
    .object({
      from: monthDaySchema.describe('First day of the pause, MM-DD, inclusive (default 08-01)'),
      to: monthDaySchema.describe('Last day of the pause, MM-DD, inclusive (default 08-31)'),
    })
    .nullable()
    .describe('Dates (city calendar, every year) on which no seats are published; null = no pause'),
  returnedSeats: z
    .enum(['republish_with_window', 'open_to_all'])
    .describe('A returned seat gets a new queue window (default) or goes straight to open to all'),
  maxChoices: z
    .number()
    .int()
    .min(1)
    .max(10)
    .describe('Kindergartens an applicant may choose, in kindergartens (default 4)'),
  staleDeviceDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(7)
    .describe(
      "A kindergarten's device not synced for more than this many days is shown on the department's dashboard, in days (default 7; settings stored before it existed read the default)",
    ),
});
export type RegionalSettings = z.infer<typeof regionalSettingsSchema>;

export const defaultRegionalSettings: RegionalSettings = {
  queueWindow: { length: 3, unit: 'working_days' },
  contractDeadline: { length: 5, unit: 'working_days' },
  priorityInterleave: { firstPriority: 1, general: 3 },
  minimumAgeMonths: 12,
  augustPause: { from: '08-01', to: '08-31' },
  returnedSeats: 'republish_with_window',
  maxChoices: 4,
  staleDeviceDays: 7,
};
