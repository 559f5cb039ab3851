import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeSafeStorage } from './testing/fake-electron.js';
import { createVault } from './vault.js';

describe('the token vault', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'kg-vault-')), 'vault');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('keeps a value encrypted on disk, readable only through safeStorage’s async API', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = createVault(dir, safeStorage);
    await vault.set('session', 'token-123');
    expect(await vault.get('session')).toBe('token-123');
    const [file] = await readdir(dir);
    expect(await readFile(join(dir, file!), 'utf8')).not.toContain('token-123');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('token-123');
    expect(safeStorage.decryptStringAsync).toHaveBeenCalled();
    if (process.platform !== 'win32') expect((await stat(join(dir, file!))).mode & 0o777).toBe(0o600);
  });

  it('refuses to store anything when the OS offers no encryption', async () => {
    const vault = createVault(dir, fakeSafeStorage(false));
    await expect(vault.set('session', 'token-123')).rejects.toThrow(/refusing to store secrets in plain text/);
    await expect(readdir(dir)).rejects.toThrow();
  });

  it('reads an absent key as null and forgets a deleted one', async () => {
    const vault = createVault(dir, fakeSafeStorage());
    expect(await vault.get('device-id')).toBeNull();
    await vault.set('device-id', 'abc');
    await vault.delete('device-id');
    expect(await vault.get('device-id')).toBeNull();
    await vault.delete('never-set');
  });

  it('re-encrypts a value when the OS asks for it', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = createVault(dir, safeStorage);
    await vault.set('session', 'token');
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ result: 'token', shouldReEncrypt: true });
    expect(await vault.get('session')).toBe('token');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
  });

  it('treats a value it can no longer decrypt as absent, so the user signs in again', async () => {
    const vault = createVault(dir, fakeSafeStorage());
    await vault.set('session', 'token');
    const [file] = await readdir(dir);
    await writeFile(join(dir, file!), 'garbage');
    expect(await vault.get('session')).toBeNull();
  });
});
