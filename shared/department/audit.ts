import { z } from 'zod';
import { isoInstant } from '../domain/dates.js';
import { safeText } from '../domain/text.js';
import { pageFields, pageParam } from './paging.js';

/** GET /api/department/audit: the city's audit entries, newest first, every filter optional. */
export const auditQuerySchema = z
  .object({
    kindergartenId: z.uuid().optional(),
    /** Whose entries: a staff login of the city's kindergartens, or a department login of the city. */
    account: safeText.trim().min(1).max(100).optional(),
    /** Which object: its id (a referral, an applicant, a schedule entry, a command, …). */
    objectId: safeText.trim().min(1).max(100).optional(),
    page: pageParam,
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoInstant,
  /** Who: a kindergarten's staff member, a department employee, or the system (a deadline, the CLI). */
  actor: z.object({
    kind: z.enum(['staff', 'department', 'system']),
    login: safeText.nullable(),
    fullName: safeText.nullable(),
  }),
  kindergartenNameRu: safeText.nullable(),
  kindergartenNameKk: safeText.nullable(),
  action: safeText,
  objectType: safeText,
  objectId: safeText.nullable(),
  /** The device: a staff PC's name (or id), "console" for the department's browser, null when unknown. */
  device: safeText.nullable(),
  /** A refusal's code, when the entry is a refused command. */
  refused: safeText.nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  ...pageFields,
});
export type AuditPage = z.infer<typeof auditPageSchema>;
