import { z } from 'zod';
import { isoInstant } from '../domain/dates.js';
import { safeText } from '../domain/text.js';

/**
 * The city education department's roles: a specialist runs the intake (schedule approval); an
 * administrator also creates and disables department accounts. Both see only their city.
 */
export const departmentRoleSchema = z.enum(['specialist', 'admin']);
export type DepartmentRole = z.infer<typeof departmentRoleSchema>;

export const departmentLoginRequestSchema = z
  .object({
    login: safeText.trim().min(1).max(100),
    password: safeText.min(1).max(200),
  })
  .strict();
export type DepartmentLoginRequest = z.infer<typeof departmentLoginRequestSchema>;

export const departmentAccountSchema = z.object({
  id: z.uuid(),
  fullName: safeText,
  role: departmentRoleSchema,
});

export const departmentCitySchema = z.object({ id: safeText, nameRu: safeText, nameKk: safeText });

export const departmentSessionInfoSchema = z.object({
  token: safeText,
  expiresAt: isoInstant,
  account: departmentAccountSchema,
  city: departmentCitySchema,
  serverTime: isoInstant,
});
export type DepartmentSessionInfo = z.infer<typeof departmentSessionInfoSchema>;

/** The calling department session (GET /api/department/session). */
export const departmentSessionSchema = departmentSessionInfoSchema.omit({ token: true });
export type DepartmentSession = z.infer<typeof departmentSessionSchema>;
