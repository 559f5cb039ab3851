import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateState, UiLanguage } from '../../shared/host-api.js';

/**
 * The parts of electron-updater's `autoUpdater` the shell uses. electron/main/index.ts hands in the
 * real one (lazily: creating it reads the packaged app's files); tests hand in a fake.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * How this copy was installed, which decides how it updates: the per-user NSIS install and the
 * AppImage update themselves; a .deb belongs to the package manager (the app says so and does
 * not touch it); a development run (not packaged) and other platforms do not update.
 */
export type InstallKind = 'nsis' | 'appimage' | 'deb' | 'unpackaged' | 'other';

export function installKind(input: {
  isPackaged: boolean;
  platform: string;
  env: Record<string, string | undefined>;
  /** resources/package-type, which electron-builder writes for deb/rpm/pacman builds. */
  packageType: string | null;
}): InstallKind {
  if (!input.isPackaged) return 'unpackaged';
  if (input.platform === 'win32') return 'nsis';
  if (input.platform === 'linux') {
    if (input.env.APPIMAGE) return 'appimage';
    if (input.packageType?.trim() === 'deb') return 'deb';
  }
  return 'other';
}

export function readPackageType(resourcesPath: string | undefined): string | null {
  if (!resourcesPath) return null;
  try {
    return readFileSync(join(resourcesPath, 'package-type'), 'utf8');
  } catch {
    return null;
  }
}

/** The central server's feed (server/http/routes/updates.ts), for the server the app is configured with. */
export const feedUrlOf = (serverUrl: string) => `${serverUrl.replace(/\/+$/, '')}/updates/`;

export const FIRST_CHECK_MS = 30_000;
export const CHECK_EVERY_MS = 4 * 3600_000;

export interface UpdatesDeps {
  kind: InstallKind;
  /** Created on first use only (and never for a .deb or a development run). */
  updater: () => Updater;
  serverUrl: string;
  /** Asks whether to restart now into the downloaded version; true = restart. */
  askToRestart(version: string): Promise<boolean>;
  /** Runs before the app quits to install (writes the settings out). */
  beforeInstall(): Promise<void>;
  log?: (message: string) => void;
  timers?: {
    setTimeout(fn: () => void, ms: number): unknown;
    setInterval(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    clearInterval(handle: unknown): void;
  };
}

export interface Updates {
  state(): UpdateState;
  /** Checks now (unless a check or download runs, or an update waits); resolves to the state after it. */
  check(): Promise<UpdateState>;
  /** Restarts into the downloaded update; otherwise starts a check and reports. */
  install(): Promise<UpdateState>;
  stop(): void;
}

/**
 * Keeps the app up to date from the central server: checks 30 s after start and every 4 hours,
 * downloads a newer version in the background, then asks once to restart (declined: it installs
 * when the app quits). The renderer may ask at any time (HostApi.checkForUpdates — the staff app
 * does so at once when the server answers 426) and restart into a downloaded one (installUpdate).
 */
export function startUpdates(deps: UpdatesDeps): Updates {
  const log = deps.log ?? ((message: string) => console.warn(message));
  const timers = deps.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };

  if (deps.kind !== 'nsis' && deps.kind !== 'appimage') {
    const fixed: UpdateState =
      deps.kind === 'deb'
        ? { status: 'package-manager', message: 'Installed from a .deb package: update it with the package manager.' }
        : { status: 'unsupported', message: 'This copy does not update itself (development run or platform).' };
    return {
      state: () => fixed,
      check: async () => fixed,
      install: async () => fixed,
      stop: () => undefined,
    };
  }

  let state: UpdateState = { status: 'up-to-date' };
  let updater: Updater | null = null;
  let asked: string | null = null;
  let running: Promise<UpdateState> | null = null;

  const get = (): Updater => {
    if (updater) return updater;
    const u = deps.updater();
    u.autoDownload = true;
    u.autoInstallOnAppQuit = true;
    u.setFeedURL({ provider: 'generic', url: feedUrlOf(deps.serverUrl), channel: 'latest' });
    u.on('checking-for-update', () => (state = { status: 'checking' }));
    u.on(
      'update-available',
      (info: { version: string }) => (state = { status: 'downloading', version: info.version, percent: 0 }),
    );
    u.on('download-progress', (progress: { percent: number }) => {
      if (state.status === 'downloading') state = { ...state, percent: Math.max(0, Math.min(100, progress.percent)) };
    });
    u.on(
      'update-not-available',
      (info: { version: string }) => (state = { status: 'up-to-date', version: info.version }),
    );
    u.on('update-downloaded', (info: { version: string }) => {
      state = { status: 'ready', version: info.version };
      if (asked === info.version) return;
      asked = info.version;
      void deps.askToRestart(info.version).then(
        (restart) => (restart ? quitAndInstall() : undefined),
        (error: unknown) => log(`The update question failed: ${String(error)}`),
      );
    });
    u.on('error', (error: Error) => {
      log(`Update check failed: ${error?.message ?? String(error)}`);
      // A download already done stays installable.
      if (state.status !== 'ready') state = { status: 'error', message: String(error?.message ?? error).slice(0, 500) };
    });
    updater = u;
    return u;
  };

  const busy = () => state.status === 'checking' || state.status === 'downloading' || state.status === 'ready';

  const check = async (): Promise<UpdateState> => {
    if (busy()) return state;
    if (running) return running;
    state = { status: 'checking' };
    running = (async () => {
      try {
        await get().checkForUpdates();
      } catch (error) {
        if (state.status !== 'ready') {
          state = { status: 'error', message: String((error as Error)?.message ?? error).slice(0, 500) };
        }
      } finally {
        running = null;
      }
      return state;
    })();
    return running;
  };

  const quitAndInstall = async () => {
    await deps.beforeInstall().catch((error: unknown) => log(`Saving before the update failed: ${String(error)}`));
    // Silent: the per-user installer needs no questions; then start the new version.
    get().quitAndInstall(true, true);
  };

  const first = timers.setTimeout(() => void check(), FIRST_CHECK_MS);
  const every = timers.setInterval(() => void check(), CHECK_EVERY_MS);

  return {
    state: () => state,
    check,
    async install() {
      if (state.status === 'ready') {
        await quitAndInstall();
        return state;
      }
      return check();
    },
    stop() {
      timers.clearTimeout(first);
      timers.clearInterval(every);
    },
  };
}

/** The restart question, in the menu's language. */
export const updateDialogLabels: Record<
  UiLanguage,
  { title: string; message: (version: string) => string; detail: string; restart: string; later: string }
> = {
  ru: {
    title: 'Обновление',
    message: (version) => `Загружена новая версия ${version}.`,
    detail:
      'Перезапустить приложение сейчас, чтобы установить её? Команды, ожидающие отправки, сохранятся. Если отложить, версия установится при закрытии приложения.',
    restart: 'Перезапустить',
    later: 'Позже',
  },
  kk: {
    title: 'Жаңарту',
    message: (version) => `Жаңа ${version} нұсқасы жүктелді.`,
    detail:
      'Орнату үшін қолданбаны қазір қайта іске қосу керек пе? Жіберуді күтіп тұрған командалар сақталады. Кейінге қалдырсаңыз, нұсқа қолданба жабылғанда орнатылады.',
    restart: 'Қайта іске қосу',
    later: 'Кейінірек',
  },
  en: {
    title: 'Update',
    message: (version) => `Version ${version} has been downloaded.`,
    detail:
      'Restart the app now to install it? Commands waiting to sync are kept. If you postpone, it installs when the app closes.',
    restart: 'Restart',
    later: 'Later',
  },
};
