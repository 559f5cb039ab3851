import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import type { AppContext } from './app-context.js';
import { registerIpc } from './ipc.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { denyPermissions } from './security.js';
import { createVault } from './vault.js';
import { createMainWindow } from './window.js';

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const ctx: AppContext = {
    serverUrl: process.env.KG_SERVER_URL ?? 'http://127.0.0.1:8787',
    rendererDir: join(__dirname, '../renderer'),
    preloadPath: join(__dirname, '../preload/index.cjs'),
    version: app.getVersion(),
    mainWindow: null,
  };

  app.on('second-instance', () => {
    if (ctx.mainWindow?.isMinimized()) ctx.mainWindow.restore();
    ctx.mainWindow?.focus();
  });

  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    serveRenderer(ctx.rendererDir, ctx.serverUrl);
    registerIpc(ctx, createVault(join(app.getPath('userData'), 'vault')));
    ctx.mainWindow = createMainWindow(ctx);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) ctx.mainWindow = createMainWindow(ctx);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
