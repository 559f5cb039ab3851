import { z } from 'zod';
import { safeText } from './text.js';
import { isoDate, isoInstant } from './dates.js';
import { replicatedFields, uuid } from './ids.js';

/** An electronic referral (электронное направление) to this kindergarten, with what enrollment needs of the child. */
export const referralStatusSchema = z.enum([
  'active',
  'contracted',
  'enrolled',
  'refused',
  'declined',
  'expired',
  'terminated',
]);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/** Внеочередное (out of turn), первоочередное (first priority), общая очередь (general). */
export const applicantPrioritySchema = z.enum(['out_of_turn', 'first', 'general']);
export type ApplicantPriority = z.infer<typeof applicantPrioritySchema>;

export const referralSchema = z.object({
  id: uuid,
  number: safeText.max(40),
  seatId: uuid,
  publicationId: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  applicantId: uuid,
  /**
   * The applicant's queue category when the seat was claimed (kept on the referral, migration 0015:
   * a later change of the application does not change it), counted by the intake statistics. The
   * server always sends one; null only in a desk replica's referral stored before referrals v4,
   * until the pull brings it again (0015 rewrote every referral, so it does at the next sync).
   */
  applicantPriority: applicantPrioritySchema.nullable(),
  childFullName: safeText.max(300),
  childBirthDate: isoDate,
  childIin: safeText.max(12),
  representativeFullName: safeText.max(300),
  representativePhone: safeText.max(40),
  availableFrom: isoDate,
  claimedAt: isoInstant,
  claimedInPhase: z.enum(['queue_window', 'open_to_all']),
  contractDeadline: isoInstant,
  status: referralStatusSchema,
  contractConcludedAt: isoInstant.nullable(),
  contractConcludedBy: z.enum(['parent', 'kindergarten']).nullable(),
  enrollmentId: uuid.nullable(),
  closedAt: isoInstant.nullable(),
  closeReason: safeText.max(300).nullable(),
  /** The free text the head typed beside a termination's reason (empty for other closings). */
  closeNote: safeText.max(500),
  ...replicatedFields,
});
export type Referral = z.infer<typeof referralSchema>;
