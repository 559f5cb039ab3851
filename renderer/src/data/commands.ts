import { v7 as uuidv7 } from 'uuid';
import type { CommandKind, CommandPayload } from '../../../shared/commands/command.js';
import type { ReplicaDatabase } from './replica.js';

const LAST_ID_MS_KEY = 'last-command-id-ms';
let lastIdMs = 0;

/**
 * A new command id: a UUIDv7 whose time part only grows on this PC — across restarts too, even
 * when the PC's clock is set back — so the ids sort in the order the commands were made, and the
 * replica pushes them (and the server executes them) in that order.
 */
export function nextCommandId(): string {
  const stored = Number(globalThis.localStorage?.getItem(LAST_ID_MS_KEY) ?? 0);
  const ms = Math.max(Date.now(), lastIdMs + 1, (Number.isFinite(stored) ? stored : 0) + 1);
  lastIdMs = ms;
  globalThis.localStorage?.setItem(LAST_ID_MS_KEY, String(ms));
  return uuidv7({ msecs: ms });
}

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
  const id = nextCommandId();
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
