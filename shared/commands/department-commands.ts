import { z } from 'zod';
import { departmentRoleSchema, type DepartmentRole } from '../department/auth.js';
import { SCHEDULE_PAGE_LIMIT } from '../department/schedule.js';
import { calendarDaySchema } from '../calendar/types.js';
import { isoDate, isoInstant } from '../domain/dates.js';
import { safeText } from '../domain/text.js';
import { regionalSettingsSchema } from '../rules/settings.js';
import { rejectionSchema } from './rejection.js';

/**
 * Every department write is one of these kinds (POST /api/department/commands), executed exactly
 * once under the id the console made, audited, and refused with a rejection code the console
 * translates. Approval takes a list: one entry, or a bulk approval after its confirmation summary
 * (all of them or none).
 */
export const departmentCommandPayloads = {
  'scheduleEntry.approve': z
    .object({
      entryIds: z
        .array(z.uuid())
        .min(1)
        .max(SCHEDULE_PAGE_LIMIT)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'an entry is listed twice' }),
    })
    .strict(),
  'scheduleEntry.return': z.object({ entryId: z.uuid(), reason: safeText.trim().min(1).max(500) }).strict(),
  /** An administrator issues a department account of the own city; the password is never stored in the command. */
  'departmentAccount.create': z
    .object({
      accountId: z.uuid(),
      login: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/i),
      fullName: safeText.trim().min(1).max(200),
      role: departmentRoleSchema,
      password: z.string().min(10).max(200),
    })
    .strict(),
  /** An administrator disables a department account of the own city: its sessions end at once. */
  'departmentAccount.disable': z.object({ accountId: z.uuid() }).strict(),
  /** Adds or changes one date of the national working-day calendar (today or later; see department/calendar.ts). */
  'calendarDay.set': calendarDaySchema.extend({ date: isoDate }).strict(),
  /** Removes one date from the calendar table (it becomes an ordinary day again). */
  'calendarDay.delete': z.object({ date: isoDate }).strict(),
  /** The city's regional settings in full, in force from `effectiveFrom` (null: at once). */
  'regionalSettings.change': z
    .object({ settings: regionalSettingsSchema.strict(), effectiveFrom: isoInstant.nullable() })
    .strict(),
} as const;

/** Payload fields never stored with the command or written to the audit log. */
export const SECRET_PAYLOAD_FIELDS: readonly string[] = ['password'];

export type DepartmentCommandKind = keyof typeof departmentCommandPayloads;
export type DepartmentCommandPayload<K extends DepartmentCommandKind> = z.infer<(typeof departmentCommandPayloads)[K]>;

/** Who in the department may send each kind. */
export const departmentCommandRoles: Record<DepartmentCommandKind, readonly DepartmentRole[]> = {
  'scheduleEntry.approve': ['specialist', 'admin'],
  'scheduleEntry.return': ['specialist', 'admin'],
  'departmentAccount.create': ['admin'],
  'departmentAccount.disable': ['admin'],
  // The calendar is national: one city's edit changes every city's counting, so only an administrator.
  'calendarDay.set': ['admin'],
  'calendarDay.delete': ['admin'],
  // The settings are the own city's: the specialist who runs the intake keeps them.
  'regionalSettings.change': ['specialist', 'admin'],
};

export const isDepartmentCommandKind = (kind: string): kind is DepartmentCommandKind =>
  Object.hasOwn(departmentCommandPayloads, kind);

export const departmentCommandRequestSchema = z
  .object({
    id: z.uuid(),
    kind: safeText.min(1).max(64),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type DepartmentCommandRequest = z.infer<typeof departmentCommandRequestSchema>;

export const departmentCommandOutcomeSchema = z.object({
  id: z.uuid(),
  kind: safeText,
  status: z.enum(['applied', 'rejected']),
  rejection: rejectionSchema.nullable(),
  executedAt: isoInstant,
});
export type DepartmentCommandOutcome = z.infer<typeof departmentCommandOutcomeSchema>;
