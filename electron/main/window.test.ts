import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from './app-context.js';
import { openSettings } from './settings.js';
import { FakeBrowserWindow, fakeElectron } from './testing/fake-electron.js';
import { createMainWindow, focusMainWindow } from './window.js';

async function context(): Promise<AppContext> {
  const dir = await mkdtemp(join(tmpdir(), 'kg-window-'));
  const { apis } = fakeElectron(dir);
  return {
    electron: apis,
    settings: await openSettings(join(dir, 'settings.json'), () => undefined),
    mainWindow: null,
    config: {
      serverUrl: 'http://127.0.0.1:8787',
      serverUrlSource: 'default',
      rendererDir: join(dir, 'renderer'),
      preloadPath: '/app/out/preload/index.cjs',
      settingsFile: join(dir, 'settings.json'),
      vaultDir: join(dir, 'vault'),
      documentsDir: join(dir, 'documents'),
      version: '1.0.0',
      devTools: false,
    },
  };
}

describe('the desk’s window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
  });

  it('is isolated, sandboxed, without Node, and loads the app from app://desk', async () => {
    const ctx = await context();
    const win = createMainWindow(ctx) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.loadedUrl).toBe('app://desk/index.html');
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('remembers its size and place when closed and opens there next time', async () => {
    const ctx = await context();
    const first = createMainWindow(ctx) as unknown as FakeBrowserWindow;
    first.bounds = { x: 200, y: 100, width: 1100, height: 750 };
    first.maximized = true;
    first.emit('close');
    await ctx.settings.flush();
    const reopened = await openSettings(ctx.config.settingsFile, () => undefined);
    expect(reopened.current().window).toEqual({ x: 200, y: 100, width: 1100, height: 750, maximized: true });

    const second = createMainWindow({ ...ctx, settings: reopened }) as unknown as FakeBrowserWindow;
    expect(second.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 750 });
    second.emit('ready-to-show');
    expect(second.maximized).toBe(true);
  });

  it('forgets itself once closed, and is brought forward by a second start', async () => {
    const ctx = await context();
    const win = createMainWindow(ctx);
    ctx.mainWindow = win;
    const fake = win as unknown as FakeBrowserWindow;
    fake.minimized = true;
    focusMainWindow(ctx);
    expect(fake.minimized).toBe(false);
    expect(fake.focused).toBe(true);
    fake.emit('closed');
    expect(ctx.mainWindow).toBeNull();
  });
});
