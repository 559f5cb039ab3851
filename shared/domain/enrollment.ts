import { z } from 'zod';
import { safeText } from './text.js';
import { isoDate, isoInstant } from './dates.js';
import { replicatedFields, uuid } from './ids.js';

/** A child attending a group: enrolled by order on a date, until departed. */
export const enrollmentSchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  referralId: uuid.nullable(),
  applicantId: uuid.nullable(),
  childFullName: safeText.max(300),
  childBirthDate: isoDate,
  childIin: safeText.max(12),
  representativeFullName: safeText.max(300),
  representativePhone: safeText.max(40),
  enrolledOn: isoDate,
  orderNumber: safeText.max(40),
  orderDate: isoDate,
  departedOn: isoDate.nullable(),
  departureId: uuid.nullable(),
  ...replicatedFields,
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const departureKindSchema = z.enum(['graduation', 'move_up', 'termination', 'account_blocked']);
export type DepartureKind = z.infer<typeof departureKindSchema>;

/** A departure entered in the movement register (журнал движения контингента). */
export const departureSchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  kind: departureKindSchema,
  departsOn: isoDate,
  orderNumber: safeText.max(40),
  orderDate: isoDate.nullable(),
  reason: safeText.max(300),
  enrollmentId: uuid.nullable(),
  children: z.number().int().min(0),
  /** Cancelled by an order of its own before its date (`departure.cancel`): the register keeps both lines. */
  cancelledAt: isoInstant.nullable(),
  cancelOrderNumber: safeText.max(40),
  cancelOrderDate: isoDate.nullable(),
  ...replicatedFields,
});
export type Departure = z.infer<typeof departureSchema>;

/** Seats freed by a departure, to publish. */
export const vacancySchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  groupId: uuid,
  departureId: uuid.nullable(),
  seats: z.number().int().min(0),
  availableFrom: isoDate,
  ...replicatedFields,
});
export type Vacancy = z.infer<typeof vacancySchema>;
