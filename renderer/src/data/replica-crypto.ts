import type { HostApi } from '../../../shared/host-api.js';

const SECRET_KEY = 'replica-key';

/**
 * The replica's secret: 32 random bytes made on this PC and kept in the host's token vault
 * (Electron: safeStorage; browser host: its storage). It is the password of RxDB's encryption
 * (IIN and phone numbers are stored encrypted) and the key of the IIN's keyed hash.
 */
export async function replicaSecret(host: HostApi): Promise<string> {
  const existing = await host.vault.get(SECRET_KEY);
  if (existing) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const secret = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  await host.vault.set(SECRET_KEY, secret);
  return secret;
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(`kg-iin-hash:${secret}`),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

/**
 * HMAC-SHA-256 of an IIN under the replica's secret, hex: stored beside the encrypted IIN so an
 * exact IIN is found without decrypting every document, and useless without the secret.
 */
export async function iinHash(secret: string, iin: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(iin));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The keyed hash of an IIN for this replica (its secret is the database's password). */
export function iinHashFor(db: { password?: unknown }, iin: string): Promise<string> {
  if (typeof db.password !== 'string') throw new Error('the replica has no secret');
  return iinHash(db.password, iin);
}
