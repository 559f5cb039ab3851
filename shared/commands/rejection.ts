import { z } from 'zod';

/**
 * Why the server refused a command. The UI translates the code with its params;
 * the server never sends prose.
 */
export const rejectionCodeSchema = z.enum([
  'invalid_payload',
  'unknown_kind',
  'not_found',
  'forbidden',
  'account_blocked',
  'already_has_referral',
  'kindergarten_not_chosen',
  'wrong_language',
  'wrong_birth_year',
  'below_minimum_age',
  'publication_withdrawn',
  'no_seats_left',
  'not_your_turn',
  'invalid_seat_count',
  'schedule_entry_not_approved',
  'exceeds_source_seats',
  'birth_year_not_admissible',
  'august_pause',
  'over_capacity',
  'capacity_below_occupancy',
  'enrollment_before_available_from',
  'wrong_referral_status',
  'referral_expired',
  'missing_order_number',
  'missing_order_date',
  'decline_reason_not_allowed',
  'termination_reason_not_allowed',
  'departure_before_enrollment',
  'not_preschool_group',
  'not_next_age_group',
  'source_mismatch',
  'group_mismatch',
  'duplicate_id',
  'wrong_schedule_status',
  'already_departed',
  'no_children_to_move',
  'move_up_pending',
  'calendar_year_not_loaded',
  // The department's console (department-commands.ts).
  'login_taken',
  'account_disabled',
  'departure_in_effect',
  'departure_not_cancellable',
  'departure_cancelled',
  'freed_seats_published',
  // The department's calendar and settings (server/calendar/).
  'calendar_date_past',
  'calendar_working_day_not_weekend',
  'calendar_day_off_on_weekend',
  'calendar_day_not_found',
  'settings_effective_past',
  // The console's accounts (department-commands.ts).
  'account_not_blocked',
  'own_account',
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

/** The codes every command, of any kind, may answer: its executor's own checks, before a handler runs (an unknown kind, a role or an id the sender may not use, a payload its schema refuses). */
export const commonRejections = [
  'unknown_kind',
  'forbidden',
  'invalid_payload',
] as const satisfies readonly RejectionCode[];

export const rejectionParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type RejectionParams = z.infer<typeof rejectionParamsSchema>;

export const rejectionSchema = z.object({ code: rejectionCodeSchema, params: rejectionParamsSchema });
/** A refusal's code and params; `C` narrows the codes (a handler's, a rule's), every code by default. */
export interface Rejection<C extends RejectionCode = RejectionCode> {
  code: C;
  params: RejectionParams;
}

/** A rule's or a handler's refusal, with the codes it may carry. */
export interface Refusal<C extends RejectionCode = RejectionCode> {
  ok: false;
  rejection: Rejection<C>;
}

/**
 * The outcome of a rule: either it holds, or it explains why not. `C` is the codes it may refuse
 * with (every code by default); a function that returns `refuse(...)` and other functions' verdicts
 * without a declared return type has its codes inferred, which is how a command handler is checked
 * against its kind's declared codes (server/executor/handlers.ts).
 */
export type Verdict<C extends RejectionCode = RejectionCode> = { ok: true } | Refusal<C>;

/** The codes a verdict type (a function's return type, awaited) may carry. */
export type RejectionOf<V> = V extends { ok: false; rejection: { code: infer C extends RejectionCode } } ? C : never;

export const allowed: { ok: true } = { ok: true };
export function refuse<C extends RejectionCode>(code: C, params: RejectionParams = {}): Refusal<C> {
  return { ok: false, rejection: { code, params } };
}
