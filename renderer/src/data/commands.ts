import { v7 as uuidv7 } from 'uuid';
import type { CommandKind, CommandPayload } from '../../../shared/commands/command.js';
import type { ReplicaDatabase } from './replica.js';

/**
 * The only way the app writes: a pending command in the local replica. Replication pushes it;
 * the server's outcome (applied or rejected with a reason) replicates back onto the same document.
 */
export async function sendCommand<K extends CommandKind>(
  db: ReplicaDatabase,
  deviceId: string,
  kind: K,
  payload: CommandPayload<K>,
): Promise<string> {
  const now = new Date().toISOString();
  const id = uuidv7();
  await db.commands.insert({
    id,
    kind,
    payload: payload as Record<string, unknown>,
    deviceId,
    deviceTime: now,
    status: 'pending',
    rejection: null,
    executedAt: null,
    rev: 0,
    updatedAt: now,
  });
  return id;
}
