import { join } from 'node:path';
import type { UiLanguage } from '../../shared/host-api.js';
import { aboutBox, showAbout } from './about.js';
import type { AppContext, ElectronApis } from './app-context.js';
import { resolveServerUrl } from './config.js';
import { registerHostApi } from './host-handlers.js';
import { createIpc } from './ipc.js';
import { applyMenu, menuTemplate } from './menu.js';
import { printPage, printPageToPdf } from './printing.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { saveDialog } from './save-dialog.js';
import { contentSecurityPolicy, denyPermissions, lockAllNavigation } from './security.js';
import { openSettings } from './settings.js';
import { installKind, readPackageType, startUpdates, updateDialogLabels, type Updates } from './updates.js';
import { createVault } from './vault.js';
import { createMainWindow, focusMainWindow } from './window.js';

export interface DeskStart {
  env: Record<string, string | undefined>;
  /** The built renderer (out/renderer) and preload (out/preload/index.cjs). */
  rendererDir: string;
  preloadPath: string;
  /** Electron's resources folder (process.resourcesPath): tells a .deb install from an AppImage. */
  resourcesPath?: string;
}

const warn = (message: string) => console.warn(message);

/** The locale of Chromium's own widgets: Russian data gives the date fields DD.MM.YYYY in every UI language. */
const WIDGET_LOCALE = 'ru';

/**
 * The composition root of the main process. Before the app is ready: the app:// scheme, the
 * sandbox for every renderer, the navigation lock and the single-instance lock (a second start
 * only brings the open window forward). Once ready: everything in openDesk. Resolves to the app
 * context, or null in a second instance, which quits.
 */
export async function startDesk(electron: ElectronApis, start: DeskStart): Promise<AppContext | null> {
  const { app } = electron;
  if (start.env.KG_USER_DATA_DIR) app.setPath('userData', start.env.KG_USER_DATA_DIR);
  // Chromium's own widgets (the date fields) write dates in the app's locale, which Electron leaves at
  // en-US whatever the PC says (electron/electron#13023): 06/03/2026. Russian locale data writes
  // 03.06.2026, the DD.MM.YYYY every UI language uses (docs/rules.md). Set before ready, as it must be.
  app.commandLine.appendSwitch('lang', WIDGET_LOCALE);
  registerAppScheme(electron.protocol);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // For machines without an OS keychain (a Linux test runner): an explicit opt-in, never a default.
  if (start.env.KG_VAULT_PLAINTEXT === '1') electron.safeStorage.setUsePlainTextEncryption(true);
  lockAllNavigation(app, electron.shell);
  await app.whenReady();
  return openDesk(electron, start);
}

async function openDesk(electron: ElectronApis, start: DeskStart): Promise<AppContext> {
  const { app } = electron;
  const userData = app.getPath('userData');
  const settingsFile = join(userData, 'settings.json');
  const settings = await openSettings(settingsFile, warn);
  const ctx: AppContext = {
    electron,
    settings,
    mainWindow: null,
    config: {
      ...resolveServerUrl(start.env, settings.current(), warn),
      rendererDir: start.rendererDir,
      preloadPath: start.preloadPath,
      settingsFile,
      vaultDir: join(userData, 'vault'),
      documentsDir: app.getPath('documents'),
      version: app.getVersion(),
      devTools: !app.isPackaged,
    },
  };
  denyPermissions(electron.session.defaultSession);
  serveRenderer(electron.protocol, ctx.config.rendererDir, contentSecurityPolicy(ctx.config.serverUrl));
  const updates = openUpdates(ctx, start);
  registerHostApi(ctx, createIpc(electron.ipcMain), {
    vault: createVault(ctx.config.vaultDir, electron.safeStorage),
    setLanguage: (language) => setMenuLanguage(ctx, language),
    updates,
  });
  installMenu(ctx, settings.current().menuLanguage);
  ctx.mainWindow = createMainWindow(ctx);

  app.on('second-instance', () => focusMainWindow(ctx));
  app.on('activate', () => {
    if (!ctx.mainWindow) ctx.mainWindow = createMainWindow(ctx);
  });
  // Quit only once the last settings write (the window's place) is on disk.
  app.on('window-all-closed', () => void settings.flush().finally(() => app.quit()));
  app.on('before-quit', () => updates.stop());
  return ctx;
}

/** electron-updater against the configured server's feed, for installs that update themselves. */
function openUpdates(ctx: AppContext, start: DeskStart): Updates {
  const { app, dialog } = ctx.electron;
  return startUpdates({
    kind: installKind({
      isPackaged: app.isPackaged,
      platform: process.platform,
      env: start.env,
      packageType: readPackageType(start.resourcesPath),
    }),
    updater: () => ctx.electron.autoUpdater,
    serverUrl: ctx.config.serverUrl,
    log: warn,
    beforeInstall: () => ctx.settings.flush(),
    async askToRestart(version) {
      const labels = updateDialogLabels[ctx.settings.current().menuLanguage];
      const options = {
        type: 'info' as const,
        title: labels.title,
        message: labels.message(version),
        detail: labels.detail,
        buttons: [labels.restart, labels.later],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      };
      const answer = ctx.mainWindow
        ? await dialog.showMessageBox(ctx.mainWindow, options)
        : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
  });
}

async function setMenuLanguage(ctx: AppContext, language: UiLanguage): Promise<void> {
  if (ctx.settings.current().menuLanguage === language) return;
  installMenu(ctx, language);
  await ctx.settings.update({ menuLanguage: language });
}

/** The native menu; its Print and Save-as-PDF items act on the desk's window as the page would. */
function installMenu(ctx: AppContext, language: UiLanguage): void {
  const { dialog, Menu } = ctx.electron;
  const page = () => ctx.mainWindow?.webContents;
  const template = menuTemplate(
    language,
    {
      print: () => {
        const contents = page();
        if (contents) void printPage(contents, { copies: 1, landscape: false });
      },
      saveAsPdf: () => {
        const contents = page();
        const chooseTarget = saveDialog(dialog, ctx.mainWindow, ctx.config.documentsDir);
        if (contents) void printPageToPdf(contents, { suggestedName: 'document.pdf', landscape: false }, chooseTarget);
      },
      about: () => {
        const box = aboutBox(ctx.settings.current().menuLanguage, { ...ctx.config, versions: process.versions });
        void showAbout(dialog, ctx.mainWindow, box);
      },
    },
    { isMac: process.platform === 'darwin', devTools: ctx.config.devTools },
  );
  applyMenu(Menu, template);
}
