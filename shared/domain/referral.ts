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

export const referralSchema = z.object({
  id: uuid,
  number: safeText.max(40),
  seatId: uuid,
  publicationId: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  applicantId: uuid,
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
