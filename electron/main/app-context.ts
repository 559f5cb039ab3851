import type { BrowserWindow } from 'electron';

/** The one piece of mutable state in the main process: what the app has open and how it is configured. */
export interface AppContext {
  serverUrl: string;
  rendererDir: string;
  preloadPath: string;
  version: string;
  mainWindow: BrowserWindow | null;
}
