import { z } from 'zod';
import { safeText } from '../domain/text.js';
import { isoInstant } from '../domain/dates.js';
import type { StaffRole } from '../auth.js';
import { replicatedFields, uuid } from '../domain/ids.js';
import { groupSetCapacityPayload } from './group-set-capacity.js';
import * as intake from './intake-payloads.js';
import { rejectionSchema } from './rejection.js';

/** Every staff write is one of these kinds; the payload schema travels with the kind. */
export const commandPayloads = {
  'group.setCapacity': groupSetCapacityPayload,
  'scheduleEntry.create': intake.scheduleEntryCreatePayload,
  'scheduleEntry.update': intake.scheduleEntryUpdatePayload,
  'scheduleEntry.delete': intake.scheduleEntryRefPayload,
  'scheduleEntry.submit': intake.scheduleEntryRefPayload,
  'publication.publish': intake.publishPayload,
  'publication.withdraw': intake.withdrawPayload,
  'referral.concludeContract': intake.referralRefPayload,
  'referral.decline': intake.declinePayload,
  'referral.enroll': intake.enrollPayload,
  'contract.terminate': intake.terminatePayload,
  'departure.graduate': intake.graduatePayload,
  'departure.moveUp': intake.moveUpPayload,
  'departure.cancel': intake.departureCancelPayload,
} as const;

/**
 * Who may send each command. A head (заведующая) may do everything; staff prepare the schedule
 * and mark contracts, the decisions that go into orders are the head's.
 */
export const commandRoles: Record<CommandKind, readonly StaffRole[]> = {
  'group.setCapacity': ['head'],
  'scheduleEntry.create': ['head', 'staff'],
  'scheduleEntry.update': ['head', 'staff'],
  'scheduleEntry.delete': ['head', 'staff'],
  'scheduleEntry.submit': ['head'],
  'publication.publish': ['head'],
  'publication.withdraw': ['head'],
  'referral.concludeContract': ['head', 'staff'],
  'referral.decline': ['head'],
  'referral.enroll': ['head'],
  'contract.terminate': ['head'],
  'departure.graduate': ['head'],
  'departure.moveUp': ['head'],
  'departure.cancel': ['head'],
};
export type CommandKind = keyof typeof commandPayloads;
export type CommandPayload<K extends CommandKind> = z.infer<(typeof commandPayloads)[K]>;
export const commandKindSchema = z.enum(Object.keys(commandPayloads) as [CommandKind, ...CommandKind[]]);

export const commandStatusSchema = z.enum(['pending', 'applied', 'rejected']);
export type CommandStatus = z.infer<typeof commandStatusSchema>;

/**
 * The command document, as replicated. The client creates it `pending` with a UUIDv7 id;
 * the server executes it exactly once and replicates back its outcome.
 */
export const commandSchema = z.object({
  id: uuid,
  kind: safeText.min(1).max(64),
  payload: z.record(z.string(), z.unknown()),
  deviceId: safeText.min(1).max(64),
  /** The device's clock when the command was made: information only, never used by a rule. */
  deviceTime: isoInstant,
  status: commandStatusSchema,
  rejection: rejectionSchema.nullable(),
  /** Server instant of execution, null while pending. */
  executedAt: isoInstant.nullable(),
  ...replicatedFields,
});
export type Command = z.infer<typeof commandSchema>;

/** What a client may push: the command as it made it. */
export const newCommandSchema = commandSchema.pick({
  id: true,
  kind: true,
  payload: true,
  deviceId: true,
  deviceTime: true,
});
export type NewCommand = z.infer<typeof newCommandSchema>;

export function parsePayload<K extends CommandKind>(kind: K, payload: unknown) {
  return commandPayloads[kind].safeParse(payload);
}

export function isCommandKind(kind: string): kind is CommandKind {
  return Object.hasOwn(commandPayloads, kind);
}
