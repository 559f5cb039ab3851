import { useSyncExternalStore } from 'react';
import type { CommandKind, CommandPayload } from '../../../../shared/commands/command.js';
import { sendCommand } from '../../data/commands.js';
import type { ReplicaDatabase } from '../../data/replica.js';

/** The last action the head took: a short confirmation names it, and its row is highlighted. */
export interface ActionNotice {
  id: string;
  kind: CommandKind;
  objectId: string | null;
  /** A message of its own instead of "recorded, will be sent" (a cancelled command, one too late to cancel). */
  message?: { text: string; color: 'green' | 'yellow' };
}

let notice: ActionNotice | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function clearNotice(id: string): void {
  if (notice?.id !== id) return;
  notice = null;
  emit();
}

export function useNotice(): ActionNotice | null {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => notice,
  );
}

/** Is this object the one the last action was about (its row highlighted)? */
export function useActedOn(objectId: string): boolean {
  return useNotice()?.objectId === objectId;
}

/** Shows a message of its own in the short confirmation (already translated). */
export function showNotice(kind: string, text: string, color: 'green' | 'yellow'): void {
  notice = { id: `${kind}:${Date.now()}`, kind: kind as CommandKind, objectId: null, message: { text, color } };
  emit();
}

/**
 * Queues a command (the only way the app writes) and confirms it where the head acted: a short
 * "recorded, will be sent" and the affected row highlighted.
 */
export async function queueCommand<K extends CommandKind>(
  db: ReplicaDatabase,
  deviceId: string,
  kind: K,
  payload: CommandPayload<K>,
  objectId: string | null,
): Promise<string> {
  const id = await sendCommand(db, deviceId, kind, payload);
  notice = { id, kind, objectId };
  emit();
  return id;
}
