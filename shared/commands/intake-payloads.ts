import { z } from 'zod';
import { safeText } from '../domain/text.js';
import { isoDate } from '../domain/dates.js';
import { languageSchema } from '../domain/kindergarten.js';
import { declineReasonSchema, terminationReasonSchema } from '../rules/referral-lifecycle.js';

/**
 * The payloads of the staff's intake commands. Every field a rule needs is here; everything else
 * (instants, deadlines, who had their turn) the server decides from its clock and its data.
 */
const orderFields = {
  orderNumber: safeText.trim().min(1).max(50),
  orderDate: isoDate,
};

const scheduleEntryFields = {
  groupId: z.uuid().nullable(),
  birthYear: z.number().int().min(2000).max(2100),
  language: languageSchema,
  seats: z.number().int().min(1).max(60),
  availableFrom: isoDate,
  note: safeText.max(500).default(''),
};

export const scheduleEntryCreatePayload = z.object({ entryId: z.uuid(), ...scheduleEntryFields }).strict();
export const scheduleEntryUpdatePayload = z.object({ entryId: z.uuid(), ...scheduleEntryFields }).strict();
export const scheduleEntryRefPayload = z.object({ entryId: z.uuid() }).strict();

export const publicationSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule_entry'), id: z.uuid() }),
  z.object({ kind: z.literal('vacancy'), id: z.uuid() }),
]);

export const publishPayload = z
  .object({
    /** The new publication's id, made by the device so the UI can follow it before it syncs. */
    publicationId: z.uuid(),
    groupId: z.uuid(),
    source: publicationSourceSchema,
    birthYear: z.number().int().min(2000).max(2100),
    language: languageSchema,
    seats: z.number().int().min(1).max(60),
    availableFrom: isoDate,
  })
  .strict();

export const withdrawPayload = z.object({ publicationId: z.uuid() }).strict();

export const referralRefPayload = z.object({ referralId: z.uuid() }).strict();

export const declinePayload = z.object({ referralId: z.uuid(), reason: declineReasonSchema }).strict();

export const enrollPayload = z.object({ referralId: z.uuid(), enrollmentDate: isoDate, ...orderFields }).strict();

export const terminatePayload = z
  .object({
    /** The enrolled child (or the contracted referral, before enrollment): exactly one. */
    enrollmentId: z.uuid().optional(),
    referralId: z.uuid().optional(),
    reason: terminationReasonSchema,
    /** Free text beside the reason (what the parent wrote, the circumstances). */
    note: safeText.max(500).default(''),
    terminatedOn: isoDate,
    ...orderFields,
  })
  .strict()
  .refine((p) => (p.enrollmentId === undefined) !== (p.referralId === undefined), {
    message: 'give exactly one of enrollmentId and referralId',
  });

export const graduatePayload = z.object({ groupId: z.uuid(), departsOn: isoDate, ...orderFields }).strict();

/** Cancels a graduation, move-up or termination not yet in effect, by order: the stays are restored. */
export const departureCancelPayload = z.object({ departureId: z.uuid(), ...orderFields }).strict();

export const moveUpPayload = z
  .object({
    movesOn: isoDate,
    /** Each group's children move to the named group of the next age (the preschool group graduates instead). */
    moves: z
      .array(z.object({ fromGroupId: z.uuid(), toGroupId: z.uuid() }).strict())
      .min(1)
      .max(30),
    ...orderFields,
  })
  .strict();
