import { useSyncExternalStore } from 'react';

/**
 * When the head last opened the claims board on this PC (per staff member), kept in the device's
 * local storage and never sent to the server: a claim made after it is new to her.
 */
const keyOf = (staffId: string) => `claims-last-looked:${staffId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, string | null>();

function read(staffId: string): string | null {
  if (!cache.has(staffId)) {
    const stored = globalThis.localStorage?.getItem(keyOf(staffId)) ?? null;
    cache.set(staffId, stored && !Number.isNaN(Date.parse(stored)) ? stored : null);
  }
  return cache.get(staffId) ?? null;
}

/** Records that the head looked at the claims at `instant` (the server's now). */
export function markClaimsLooked(staffId: string, instant: Date): void {
  const value = instant.toISOString();
  cache.set(staffId, value);
  globalThis.localStorage?.setItem(keyOf(staffId), value);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The instant the claims were last looked at on this PC, or null if never. */
export function useClaimsLastLooked(staffId: string): string | null {
  return useSyncExternalStore(subscribe, () => read(staffId));
}

/** A claim is new when it was made after the last look (every claim is new before the first look). */
export const isNewClaim = (claimedAt: string, lastLooked: string | null): boolean =>
  lastLooked === null || Date.parse(claimedAt) > Date.parse(lastLooked);
