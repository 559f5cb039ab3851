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
