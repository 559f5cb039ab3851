import { writeFile } from 'node:fs/promises';
import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcChannels, type TokenVault, type UiLanguage } from '../../shared/host-api.js';
import { hostApiMethods, tokenVaultMethods, type HostMethodSchemas } from '../../shared/host-api-schemas.js';
import type { AppContext } from './app-context.js';
import type { IpcHandle } from './ipc.js';
import { listPrinters, printPage, printPageToPdf } from './printing.js';
import { saveDialog } from './save-dialog.js';
import type { Updates } from './updates.js';

export interface HostServices {
  vault: TokenVault;
  /** Rebuilds the native menu (and the About box) in the given language. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** The app's own updates (updates.ts). */
  updates: Pick<Updates, 'check' | 'install'>;
}

/**
 * The handlers of a table of methods: each takes its arguments as the table's tuple parsed them
 * and answers its answer schema's output.
 */
type Handlers<T extends Record<string, HostMethodSchemas>> = {
  [M in keyof T]: (
    args: z.output<T[M]['args']>,
    event: IpcMainInvokeEvent,
  ) => Promise<z.output<T[M]['answer']>> | z.output<T[M]['answer']>;
};

/** The token vault's channels (`ipcChannels`, one per method). */
const vaultChannels = {
  get: ipcChannels.vaultGet,
  set: ipcChannels.vaultSet,
  delete: ipcChannels.vaultDelete,
} satisfies Record<keyof typeof tokenVaultMethods, string>;

/** Each method of a table on its channel, its arguments checked by the table's own schema. */
function handleAll<T extends Record<string, HostMethodSchemas>>(
  handle: IpcHandle,
  methods: T,
  channels: { [M in keyof T]: string },
  handlers: Handlers<T>,
): void {
  const register = <M extends keyof T>(method: M) => {
    const { args }: T[M] = methods[method];
    handle<T[M]['args'], z.output<T[M]['answer']>>(channels[method], args, handlers[method]);
  };
  for (const method of Object.keys(methods)) register(method);
}

/** Every HostApi method over IPC, each through the validating wrapper with its entry of the method tables. */
export function registerHostApi(ctx: AppContext, handle: IpcHandle, services: HostServices): void {
  const { vault } = services;
  const chooseTarget = (event: IpcMainInvokeEvent) =>
    saveDialog(ctx.electron.dialog, ctx.electron.BrowserWindow.fromWebContents(event.sender), ctx.config.documentsDir);

  handleAll(handle, tokenVaultMethods, vaultChannels, {
    get: ([key]) => vault.get(key),
    set: ([key, value]) => vault.set(key, value),
    delete: ([key]) => vault.delete(key),
  });
  handleAll(handle, hostApiMethods, ipcChannels, {
    appInfo: () => ({
      version: ctx.config.version,
      serverUrl: ctx.config.serverUrl,
      platform: process.platform,
      settingsFile: ctx.config.settingsFile,
    }),
    listPrinters: (_args, event) => listPrinters(event.sender),
    print: ([options], event) => printPage(event.sender, options),
    printToPdf: ([options], event) => printPageToPdf(event.sender, options, chooseTarget(event)),
    // The data's size is checked by the schema (SAVE_FILE_MAX_BYTES) before the dialog even opens.
    saveFile: async ([options], event) => {
      const path = await chooseTarget(event)(options.suggestedName, []);
      if (!path) return { saved: false };
      await writeFile(path, options.data);
      return { saved: true, path };
    },
    setUiLanguage: ([language]) => services.setLanguage(language),
    checkForUpdates: () => services.updates.check(),
    installUpdate: () => services.updates.install(),
  });
}
