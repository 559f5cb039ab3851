import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { ipcChannels } from '../../shared/host-api.js';
import { SAVE_FILE_MAX_BYTES } from '../../shared/host-api-schemas.js';
import { startDesk } from './desk.js';
import { FakeBrowserWindow, FakeWebContents, fakeElectron } from './testing/fake-electron.js';

async function setUp(env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'kg-desk-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  const fake = fakeElectron(dir);
  const start = () => startDesk(fake.apis, { env, rendererDir, preloadPath: join(dir, 'preload.cjs') });
  return { dir, fake, start, settingsFile: join(fake.app.paths.userData!, 'settings.json') };
}

const topLabels = (menu: MenuItemConstructorOptions[] | undefined) => menu?.map((item) => item.label);

describe('the desktop shell, started', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('quits at once when another instance already runs, opening nothing', async () => {
    const { fake, start } = await setUp();
    fake.app.hasLock = false;
    expect(await start()).toBeNull();
    expect(fake.app.quitting).toBe(true);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('brings the open window forward when the app is started again', async () => {
    const { fake, start } = await setUp();
    const ctx = await start();
    const win = ctx?.mainWindow as unknown as FakeBrowserWindow;
    win.minimized = true;
    fake.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('sandboxes every renderer, registers app://, denies permissions and locks navigation', async () => {
    const { fake, start } = await setUp();
    await start();
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.electron.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const answers: boolean[] = [];
    fake.electron.session.defaultSession.requestHandler?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('gives Chromium’s date fields Russian locale data (DD.MM.YYYY) before the app is ready', async () => {
    const { fake, start } = await setUp();
    await start();
    expect(fake.app.switchesAtReady?.get('lang')).toBe('ru');
  });

  it('serves the app with a CSP that lets it reach the server from KG_SERVER_URL', async () => {
    const { fake, start } = await setUp({ KG_SERVER_URL: 'https://intake.almaty.kz' });
    const ctx = await start();
    const response = await fake.electron.protocol.handler?.(new Request('app://desk/index.html'));
    expect(response?.headers.get('content-security-policy')).toContain("connect-src 'self' https://intake.almaty.kz;");
    expect(await fake.invoke(ipcChannels.appInfo)).toEqual({
      version: '1.2.3',
      serverUrl: 'https://intake.almaty.kz',
      platform: process.platform,
      settingsFile: expect.stringMatching(/settings\.json$/),
    });
    expect((ctx?.mainWindow as unknown as FakeBrowserWindow).loadedUrl).toBe('app://desk/index.html');
  });

  it('answers the app’s page over IPC, and nobody else', async () => {
    const { fake, start } = await setUp();
    await start();
    await expect(fake.invokeFrom('https://evil.example/')(ipcChannels.appInfo)).rejects.toThrow(/untrusted/);
    await expect(fake.invokeFrom('app://desk/', false)(ipcChannels.vaultGet, 'x')).rejects.toThrow(/untrusted/);
    await expect(fake.invoke(ipcChannels.vaultGet, '../escape')).rejects.toThrow(/invalid payload/);
    await expect(fake.invoke(ipcChannels.print, { copies: 1000 })).rejects.toThrow(/invalid payload/);
    await expect(fake.invoke(ipcChannels.setUiLanguage, 'de')).rejects.toThrow(/invalid payload/);
  });

  it('keeps tokens in the vault, encrypted through safeStorage', async () => {
    const { fake, start } = await setUp();
    await start();
    await fake.invoke(ipcChannels.vaultSet, 'session', 'secret-token');
    expect(await fake.invoke(ipcChannels.vaultGet, 'session')).toBe('secret-token');
    expect(fake.electron.safeStorage.encryptStringAsync).toHaveBeenCalledWith('secret-token');
    expect(fake.electron.safeStorage.setUsePlainTextEncryption).not.toHaveBeenCalled();
  });

  it('refuses a bad argument to the vault, naming it, and keeps what the vault held', async () => {
    const { fake, start } = await setUp();
    await start();
    await fake.invoke(ipcChannels.vaultSet, 'session', 'secret-token');
    await expect(fake.invoke(ipcChannels.vaultSet, 'session', 'x'.repeat(64 * 1024 + 1))).rejects.toThrow(
      /^IPC refused: invalid payload for host:vault-set \(argument 2: Too big: expected string to have <=65536 characters\)$/,
    );
    await expect(fake.invoke(ipcChannels.vaultSet, 'session')).rejects.toThrow(
      /^IPC refused: invalid payload for host:vault-set \(arguments: Too small: expected array to have >=2 items\)$/,
    );
    await expect(fake.invoke(ipcChannels.vaultSet, { key: 'session', value: 'other' })).rejects.toThrow(/arguments/);
    await expect(fake.invoke(ipcChannels.vaultDelete, 'session', 'extra')).rejects.toThrow(/arguments: Too big/);
    expect(await fake.invoke(ipcChannels.vaultGet, 'session')).toBe('secret-token');
  });

  it('uses plain-text safeStorage only on the explicit KG_VAULT_PLAINTEXT=1 opt-in', async () => {
    const { fake, start } = await setUp({ KG_VAULT_PLAINTEXT: '1' });
    await start();
    expect(fake.electron.safeStorage.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
  });

  it('prints to PDF over IPC into the file chosen in the save dialog', async () => {
    const { dir, fake, start } = await setUp();
    await start();
    expect(await fake.invoke(ipcChannels.printToPdf, { suggestedName: 'groups' })).toEqual({
      saved: true,
      path: join(dir, 'saved.pdf'),
    });
    expect(fake.electron.dialog.showSaveDialog).toHaveBeenCalledWith(
      FakeBrowserWindow.instances[0],
      expect.objectContaining({ defaultPath: join(dir, 'documents', 'groups.pdf') }),
    );
    expect((await readFile(join(dir, 'saved.pdf'), 'utf8')).startsWith('%PDF')).toBe(true);
    expect(await fake.invoke(ipcChannels.listPrinters)).toEqual([
      { name: 'office', displayName: 'Office printer', isDefault: false },
    ]);
  });

  it('saves a file up to 16 MiB; a larger one is refused naming the limit, before any dialog, writing nothing', async () => {
    const { dir, fake, start } = await setUp();
    await start();
    const target = join(dir, 'saved.pdf');
    const largest = new Uint8Array(SAVE_FILE_MAX_BYTES).fill(65);
    const save = (data: string | Uint8Array) =>
      fake.invoke(ipcChannels.saveFile, { suggestedName: 'list.xlsx', mimeType: 'application/octet-stream', data });
    for (const data of [
      new Uint8Array(SAVE_FILE_MAX_BYTES + 1),
      'a'.repeat(SAVE_FILE_MAX_BYTES + 1),
      // Within the limit in characters, over it in UTF-8 bytes (two bytes each).
      'ж'.repeat(SAVE_FILE_MAX_BYTES / 2 + 1),
    ]) {
      await expect(save(data)).rejects.toThrow(
        /^IPC refused: invalid payload for host:save-file \(data: file over the 16 MiB limit\)$/,
      );
    }
    expect(fake.electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
    expect(await save(largest)).toEqual({ saved: true, path: target });
    expect((await stat(target)).size).toBe(SAVE_FILE_MAX_BYTES);
    expect(await save('ж'.repeat(SAVE_FILE_MAX_BYTES / 2))).toEqual({ saved: true, path: target });
  });

  it('shows the menu in the remembered language and follows the UI’s language', async () => {
    const { fake, start, settingsFile } = await setUp();
    await mkdir(join(settingsFile, '..'), { recursive: true });
    await writeFile(settingsFile, JSON.stringify({ menuLanguage: 'en' }));
    const ctx = await start();
    expect(topLabels(fake.electron.Menu.menus.at(-1))).toContain('Edit');
    await fake.invoke(ipcChannels.setUiLanguage, 'kk');
    expect(topLabels(fake.electron.Menu.menus.at(-1))).toContain('Түзету');
    await ctx?.settings.flush();
    expect(JSON.parse(await readFile(settingsFile, 'utf8')).menuLanguage).toBe('kk');
  });

  it('shows About with the version and the server', async () => {
    const { fake, start } = await setUp();
    await start();
    const help = fake.electron.Menu.menus.at(-1)?.find((item) => item.label === 'Справка');
    const about = (help?.submenu as MenuItemConstructorOptions[])[0];
    (about?.click as () => void)();
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(
      FakeBrowserWindow.instances[0],
      expect.objectContaining({
        message: expect.stringContaining('1.2.3'),
        detail: expect.stringContaining('http://127.0.0.1:8787'),
      }),
    );
  });

  it('quits when the window closes, once its place is saved', async () => {
    const { fake, start, settingsFile } = await setUp();
    const ctx = await start();
    const win = ctx?.mainWindow as unknown as FakeBrowserWindow;
    win.bounds = { x: 40, y: 30, width: 1000, height: 700 };
    win.emit('close');
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.app.quitting).toBe(true));
    expect(JSON.parse(await readFile(settingsFile, 'utf8')).window).toMatchObject({ x: 40, width: 1000 });
  });
});
