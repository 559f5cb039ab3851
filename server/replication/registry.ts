import { newCommandSchema } from '../../shared/commands/command.js';
import { replicatedCollections, type ReplicatedCollection } from '../../shared/replication/protocol.js';
import { executeCommands } from '../executor/execute.js';
import { collectionPolicies } from './collections.js';
import { collectionRegistry, type CollectionRegistry, type PushHandler } from './core.js';
import { locate } from './document-push.js';

/**
 * `commands` accepts only new commands: each is executed exactly once (server/executor/execute.ts),
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
  return { ok: true, conflicts: await executeCommands(db, clock, auth, commands) };
};

/** Which production collections accept pushes: commands only; every other one is a pull-only read model. */
const pushHandlers: Partial<Record<ReplicatedCollection, PushHandler>> = { commands: commandPush };

/** The collections the server replicates in production (tests may pass another registry to startServer). */
export const productionCollections: CollectionRegistry = collectionRegistry(
  replicatedCollections.map((name) => {
    const push = pushHandlers[name];
    return push ? { policy: collectionPolicies[name], push } : { policy: collectionPolicies[name] };
  }),
);
