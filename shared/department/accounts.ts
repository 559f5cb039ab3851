import { z } from 'zod';
import { staffRoleSchema } from '../auth.js';
import { isoDate, isoInstant } from '../domain/dates.js';
import { departmentRoleSchema } from './auth.js';
import { referralStatusSchema } from '../domain/referral.js';
import { safeText } from '../domain/text.js';
import { pageFields, pageParam } from './paging.js';

/** Rows per page of the console's account lists and of the audit view. */
export const ACCOUNTS_PAGE_SIZE = 50;

/** GET /api/department/staff: the staff of the city's kindergartens (one kindergarten, or all). */
export const staffListQuerySchema = z.object({ kindergartenId: z.uuid().optional(), page: pageParam }).strict();
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

export const deviceSessionSchema = z.object({
  id: z.uuid(),
  deviceName: safeText,
  signedInAt: isoInstant,
  lastSeenAt: isoInstant,
});
export type DeviceSession = z.infer<typeof deviceSessionSchema>;

export const departmentStaffSchema = z.object({
  id: z.uuid(),
  kindergartenId: z.uuid(),
  kindergartenNameRu: safeText,
  kindergartenNameKk: safeText,
  login: safeText,
  fullName: safeText,
  role: staffRoleSchema,
  disabled: z.boolean(),
  /** The end of a sign-in lock after failed passwords, when one holds now. */
  lockedUntil: isoInstant.nullable(),
  /** Live device sessions (PCs signed in), newest first. */
  devices: z.array(deviceSessionSchema),
});
export type DepartmentStaff = z.infer<typeof departmentStaffSchema>;

export const departmentStaffListSchema = z.object({
  staff: z.array(departmentStaffSchema),
  ...pageFields,
});
export type DepartmentStaffList = z.infer<typeof departmentStaffListSchema>;

/** GET /api/department/accounts: the own city's department accounts, with their last sign-in. */
export const departmentAccountSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  fullName: z.string(),
  role: departmentRoleSchema,
  disabled: z.boolean(),
  /** The last department sign-in, or null when the account never signed in. */
  lastSignInAt: isoInstant.nullable(),
});
export type DepartmentAccount = z.infer<typeof departmentAccountSchema>;
export const departmentAccountListSchema = z.object({ accounts: z.array(departmentAccountSchema) });
export type DepartmentAccountList = z.infer<typeof departmentAccountListSchema>;

/**
 * GET /api/department/applicants: `q` is 12 digits (an IIN), 4 digits (the IIN's last four), a
 * parent's login, or words of the child's or the representative's name (Kazakh and Russian
 * letter variants match, shared/text/search-key.ts).
 */
export const applicantSearchQuerySchema = z.object({ q: safeText.trim().min(2).max(100), page: pageParam }).strict();
export type ApplicantSearchQuery = z.infer<typeof applicantSearchQuerySchema>;

export const departmentApplicantSchema = z.object({
  id: z.uuid(),
  childName: safeText,
  /** Masked (last four digits), unless the search was by the full IIN. */
  iin: safeText,
  birthDate: isoDate,
  representativeFullName: safeText,
  login: safeText.nullable(),
  blockedAt: isoInstant.nullable(),
  blockedReason: safeText.nullable(),
  lockedUntil: isoInstant.nullable(),
  liveSessions: z.number().int(),
});
export type DepartmentApplicant = z.infer<typeof departmentApplicantSchema>;

export const departmentApplicantListSchema = z.object({
  applicants: z.array(departmentApplicantSchema),
  ...pageFields,
});
export type DepartmentApplicantList = z.infer<typeof departmentApplicantListSchema>;

export const blockEffectSchema = z.object({
  referralId: z.uuid(),
  number: safeText,
  kindergartenNameRu: safeText,
  kindergartenNameKk: safeText,
  /** The referral's state before the block: active or contracted returns the seat, enrolled leaves a vacancy. */
  from: referralStatusSchema,
  seat: z.enum(['returned_seat', 'vacancy']),
});
export type BlockEffect = z.infer<typeof blockEffectSchema>;

/**
 * GET /api/department/applicants/{applicantId}/block-preview: before a block, what it would
 * terminate and free (computed by the block itself, rolled back); before an unblock, the
 * referrals the block terminated, which stay terminated.
 */
export const blockPreviewSchema = z.object({
  blocked: z.boolean(),
  wouldTerminate: z.array(blockEffectSchema),
  staysTerminated: z.array(blockEffectSchema.omit({ from: true, seat: true })),
});
export type BlockPreview = z.infer<typeof blockPreviewSchema>;
