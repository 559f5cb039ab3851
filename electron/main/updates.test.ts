import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipcChannels } from '../../shared/host-api.js';
import { startDesk } from './desk.js';
import { FakeBrowserWindow, FakeUpdater, fakeElectron } from './testing/fake-electron.js';
import {
  CHECK_EVERY_MS,
  FIRST_CHECK_MS,
  feedUrlOf,
  installKind,
  readPackageType,
  startUpdates,
  type InstallKind,
  type UpdatesDeps,
} from './updates.js';

function fakeTimers() {
  const timeouts: { fn: () => void; ms: number }[] = [];
  const intervals: { fn: () => void; ms: number }[] = [];
  return {
    timeouts,
    intervals,
    timers: {
      setTimeout: (fn: () => void, ms: number) => timeouts.push({ fn, ms }),
      setInterval: (fn: () => void, ms: number) => intervals.push({ fn, ms }),
      clearTimeout: vi.fn(),
      clearInterval: vi.fn(),
    },
  };
}

function setUp(kind: InstallKind = 'nsis', overrides: Partial<UpdatesDeps> = {}) {
  const updater = new FakeUpdater();
  const created = vi.fn(() => updater);
  const clock = fakeTimers();
  const askToRestart = vi.fn(async () => false);
  const beforeInstall = vi.fn(async () => undefined);
  const updates = startUpdates({
    kind,
    updater: created as unknown as UpdatesDeps['updater'],
    serverUrl: 'https://intake.almaty.kz',
    askToRestart,
    beforeInstall,
    log: () => undefined,
    timers: clock.timers,
    ...overrides,
  });
  return { updater, created, clock, askToRestart, beforeInstall, updates };
}

/** A feed offering `version`: available, some progress, downloaded. */
const offers = (version: string) => (u: FakeUpdater) => {
  u.emit('checking-for-update');
  u.emit('update-available', { version });
  u.emit('download-progress', { percent: 40 });
  u.emit('update-downloaded', { version });
};

describe('how a copy of the app updates', () => {
  it('tells the installs apart: per-user NSIS, AppImage, deb, development run', () => {
    const base = { isPackaged: true, env: {}, packageType: null };
    expect(installKind({ ...base, platform: 'win32' })).toBe('nsis');
    expect(installKind({ ...base, platform: 'linux', env: { APPIMAGE: '/home/a/desk.AppImage' } })).toBe('appimage');
    expect(installKind({ ...base, platform: 'linux', packageType: 'deb\n' })).toBe('deb');
    expect(installKind({ ...base, platform: 'linux' })).toBe('other');
    expect(installKind({ ...base, platform: 'darwin' })).toBe('other');
    expect(installKind({ ...base, platform: 'win32', isPackaged: false })).toBe('unpackaged');
  });

  it('reads electron-builder’s package-type marker from the resources folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-res-'));
    expect(readPackageType(dir)).toBeNull();
    expect(readPackageType(undefined)).toBeNull();
    await writeFile(join(dir, 'package-type'), 'deb');
    expect(readPackageType(dir)).toBe('deb');
  });

  it('uses the configured server’s feed', () => {
    expect(feedUrlOf('https://intake.almaty.kz')).toBe('https://intake.almaty.kz/updates/');
    expect(feedUrlOf('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787/updates/');
  });
});

