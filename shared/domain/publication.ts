import { z } from 'zod';
import { isoDate, isoInstant } from './dates.js';
import { replicatedFields, uuid } from './ids.js';
import { languageSchema } from './kindergarten.js';

/**
 * Published seats. Its phase (queue window, open to all, withdrawn) is never stored: it is
 * derived from `publishedAt`, `windowClosesAt`, `withdrawnAt` and the server's clock.
 */
export const publicationSchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  scheduleEntryId: uuid.nullable(),
  vacancyId: uuid.nullable(),
  previousPublicationId: uuid.nullable(),
  birthYear: z.number().int(),
  language: languageSchema,
  seats: z.number().int().min(1).max(60),
  availableFrom: isoDate,
  publishedAt: isoInstant,
  windowClosesAt: isoInstant.nullable(),
  withdrawnAt: isoInstant.nullable(),
  round: z.number().int().min(1),
  ...replicatedFields,
});
export type Publication = z.infer<typeof publicationSchema>;

export const seatStatusSchema = z.enum(['open', 'claimed', 'withdrawn', 'returned']);
export type SeatStatus = z.infer<typeof seatStatusSchema>;

export const seatSchema = z.object({
  id: uuid,
  publicationId: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  availableFrom: isoDate,
  status: seatStatusSchema,
  referralId: uuid.nullable(),
  ...replicatedFields,
});
export type Seat = z.infer<typeof seatSchema>;
