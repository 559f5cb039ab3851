import { z } from 'zod';
import { CITY_ZONE, endOfNthWorkingDayAfterAtLeast, type WorkingCalendar } from '../calendar/index.js';
import { allowed, refuse } from '../commands/rejection.js';
import type { Enrollment } from '../domain/enrollment.js';
import type { Referral, ReferralStatus } from '../domain/referral.js';
import { checkOrder, type Order } from './legal-orders.js';
import { canEnrollOn } from './publishing.js';
import type { RegionalSettings } from './settings.js';

/**
 * The referral (электронное направление) lifecycle.
 * Source: docs/rules.md, Rules › Referral lifecycle: claimed (contract deadline = 5
 * working days, a setting) → contract concluded → enrolled (order number and date, never before
 * available-from); refused by the parent, declined by the kindergarten on a published ground, or
 * expired at the deadline — each returns the seat; contract termination (reason, order, date) or
 * automatic termination on an account block, even after enrollment — a departure creates a vacancy.
 * › Phases come from time: an overdue referral counts as expired the moment its deadline passes.
 */

// The one referral-status enum is the domain's (shared/domain/referral.ts); the rules re-export it.
export { referralStatusSchema, type ReferralStatus } from '../domain/referral.js';

/** The published grounds on which a kindergarten may decline a referral. */
export const declineReasonSchema = z.enum(['documents_incomplete', 'documents_expired', 'medical']);
export type DeclineReason = z.infer<typeof declineReasonSchema>;

/** Why a kindergarten terminates a contract (the department's account block terminates automatically). */
export const terminationReasonSchema = z.enum(['parent_request', 'child_leaves', 'other']);
export type TerminationReason = z.infer<typeof terminationReasonSchema>;

/**
 * What the lifecycle rules read of a referral: fields of the shared domain type (shared/domain),
 * never a copy of it. The status is the stored one (read it through `effectiveStatus`); the contract
 * deadline is the domain's ISO instant, turned into a `Date` here where the rules compare it.
 */
export type ReferralPhase = Pick<Referral, 'status' | 'contractDeadline'>;

/** A referral as enrollment reads it: its phase and the seat's available-from date. */
export type EnrollableReferral = Pick<Referral, 'status' | 'contractDeadline' | 'availableFrom'>;

/** A referral as a termination reads it: its phase and the date its child was first enrolled (null before). */
export type TerminableReferral = ReferralPhase & { enrolledOn: Enrollment['enrolledOn'] | null };

const deadlineOf = (referral: ReferralPhase): Date => new Date(referral.contractDeadline);

/**
 * The end (23:59:59.999, city time) of the Nth working day after the claim. A parent never loses a
 * seat because next year's calendar is not loaded: a deadline that runs past the table counts each
 * missing working day as two weekdays after it (`endOfNthWorkingDayAfterAtLeast`), never earlier
 * than the deadline the loaded year will give.
 */
export function contractDeadline(claimedAt: Date, settings: RegionalSettings, calendar: WorkingCalendar): Date {
  return endOfNthWorkingDayAfterAtLeast(claimedAt, settings.contractDeadline.length, calendar, CITY_ZONE).end;
}

/** The status at `now`: an active referral past its deadline is expired, whether or not a job has run. */
export function effectiveStatus(referral: ReferralPhase, now: Date): ReferralStatus {
  const overdue = now.getTime() > deadlineOf(referral).getTime();
  return referral.status === 'active' && overdue ? 'expired' : referral.status;
}

function requireStatus(referral: ReferralPhase, now: Date, expected: readonly ReferralStatus[], action: string) {
  const status = effectiveStatus(referral, now);
  if (expected.includes(status)) return allowed;
  if (status === 'expired') return refuse('referral_expired', { deadline: deadlineOf(referral).toISOString() });
  return refuse('wrong_referral_status', { status, action });
}

/** Contract concluded (by the parent on the portal, or marked by the kindergarten): only while active. */
export function canConcludeContract(referral: ReferralPhase, now: Date) {
  return requireStatus(referral, now, ['active'], 'conclude_contract');
}

export type EnrollmentInput = Order & { enrollmentDate: string };

/** Enrollment (зачисление): contracted, with an order number and date, never before available-from. */
export function canEnroll(referral: EnrollableReferral, input: EnrollmentInput, now: Date) {
  const status = requireStatus(referral, now, ['contracted'], 'enroll');
  if (!status.ok) return status;
  const order = checkOrder(input);
  if (!order.ok) return order;
  return canEnrollOn(input.enrollmentDate, referral.availableFrom);
}

/** The kindergarten declines a referral (before enrollment) on one of the published grounds. */
export function canDecline(referral: ReferralPhase, reason: string, now: Date) {
  const status = requireStatus(referral, now, ['active', 'contracted'], 'decline');
  if (!status.ok) return status;
  if (!declineReasonSchema.safeParse(reason).success) return refuse('decline_reason_not_allowed', { reason });
  return allowed;
}

/** The parent refuses the referral (before enrollment). */
export function canRefuse(referral: ReferralPhase, now: Date) {
  return requireStatus(referral, now, ['active', 'contracted'], 'refuse');
}

export type TerminationInput = Order & { reason: string; terminatedOn: string };

/** The kindergarten terminates a contract: contracted or enrolled, with reason, order and date. */
export function canTerminate(referral: TerminableReferral, input: TerminationInput, now: Date) {
  const status = requireStatus(referral, now, ['contracted', 'enrolled'], 'terminate');
  if (!status.ok) return status;
  if (!terminationReasonSchema.safeParse(input.reason).success) {
    return refuse('termination_reason_not_allowed', { reason: input.reason });
  }
  const order = checkOrder(input);
  if (!order.ok) return order;
  if (referral.enrolledOn !== null && input.terminatedOn < referral.enrolledOn) {
    return refuse('departure_before_enrollment', { terminatedOn: input.terminatedOn, enrolledOn: referral.enrolledOn });
  }
  return allowed;
}

/** What becomes of the seat a referral held when it leaves its status. */
export type SeatRelease = 'returned_seat' | 'vacancy' | null;

/** Refused, declined and expired referrals return their seat. */
export function returnsSeat(status: ReferralStatus): boolean {
  return status === 'refused' || status === 'declined' || status === 'expired';
}

/**
 * The seat a transition frees: a returned seat (republished per `returnedSeats`) for refused,
 * declined, expired, and for a termination before enrollment; a vacancy (a new seat to publish,
 * counted from the departure date) for a termination after enrollment.
 */
export function seatReleasedBy(from: ReferralStatus, to: ReferralStatus): SeatRelease {
  if (returnsSeat(to)) return 'returned_seat';
  if (to === 'terminated') return from === 'enrolled' ? 'vacancy' : 'returned_seat';
  return null;
}

export type AccountBlockOutcome = { terminate: false } | { terminate: true; from: ReferralStatus; seat: SeatRelease };

/** The department blocked the applicant's account: active, contracted and enrolled referrals terminate automatically. */
export function onAccountBlocked(referral: ReferralPhase, now: Date): AccountBlockOutcome {
  const from = effectiveStatus(referral, now);
  if (from !== 'active' && from !== 'contracted' && from !== 'enrolled') return { terminate: false };
  return { terminate: true, from, seat: seatReleasedBy(from, 'terminated') };
}
