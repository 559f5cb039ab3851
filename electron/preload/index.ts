import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type HostApi } from '../../shared/host-api.js';
import { followDocumentLanguage } from './follow-language.js';

/** The HostApi over IPC — the only thing the preload exposes. The main process validates every payload. */
const hostApi = {
  kind: 'electron',
  appInfo: () => ipcRenderer.invoke(ipcChannels.appInfo),
  vault: {
    get: (key) => ipcRenderer.invoke(ipcChannels.vaultGet, key),
    set: (key, value) => ipcRenderer.invoke(ipcChannels.vaultSet, { key, value }),
    delete: (key) => ipcRenderer.invoke(ipcChannels.vaultDelete, key),
  },
  listPrinters: () => ipcRenderer.invoke(ipcChannels.listPrinters),
  print: (options) => ipcRenderer.invoke(ipcChannels.print, options),
  printToPdf: (options) => ipcRenderer.invoke(ipcChannels.printToPdf, options),
  saveFile: (options) => ipcRenderer.invoke(ipcChannels.saveFile, options),
  setUiLanguage: (language) => ipcRenderer.invoke(ipcChannels.setUiLanguage, language),
  checkForUpdates: () => ipcRenderer.invoke(ipcChannels.checkForUpdates),
  installUpdate: () => ipcRenderer.invoke(ipcChannels.installUpdate),
} satisfies HostApi;

contextBridge.exposeInMainWorld('hostApi', hostApi);

// The page declares its language on <html lang> (renderer/src/i18n); the native menu follows it.
followDocumentLanguage(document, MutationObserver, hostApi.setUiLanguage);
