import { z } from 'zod';

export const staffRoleSchema = z.enum(['head', 'staff']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const loginRequestSchema = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  deviceId: z.string().min(1).max(64),
  deviceName: z.string().max(200).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  staff: z.object({
    id: z.uuid(),
    fullName: z.string(),
    role: staffRoleSchema,
  }),
  kindergarten: z.object({ id: z.uuid(), nameRu: z.string(), nameKk: z.string() }),
  serverTime: z.iso.datetime({ offset: true }),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** Error bodies the HTTP API returns: a stable code the UI translates, never prose. */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
