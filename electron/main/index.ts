import { join } from 'node:path';
import * as electron from 'electron';
import { autoUpdater } from 'electron-updater';
import { startDesk } from './desk.js';

/**
 * The only file that imports `electron` (and electron-updater, which needs it) at runtime: it hands Electron's objects to the shell
 * (unit tests hand in fakes) and starts it. `screen` is read lazily: it exists only once ready.
 */
startDesk(
  {
    app: electron.app,
    BrowserWindow: electron.BrowserWindow,
    dialog: electron.dialog,
    ipcMain: electron.ipcMain,
    Menu: electron.Menu,
    protocol: electron.protocol,
    safeStorage: electron.safeStorage,
    get screen() {
      return electron.screen;
    },
    session: electron.session,
    shell: electron.shell,
    get autoUpdater() {
      return autoUpdater;
    },
  },
  {
    env: process.env,
    rendererDir: join(__dirname, '../renderer'),
    preloadPath: join(__dirname, '../preload/index.cjs'),
    resourcesPath: process.resourcesPath,
  },
).catch((error: unknown) => {
  console.error('The desktop app failed to start:', error);
  electron.app.exit(1);
});
