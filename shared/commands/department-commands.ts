import { z } from 'zod';
import { staffRoleSchema } from '../auth.js';
import { departmentRoleSchema, type DepartmentRole } from '../department/auth.js';
import { SCHEDULE_PAGE_LIMIT } from '../department/schedule.js';
import { calendarDaySchema } from '../calendar/types.js';
import { isoDate, isoInstant } from '../domain/dates.js';
import { safeText } from '../domain/text.js';
import { regionalSettingsSchema } from '../rules/settings.js';
import { MIN_PASSWORD_LENGTH } from '../text/password.js';
import { byKind, type CommandEntry } from './by-kind.js';
import { rejectionSchema, type RejectionCode } from './rejection.js';

/**
 * Every department write is one of these kinds (POST /api/department/commands), executed exactly
 * once under the id the console made, audited, and refused with a rejection code the console
 * translates; each kind's entry holds its payload schema, who may send it and the rejection codes its
 * handler may refuse with (as in `commandTable`: exactly what the handler can return, besides
 * `commonRejections`; server/department/commands.ts). Approval takes a
 * list: one entry, or a bulk approval after its confirmation summary (all of them or none).
 *
 * Roles: the specialist runs a summer intake from the console alone: approvals, the calendar, the
 * settings and the kindergarten staff's and applicants' accounts; the administrator also issues and
 * disables the department's own accounts. The server refuses by them and the console shows a
 * kind's buttons by them (`mayDepartment`).
 */
export const departmentCommandTable = {
  'scheduleEntry.approve': {
    payload: z
      .object({
        entryIds: z
          .array(z.uuid())
          .min(1)
          .max(SCHEDULE_PAGE_LIMIT)
          .refine((ids) => new Set(ids).size === ids.length, { message: 'an entry is listed twice' }),
      })
      .strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'wrong_schedule_status'],
  },
  'scheduleEntry.return': {
    payload: z.object({ entryId: z.uuid(), reason: safeText.trim().min(1).max(500) }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'wrong_schedule_status'],
  },
  /** An administrator issues a department account of the own city; the password is never stored in the command. */
  'departmentAccount.create': {
    payload: z
      .object({
        accountId: z.uuid(),
        login: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/i),
        fullName: safeText.trim().min(1).max(200),
        role: departmentRoleSchema,
        password: z.string().min(10).max(200),
      })
      .strict(),
    roles: ['admin'],
    rejections: ['duplicate_id', 'login_taken'],
  },
  /** An administrator disables a department account of the own city: its sessions end at once. */
  'departmentAccount.disable': {
    payload: z.object({ accountId: z.uuid() }).strict(),
    roles: ['admin'],
    rejections: ['not_found', 'account_disabled', 'own_account'],
  },
  /** Adds or changes one date of the national working-day calendar (today or later; see department/calendar.ts). */
  // The calendar is national: every edit is checked against the rules and audited with its author.
  'calendarDay.set': {
    payload: calendarDaySchema.extend({ date: isoDate }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['calendar_date_past', 'calendar_working_day_not_weekend', 'calendar_day_off_on_weekend'],
  },
  /** Removes one date from the calendar table (it becomes an ordinary day again). */
  'calendarDay.delete': {
    payload: z.object({ date: isoDate }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['calendar_date_past', 'calendar_day_not_found'],
  },
  /** The city's regional settings in full, in force from `effectiveFrom` (null: at once). */
  'regionalSettings.change': {
    payload: z.object({ settings: regionalSettingsSchema.strict(), effectiveFrom: isoInstant.nullable() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['settings_effective_past'],
  },
  /** Issues a staff account of a kindergarten of the city; the password is never stored in the command. */
  // The staff of the city's kindergartens (their tenancy is the kindergarten's city).
  'staff.create': {
    payload: z
      .object({
        staffId: z.uuid(),
        kindergartenId: z.uuid(),
        login: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/i),
        fullName: safeText.trim().min(1).max(200),
        /** Printed beside the head's signature (empty: the default title); one line. */
        position: safeText
          .trim()
          .max(200)
          .regex(/^[^\r\n\t]*$/)
          .default(''),
        role: staffRoleSchema,
        password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
      })
      .strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'duplicate_id', 'login_taken'],
  },
  /** Disables a staff account: it can no longer sign in, and every PC it signed in on is signed out. */
  'staff.disable': {
    payload: z.object({ staffId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'account_disabled'],
  },
  /** A new password (made and shown once by the console, never stored here); every PC is signed out. */
  'staff.resetPassword': {
    payload: z.object({ staffId: z.uuid(), password: z.string().min(MIN_PASSWORD_LENGTH).max(200) }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'account_disabled'],
  },
  /** Signs one PC out (e.g. a lost one): its token stops working at once. */
  'deviceSession.revoke': {
    payload: z.object({ sessionId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found'],
  },
  /** Lifts a staff sign-in lock after failed passwords. */
  'staff.unlockSignIn': {
    payload: z.object({ staffId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found'],
  },
  /** Blocks an applicant account for sharing: its live referral or contract terminates automatically. */
  'applicant.block': {
    payload: z.object({ applicantId: z.uuid(), reason: safeText.trim().min(1).max(300) }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'account_blocked'],
  },
  /** Restores sign-in and claiming; a referral or contract the block terminated stays terminated. */
  'applicant.unblock': {
    payload: z.object({ applicantId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found', 'account_not_blocked'],
  },
  /** Ends every live session of the parent's account (the account is not blocked). */
  'applicant.signOut': {
    payload: z.object({ applicantId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found'],
  },
  /** Lifts a parent's sign-in lock after failed passwords. */
  'applicant.unlockSignIn': {
    payload: z.object({ applicantId: z.uuid() }).strict(),
    roles: ['specialist', 'admin'],
    rejections: ['not_found'],
  },
} as const satisfies Record<string, CommandEntry<DepartmentRole>>;

/** Each kind's payload schema (from `departmentCommandTable`). */
export const departmentCommandPayloads = byKind(departmentCommandTable, 'payload');

/** Payload fields never stored with the command or written to the audit log. */
export const SECRET_PAYLOAD_FIELDS: readonly string[] = ['password'];

export type DepartmentCommandKind = keyof typeof departmentCommandTable;
export type DepartmentCommandPayload<K extends DepartmentCommandKind> = z.infer<(typeof departmentCommandPayloads)[K]>;

/** Who in the department may send each kind (from `departmentCommandTable`). */
export const departmentCommandRoles: Record<DepartmentCommandKind, readonly DepartmentRole[]> = byKind(
  departmentCommandTable,
  'roles',
);

/** The codes each kind's handler may refuse with (from `departmentCommandTable`), besides `commonRejections`. */
export const departmentCommandRejections: Record<DepartmentCommandKind, readonly RejectionCode[]> = byKind(
  departmentCommandTable,
  'rejections',
);
/** The codes the handler of department kind `K` may refuse with. */
export type DepartmentCommandRejection<K extends DepartmentCommandKind> =
  (typeof departmentCommandTable)[K]['rejections'][number];

/** Whether a department role may send a kind: the server's check and the console's buttons. */
export const mayDepartment = (role: DepartmentRole, kind: DepartmentCommandKind): boolean =>
  departmentCommandRoles[kind].includes(role);

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
