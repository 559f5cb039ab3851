import { writeFile } from 'node:fs/promises';
import type { IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { ipcChannels, type HostApi, type TokenVault, type UiLanguage } from '../../shared/host-api.js';
import {
  pdfOptionsSchema,
  printOptionsSchema,
  saveFileOptionsSchema,
  uiLanguageSchema,
  vaultKeySchema,
  vaultSetSchema,
} from '../../shared/host-api-schemas.js';
import type { AppContext } from './app-context.js';
import type { IpcHandle } from './ipc.js';
import { listPrinters, printPage, printPageToPdf } from './printing.js';
import { saveDialog } from './save-dialog.js';
import type { Updates } from './updates.js';

const noPayload = z.undefined();

/** What a handler answers: the HostApi method's answer (inferred from its schema, `hostApiMethods`). */
type Answer<M extends Exclude<keyof HostApi, 'kind' | 'vault'>> = Awaited<ReturnType<HostApi[M]>>;
type VaultAnswer<M extends keyof TokenVault> = Awaited<ReturnType<TokenVault[M]>>;

export interface HostServices {
  vault: TokenVault;
  /** Rebuilds the native menu (and the About box) in the given language. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** The app's own updates (updates.ts). */
  updates: Pick<Updates, 'check' | 'install'>;
}

/** Every HostApi method over IPC, each through the validating wrapper with its shared schema. */
export function registerHostApi(ctx: AppContext, handle: IpcHandle, services: HostServices): void {
  const { vault } = services;
  const chooseTarget = (event: IpcMainInvokeEvent) =>
    saveDialog(ctx.electron.dialog, ctx.electron.BrowserWindow.fromWebContents(event.sender), ctx.config.documentsDir);

  handle(ipcChannels.appInfo, noPayload, (): Answer<'appInfo'> => ({
    version: ctx.config.version,
    serverUrl: ctx.config.serverUrl,
    platform: process.platform,
    settingsFile: ctx.config.settingsFile,
  }));
  handle(ipcChannels.vaultGet, vaultKeySchema, (key): Promise<VaultAnswer<'get'>> => vault.get(key));
  handle(ipcChannels.vaultSet, vaultSetSchema, ({ key, value }): Promise<VaultAnswer<'set'>> => vault.set(key, value));
  handle(ipcChannels.vaultDelete, vaultKeySchema, (key): Promise<VaultAnswer<'delete'>> => vault.delete(key));
  handle(ipcChannels.listPrinters, noPayload, (_input, event): Promise<Answer<'listPrinters'>> =>
    listPrinters(event.sender),
  );
  handle(ipcChannels.print, printOptionsSchema, (options, event): Promise<Answer<'print'>> =>
    printPage(event.sender, options),
  );
  handle(ipcChannels.printToPdf, pdfOptionsSchema, (options, event): Promise<Answer<'printToPdf'>> =>
    printPageToPdf(event.sender, options, chooseTarget(event)),
  );
  // The data's size is checked by the schema (SAVE_FILE_MAX_BYTES) before the dialog even opens.
  handle(ipcChannels.saveFile, saveFileOptionsSchema, async (options, event): Promise<Answer<'saveFile'>> => {
    const path = await chooseTarget(event)(options.suggestedName, []);
    if (!path) return { saved: false };
    await writeFile(path, options.data);
    return { saved: true, path };
  });
  handle(ipcChannels.setUiLanguage, uiLanguageSchema, (language): Promise<Answer<'setUiLanguage'>> =>
    services.setLanguage(language),
  );
  handle(ipcChannels.checkForUpdates, noPayload, (): Promise<Answer<'checkForUpdates'>> => services.updates.check());
  handle(ipcChannels.installUpdate, noPayload, (): Promise<Answer<'installUpdate'>> => services.updates.install());
}
