import { useSyncExternalStore } from 'react';

/**
 * The refusals the head dismissed on this PC (by command id), kept across restarts. A dismissed
 * refusal leaves its row and the open list; the rejections list still shows it among the closed.
 */
const KEY = 'dismissed-refusals';
const listeners = new Set<() => void>();

function read(): ReadonlySet<string> {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

let dismissed = read();

export function dismissRefusal(commandId: string): void {
  dismissed = new Set([...dismissed, commandId]);
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...dismissed]));
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useDismissed(): ReadonlySet<string> {
  return useSyncExternalStore(subscribe, () => dismissed);
}
