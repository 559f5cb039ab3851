import type { HostApi } from '../../../shared/host-api.js';

const VERIFIER_KEY = 'unlock-verifier';
const ITERATIONS = 100_000;

async function derive(password: string, salt: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations: ITERATIONS },
    key,
    256,
  );
  return [...new Uint8Array(bits)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The locked desk opens again with the signed-in person's password, offline too: a PBKDF2
 * verifier of it (never the password) is kept in the host's token vault at sign-in.
 */
export async function rememberUnlock(host: HostApi, staffId: string, password: string): Promise<void> {
  await host.vault.set(VERIFIER_KEY, await derive(password, `kg-unlock:${staffId}`));
}

export async function checkUnlock(host: HostApi, staffId: string, password: string): Promise<boolean> {
  const stored = await host.vault.get(VERIFIER_KEY);
  return stored !== null && stored === (await derive(password, `kg-unlock:${staffId}`));
}

export async function forgetUnlock(host: HostApi): Promise<void> {
  await host.vault.delete(VERIFIER_KEY);
}

/** Minutes of inactivity before the desk locks (a shared office PC). */
export function lockAfterMs(): number {
  const configured = Number(globalThis.localStorage?.getItem('lock-after-ms'));
  return Number.isFinite(configured) && configured > 0 ? configured : 10 * 60_000;
}
