import { BrowserWindow, shell } from 'electron';
import type { AppContext } from './app-context.js';
import { APP_ORIGIN, isAllowedExternalUrl, lockNavigation } from './security.js';

/** Secure defaults for every window the desk opens. */
export const secureWebPreferences = (preloadPath: string) => ({
  preload: preloadPath,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
});

export function createMainWindow(ctx: AppContext): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Комплектование',
    webPreferences: secureWebPreferences(ctx.preloadPath),
  });
  lockNavigation(win.webContents, (url) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
