import { z } from 'zod';
import { safeText } from './domain/text.js';
import { isoInstant } from './domain/dates.js';

export const staffRoleSchema = z.enum(['head', 'staff']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const loginRequestSchema = z.object({
  login: safeText.trim().min(1).max(100),
  password: safeText.min(1).max(200),
  deviceId: safeText.min(1).max(64),
  deviceName: safeText.max(200).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A person as a document's signature line names her: full name and position. */
export const signatorySchema = z.object({ fullName: safeText.max(200), position: safeText.max(200) });
export type Signatory = z.infer<typeof signatorySchema>;

export const sessionInfoSchema = z.object({
  token: safeText,
  expiresAt: isoInstant,
  staff: z.object({
    id: z.uuid(),
    fullName: safeText,
    /** The account's position ("Заведующая"); empty when none was given (a session stored before it). */
    position: safeText.max(200).default(''),
    role: staffRoleSchema,
  }),
  kindergarten: z.object({
    id: z.uuid(),
    nameRu: safeText,
    nameKk: safeText,
    /** Who signs the kindergarten's orders: the signed-in head, else its longest-standing active head. */
    head: signatorySchema.nullable().default(null),
  }),
  serverTime: isoInstant,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** Error bodies the HTTP API returns: a stable code the UI translates, never prose. */
export const apiErrorSchema = z.object({
  error: safeText,
  message: safeText.optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
