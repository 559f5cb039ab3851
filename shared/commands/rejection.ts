import { z } from 'zod';

/**
 * Why the server refused a command. The UI translates the code with its params;
 * the server never sends prose.
 */
export const rejectionCodeSchema = z.enum(['invalid_payload', 'unknown_kind', 'not_found', 'forbidden']);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const rejectionSchema = z.object({
  code: rejectionCodeSchema,
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type Rejection = z.infer<typeof rejectionSchema>;

/** The outcome of a rule: either it holds, or it explains why not. */
export type Verdict = { ok: true } | { ok: false; rejection: Rejection };
export const allowed: Verdict = { ok: true };
export function refuse(code: RejectionCode, params: Rejection['params'] = {}): Verdict {
  return { ok: false, rejection: { code, params } };
}
