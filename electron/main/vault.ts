import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { TokenVault } from '../../shared/host-api.js';

type Encryption = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

/**
 * The token vault: each value encrypted with the OS keychain through safeStorage's async API and
 * kept in its own file (mode 600) under userData/vault. It refuses to store anything when the OS
 * offers no encryption, rather than keep tokens in plain text; a value it can no longer decrypt
 * (the OS keychain was reset) reads as absent, so the user simply signs in again.
 */
export function createVault(dir: string, safeStorage: Encryption): TokenVault {
  const fileOf = (key: string) => join(dir, `${Buffer.from(key).toString('base64url')}.bin`);
  const store = async (key: string, value: string) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(fileOf(key), await safeStorage.encryptStringAsync(value), { mode: 0o600 });
  };
  return {
    async get(key) {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(fileOf(key));
      } catch {
        return null;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        if (shouldReEncrypt) await store(key, result);
        return result;
      } catch {
        console.warn(`The vault entry "${key}" cannot be decrypted any more; treating it as absent`);
        return null;
      }
    },
    async set(key, value) {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new Error('OS encryption is unavailable; refusing to store secrets in plain text');
      }
      await store(key, value);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
