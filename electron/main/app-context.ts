import type {
  App,
  BrowserWindow,
  Dialog,
  IpcMain,
  Menu,
  Protocol,
  SafeStorage,
  Screen,
  Session,
  Shell,
} from 'electron';
import type { ServerUrlSource } from './config.js';
import type { SettingsStore } from './settings.js';
import type { Updater } from './updates.js';

/**
 * The parts of Electron the shell uses. electron/main/index.ts hands in the real ones; unit tests
 * hand in small fakes — which is why no other main-process module imports `electron` at runtime.
 */
export interface ElectronApis {
  app: App;
  BrowserWindow: typeof BrowserWindow;
  dialog: Dialog;
  ipcMain: IpcMain;
  Menu: typeof Menu;
  protocol: Protocol;
  safeStorage: SafeStorage;
  /** Read lazily: Electron's screen module is usable only once the app is ready. */
  readonly screen: Screen;
  session: { readonly defaultSession: Session };
  shell: Shell;
  /** electron-updater's autoUpdater, read lazily: creating it reads the packaged app's update files. */
  readonly autoUpdater: Updater;
}

/** Fixed for the life of the process. */
export interface DeskConfig {
  serverUrl: string;
  serverUrlSource: ServerUrlSource;
  rendererDir: string;
  preloadPath: string;
  settingsFile: string;
  vaultDir: string;
  documentsDir: string;
  version: string;
  /** Developer tools and the menu's developer entry exist only in unpackaged (development) runs. */
  devTools: boolean;
}

/**
 * The one piece of mutable state in the main process: what the app has open (mainWindow) and
 * the user's settings (behind their store). Every module receives it; none keeps state of its own.
 */
export interface AppContext {
  readonly electron: ElectronApis;
  readonly config: DeskConfig;
  readonly settings: SettingsStore;
  mainWindow: BrowserWindow | null;
}
