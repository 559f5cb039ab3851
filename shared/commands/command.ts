import { z } from 'zod';
import { safeText } from '../domain/text.js';
import { isoInstant } from '../domain/dates.js';
import type { StaffRole } from '../auth.js';
import { replicatedFields, uuid } from '../domain/ids.js';
import { byKind } from './by-kind.js';
import { groupSetCapacityPayload } from './group-set-capacity.js';
import * as intake from './intake-payloads.js';
import { rejectionSchema } from './rejection.js';

/**
 * Every staff write is one of these kinds, with everything about the kind in one entry: its
 * payload schema (which travels with the kind) and who may send it. A head (заведующая) may do
 * everything; staff prepare the schedule and mark contracts, the decisions that go into orders are
 * the head's. The desk's forms take their fields from the payloads (renderer/src/ui/forms.ts).
 */
export const commandTable = {
  'group.setCapacity': { payload: groupSetCapacityPayload, roles: ['head'] },
  'scheduleEntry.create': { payload: intake.scheduleEntryCreatePayload, roles: ['head', 'staff'] },
  'scheduleEntry.update': { payload: intake.scheduleEntryUpdatePayload, roles: ['head', 'staff'] },
  'scheduleEntry.delete': { payload: intake.scheduleEntryRefPayload, roles: ['head', 'staff'] },
  'scheduleEntry.submit': { payload: intake.scheduleEntryRefPayload, roles: ['head'] },
  'publication.publish': { payload: intake.publishPayload, roles: ['head'] },
  'publication.withdraw': { payload: intake.withdrawPayload, roles: ['head'] },
  'referral.concludeContract': { payload: intake.referralRefPayload, roles: ['head', 'staff'] },
  'referral.decline': { payload: intake.declinePayload, roles: ['head'] },
  'referral.enroll': { payload: intake.enrollPayload, roles: ['head'] },
  'contract.terminate': { payload: intake.terminatePayload, roles: ['head'] },
  'departure.graduate': { payload: intake.graduatePayload, roles: ['head'] },
  'departure.moveUp': { payload: intake.moveUpPayload, roles: ['head'] },
  'departure.cancel': { payload: intake.departureCancelPayload, roles: ['head'] },
} as const satisfies Record<string, { payload: z.ZodType; roles: readonly StaffRole[] }>;

/** Each kind's payload schema (from `commandTable`). */
export const commandPayloads = byKind(commandTable, 'payload');

/** Who may send each kind (from `commandTable`). */
export const commandRoles: Record<CommandKind, readonly StaffRole[]> = byKind(commandTable, 'roles');
export type CommandKind = keyof typeof commandTable;
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
