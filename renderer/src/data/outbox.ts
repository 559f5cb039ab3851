import type { Command } from '../../../shared/commands/command.js';
import type { ReplicaDatabase } from './replica.js';

const OBJECT_FIELDS = ['referralId', 'enrollmentId', 'publicationId', 'entryId', 'departureId', 'groupId'] as const;

/** The ids a command's payload names (the objects it acts on). */
function objectIds(command: Pick<Command, 'payload'>): Set<string> {
  const ids = new Set<string>();
  for (const field of OBJECT_FIELDS) {
    const value = command.payload[field];
    if (typeof value === 'string') ids.add(value);
  }
  return ids;
}

/**
 * The pending commands queued after `command` that act on one of its objects: they were decided on
 * the state it would make, so they are cancelled with it.
 */
export function dependentsOf(command: Command, pending: readonly Command[]): Command[] {
  const ids = objectIds(command);
  if (ids.size === 0) return [];
  return pending.filter((c) => c.id > command.id && [...objectIds(c)].some((id) => ids.has(id)));
}

export type CancelOutcome =
  { status: 'cancelled'; kind: string; dependents: string[] } | { status: 'sent'; kind: string | null };

/**
 * Withdraws a command the replica has not sent yet (still `pending`: the server has no outcome for
 * it), with the later pending commands that depend on it. A command removed before the server saw
 * it is never executed (the server answers a deleted id it never stored with nothing). Once the
 * server has answered, it can no longer be withdrawn: the answer says so.
 */
export async function cancelPending(db: ReplicaDatabase, id: string): Promise<CancelOutcome> {
  const doc = await db.commands.findOne(id).exec();
  if (!doc || doc.status !== 'pending') return { status: 'sent', kind: doc?.kind ?? null };
  const command = doc.toJSON() as unknown as Command;
  const pending = (await db.commands.find({ selector: { status: 'pending' } }).exec()).map(
    (d) => d.toJSON() as unknown as Command,
  );
  const dependents = dependentsOf(command, pending);
  // The later ones first: a dependent is never left to be sent without what it depends on.
  for (const dependent of [...dependents].reverse()) {
    await db.commands
      .findOne(dependent.id)
      .exec()
      .then((d) => d?.remove());
  }
  await doc.remove();
  return { status: 'cancelled', kind: command.kind, dependents: dependents.map((d) => d.kind) };
}