describe('the updater', () => {
  it('checks 30 s after start and every 4 hours, against the server’s generic feed, downloading in the background', async () => {
    const { updater, created, clock, updates } = setUp();
    expect(created).not.toHaveBeenCalled(); // nothing until the first check
    expect(clock.timeouts.map((t) => t.ms)).toEqual([FIRST_CHECK_MS]);
    expect(clock.intervals.map((t) => t.ms)).toEqual([CHECK_EVERY_MS]);
    clock.timeouts[0]!.fn();
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    expect(updater.feed).toEqual({ provider: 'generic', url: 'https://intake.almaty.kz/updates/', channel: 'latest' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    await updates.check(); // a check in flight is joined, not repeated
    expect(updater.checks).toBe(1);
    clock.intervals[0]!.fn();
    await vi.waitFor(() => expect(updater.checks).toBe(2));
  });

  it('reports up to date, then a download in progress, then asks once to restart into the new version', async () => {
    const { updater, updates, askToRestart, beforeInstall } = setUp();
    expect(await updates.check()).toEqual({ status: 'up-to-date', version: '1.2.3' });

    updater.onCheck = (u) => {
      u.emit('checking-for-update');
      u.emit('update-available', { version: '1.3.0' });
      u.emit('download-progress', { percent: 37.5 });
    };
    expect(await updates.check()).toEqual({ status: 'downloading', version: '1.3.0', percent: 37.5 });
    // While it downloads, asking again only reports.
    expect(await updates.check()).toMatchObject({ status: 'downloading' });
    expect(updater.checks).toBe(2);

    updater.emit('update-downloaded', { version: '1.3.0' });
    expect(updates.state()).toEqual({ status: 'ready', version: '1.3.0' });
    expect(askToRestart).toHaveBeenCalledWith('1.3.0');
    updater.emit('update-downloaded', { version: '1.3.0' });
    expect(askToRestart).toHaveBeenCalledTimes(1); // declined: asked once; installs on quit
    expect(updater.installs).toEqual([]);

    // The staff app's "Restart and update": settings saved, then a silent install that starts the app again.
    expect(await updates.install()).toMatchObject({ status: 'ready' });
    expect(beforeInstall).toHaveBeenCalled();
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('restarts at once when the user says yes', async () => {
    const { updater, updates, askToRestart } = setUp();
    askToRestart.mockResolvedValue(true);
    updater.onCheck = offers('2.0.0');
    await updates.check();
    await vi.waitFor(() => expect(updater.installs).toEqual([[true, true]]));
  });

  it('reports a feed it cannot read, and tries again on the next request', async () => {
    const { updater, updates } = setUp();
    updater.onCheck = (u) => {
      u.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
      throw new Error('net::ERR_CONNECTION_REFUSED');
    };
    expect(await updates.check()).toEqual({ status: 'error', message: 'net::ERR_CONNECTION_REFUSED' });
    updater.onCheck = offers('1.3.0');
    expect(await updates.install()).toEqual({ status: 'ready', version: '1.3.0' });
  });

  it('leaves a .deb to the package manager and a development run alone, never creating the updater', async () => {
    for (const [kind, status] of [
      ['deb', 'package-manager'],
      ['unpackaged', 'unsupported'],
      ['other', 'unsupported'],
    ] as const) {
      const { created, clock, updates } = setUp(kind);
      expect(await updates.check()).toMatchObject({ status });
      expect(await updates.install()).toMatchObject({ status });
      expect(created).not.toHaveBeenCalled();
      expect(clock.timeouts).toEqual([]);
    }
  });
});

describe('updates in the started shell', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('answers the page’s checkForUpdates and installUpdate over validated IPC', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-upd-'));
    const rendererDir = join(dir, 'renderer');
    const fake = fakeElectron(dir);
    // A development run (not packaged): the updater is never created and says so.
    await startDesk(fake.apis, { env: {}, rendererDir, preloadPath: join(dir, 'preload.cjs') });
    expect(await fake.invoke(ipcChannels.checkForUpdates)).toMatchObject({ status: 'unsupported' });
    expect(await fake.invoke(ipcChannels.installUpdate)).toMatchObject({ status: 'unsupported' });
    await expect(fake.invoke(ipcChannels.checkForUpdates, 'x')).rejects.toThrow(/invalid payload/);
    await expect(fake.invokeFrom('https://evil.example/')(ipcChannels.installUpdate)).rejects.toThrow(
      /untrusted sender/,
    );
    expect(fake.electron.autoUpdater.checks).toBe(0);
  });

  it('in a packaged Windows build, checks the configured server’s feed and asks in the menu’s language', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-upd-'));
    const fake = fakeElectron(dir);
    fake.app.isPackaged = true;
    const platform = vi.spyOn(process, 'platform', 'get').mockReturnValue('win32');
    try {
      await startDesk(fake.apis, {
        env: { KG_SERVER_URL: 'https://intake.almaty.kz' },
        rendererDir: dir,
        preloadPath: join(dir, 'preload.cjs'),
      });
    } finally {
      platform.mockRestore();
    }
    const updater = fake.electron.autoUpdater;
    updater.onCheck = offers('1.4.0');
    expect(await fake.invoke(ipcChannels.checkForUpdates)).toEqual({ status: 'ready', version: '1.4.0' });
    expect(updater.feed).toMatchObject({ url: 'https://intake.almaty.kz/updates/' });
    await vi.waitFor(() =>
      expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ message: 'Загружена новая версия 1.4.0.', buttons: ['Перезапустить', 'Позже'] }),
      ),
    );
    // showMessageBox answers 0 (the first button): restart into it.
    await vi.waitFor(() => expect(updater.installs).toEqual([[true, true]]));
    fake.app.emit('before-quit'); // clears the update timers
  });
});
