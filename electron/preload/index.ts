import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type HostApi } from '../../shared/host-api.js';
import { followDocumentLanguage } from './follow-language.js';

/**
 * A method over its channel: the call's arguments as they are, which the main process parses with
 * the method's own tuple (`hostApiMethods` / `tokenVaultMethods`, shared/host-api-schemas.ts).
 */
const over =
  (channel: string) =>
  (...args: unknown[]) =>
    ipcRenderer.invoke(channel, ...args);

/** The HostApi over IPC — the only thing the preload exposes. The main process validates every call. */
const hostApi = {
  kind: 'electron',
  appInfo: over(ipcChannels.appInfo),
  vault: {
    get: over(ipcChannels.vaultGet),
    set: over(ipcChannels.vaultSet),
    delete: over(ipcChannels.vaultDelete),
  },
  listPrinters: over(ipcChannels.listPrinters),
  print: over(ipcChannels.print),
  printToPdf: over(ipcChannels.printToPdf),
  saveFile: over(ipcChannels.saveFile),
  setUiLanguage: over(ipcChannels.setUiLanguage),
  checkForUpdates: over(ipcChannels.checkForUpdates),
  installUpdate: over(ipcChannels.installUpdate),
} satisfies HostApi;

contextBridge.exposeInMainWorld('hostApi', hostApi);

// The page declares its language on <html lang> (renderer/src/i18n); the native menu follows it.
followDocumentLanguage(document, MutationObserver, hostApi.setUiLanguage);
