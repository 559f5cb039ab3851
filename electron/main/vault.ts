import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';

/**
 * The token vault: each value encrypted with the OS keychain (safeStorage, async API) and kept
 * in its own file under userData/vault. Refuses to store anything when encryption is unavailable.
 */
export function createVault(dir: string) {
  const fileOf = (key: string) => join(dir, `${Buffer.from(key).toString('base64url')}.bin`);
  return {
    async get(key: string): Promise<string | null> {
      let encrypted: Buffer;
      try {
        encrypted = await readFile(fileOf(key));
      } catch {
        return null;
      }
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
      if (shouldReEncrypt) await writeFile(fileOf(key), await safeStorage.encryptStringAsync(result), { mode: 0o600 });
      return result;
    },
    async set(key: string, value: string): Promise<void> {
      if (!(await safeStorage.isAsyncEncryptionAvailable()))
        throw new Error('OS encryption is unavailable; refusing to store secrets in plain text');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(fileOf(key), await safeStorage.encryptStringAsync(value), { mode: 0o600 });
    },
    async delete(key: string): Promise<void> {
      await rm(fileOf(key), { force: true });
    },
  };
}
