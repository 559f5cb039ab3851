import type { BrowserWindow } from 'electron';
import type { AppContext } from './app-context.js';
import { APP_ORIGIN } from './security.js';
import { captureWindowState, MIN_HEIGHT, MIN_WIDTH, placeWindow } from './window-state.js';

/**
 * The desk's window: isolated, sandboxed, no Node, no way to lower web security; opened where it
 * was last closed (when that place is still on a screen), its size and place remembered when it
 * closes. Navigation is locked for every web contents by lockAllNavigation (security.ts).
 *
 * The preferences are written out literally on `new BrowserWindow` so that Electronegativity,
 * which reads the built code, sees exactly what the window gets.
 */
export function createMainWindow(ctx: AppContext): BrowserWindow {
  const { BrowserWindow, screen } = ctx.electron;
  const placement = placeWindow(
    ctx.settings.current().window,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Комплектование',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: ctx.config.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links in new windows; none are allowed anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: ctx.config.devTools,
    },
  });
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    ctx.settings.update({ window: captureWindowState(win) }).catch((error: unknown) => {
      console.warn('Could not remember the window position:', error);
    });
  });
  win.on('closed', () => {
    if (ctx.mainWindow === win) ctx.mainWindow = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** A second start of the app brings the open window forward instead of opening another. */
export function focusMainWindow(ctx: Pick<AppContext, 'mainWindow'>): void {
  const win = ctx.mainWindow;
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
