import { z } from 'zod';
import { safeText } from '../domain/text.js';
import { isoInstant } from '../domain/dates.js';
import type { StaffRole } from '../auth.js';
import { replicatedFields, uuid } from '../domain/ids.js';
import { byKind, type CommandEntry } from './by-kind.js';
import { groupSetCapacityPayload } from './group-set-capacity.js';
import * as intake from './intake-payloads.js';
import { rejectionSchema, type RejectionCode } from './rejection.js';

/**
 * Every staff write is one of these kinds, with everything about the kind in one entry: its
 * payload schema (which travels with the kind), who may send it, and the rejection codes its
 * handler may refuse with. A head (заведующая) may do everything; staff prepare the schedule and
 * mark contracts, the decisions that go into orders are the head's. The desk's forms take their
 * fields from the payloads (renderer/src/ui/forms.ts). A kind's `rejections` are exactly what its
 * handler can return (the compiler checks both ways: server/executor/handlers.ts); every kind may
 * also answer `commonRejections`; the desk translates every code a kind may answer.
 */
export const commandTable = {
  'group.setCapacity': {
    payload: groupSetCapacityPayload,
    roles: ['head'],
    rejections: ['not_found', 'capacity_below_occupancy'],
  },
  'scheduleEntry.create': {
    payload: intake.scheduleEntryCreatePayload,
    roles: ['head', 'staff'],
    rejections: ['not_found', 'duplicate_id', 'birth_year_not_admissible'],
  },
  'scheduleEntry.update': {
    payload: intake.scheduleEntryUpdatePayload,
    roles: ['head', 'staff'],
    rejections: ['not_found', 'wrong_schedule_status', 'birth_year_not_admissible'],
  },
  'scheduleEntry.delete': {
    payload: intake.scheduleEntryRefPayload,
    roles: ['head', 'staff'],
    rejections: ['not_found', 'wrong_schedule_status'],
  },
  'scheduleEntry.submit': {
    payload: intake.scheduleEntryRefPayload,
    roles: ['head'],
    rejections: ['not_found', 'wrong_schedule_status'],
  },
  'publication.publish': {
    payload: intake.publishPayload,
    roles: ['head'],
    rejections: [
      'not_found',
      'duplicate_id',
      'source_mismatch',
      'group_mismatch',
      'invalid_seat_count',
      'august_pause',
      'schedule_entry_not_approved',
      'exceeds_source_seats',
      'birth_year_not_admissible',
      'over_capacity',
      'calendar_year_not_loaded',
    ],
  },
  'publication.withdraw': {
    payload: intake.withdrawPayload,
    roles: ['head'],
    rejections: ['not_found', 'publication_withdrawn', 'no_seats_left'],
  },
  'referral.concludeContract': {
    payload: intake.referralRefPayload,
    roles: ['head', 'staff'],
    rejections: ['not_found', 'wrong_referral_status', 'referral_expired'],
  },
  'referral.decline': {
    payload: intake.declinePayload,
    roles: ['head'],
    rejections: ['not_found', 'wrong_referral_status', 'referral_expired', 'decline_reason_not_allowed'],
  },
  'referral.enroll': {
    payload: intake.enrollPayload,
    roles: ['head'],
    rejections: [
      'not_found',
      'wrong_referral_status',
      'referral_expired',
      'missing_order_number',
      'missing_order_date',
      'enrollment_before_available_from',
    ],
  },
  'contract.terminate': {
    payload: intake.terminatePayload,
    roles: ['head'],
    rejections: [
      'not_found',
      'wrong_referral_status',
      'referral_expired',
      'termination_reason_not_allowed',
      'missing_order_number',
      'missing_order_date',
      'departure_before_enrollment',
      'already_departed',
    ],
  },
  'departure.graduate': {
    payload: intake.graduatePayload,
    roles: ['head'],
    rejections: [
      'not_found',
      'not_preschool_group',
      'missing_order_number',
      'missing_order_date',
      'departure_before_enrollment',
      'no_children_to_move',
    ],
  },
  'departure.moveUp': {
    payload: intake.moveUpPayload,
    roles: ['head'],
    rejections: ['not_found', 'not_next_age_group', 'move_up_pending', 'over_capacity'],
  },
  'departure.cancel': {
    payload: intake.departureCancelPayload,
    roles: ['head'],
    rejections: [
      'not_found',
      'departure_cancelled',
      'departure_not_cancellable',
      'departure_in_effect',
      'missing_order_number',
      'missing_order_date',
      'already_departed',
      'over_capacity',
      'freed_seats_published',
    ],
  },
} as const satisfies Record<string, CommandEntry<StaffRole>>;

/** Each kind's payload schema (from `commandTable`). */
export const commandPayloads = byKind(commandTable, 'payload');

/** Who may send each kind (from `commandTable`). */
export const commandRoles: Record<CommandKind, readonly StaffRole[]> = byKind(commandTable, 'roles');
export type CommandKind = keyof typeof commandTable;

/** The codes each kind's handler may refuse with (from `commandTable`), besides `commonRejections`. */
export const commandRejections: Record<CommandKind, readonly RejectionCode[]> = byKind(commandTable, 'rejections');
/** The codes the handler of kind `K` may refuse with. */
export type CommandRejection<K extends CommandKind> = (typeof commandTable)[K]['rejections'][number];
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
