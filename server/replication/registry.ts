import { newCommandSchema } from '../../shared/commands/command.js';
import { replicatedCollections, type ReplicatedCollection } from '../../shared/replication/protocol.js';
import { executeCommand } from '../commands/execute.js';
import type { Queryable } from '../db/db.js';
import { collectionPolicies } from './collections.js';
import { collectionRegistry, type CollectionRegistry, type PushHandler, type Wire } from './core.js';
import { locate } from './document-push.js';

/**
 * `commands` accepts only new commands: each is executed exactly once (server/commands/execute.ts),
 * in the order pushed, and answered with its stored outcome — the master state RxDB takes as the
 * resolved document, so the replica learns the outcome with no extra round trip. A re-pushed id
 * returns the stored outcome and executes nothing; a command deleted on the device before the
 * server ever saw it is never executed.
 */
export const commandPush: PushHandler = async ({ db, clock, auth }, rows) => {
  const commands = [];
  for (const [index, row] of rows.entries()) {
    const command = newCommandSchema.safeParse(row.newDocumentState);
    if (!command.success) return { ok: false, invalid: locate(command.error, index) };
    commands.push({ command: command.data, deleted: row.newDocumentState._deleted === true });
  }
  const outcomes: Wire[] = [];
  for (const { command, deleted } of commands) {
    if (!deleted) outcomes.push(await executeCommand(db, clock, auth, command));
    else outcomes.push(...(await storedCommand(db, auth.kindergartenId, command.id)));
  }
  return { ok: true, conflicts: outcomes };
};

async function storedCommand(db: Queryable, kindergartenId: string, id: string): Promise<Wire[]> {
  const policy = collectionPolicies.commands;
  const rows = await db.query(
    `select ${policy.columns}, deleted as "_deleted" from commands where kindergarten_id = $1 and id = $2`,
    [kindergartenId, id],
  );
  return rows.map((row) => ({ ...policy.toDocument(row), _deleted: row._deleted === true }));
}

/** Which production collections accept pushes: commands only; every other one is a pull-only read model. */
const pushHandlers: Partial<Record<ReplicatedCollection, PushHandler>> = { commands: commandPush };

/** The collections the server replicates in production (tests may pass another registry to startServer). */
export const productionCollections: CollectionRegistry = collectionRegistry(
  replicatedCollections.map((name) => {
    const push = pushHandlers[name];
    return push ? { policy: collectionPolicies[name], push } : { policy: collectionPolicies[name] };
  }),
);
