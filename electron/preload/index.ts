import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type HostApi } from '../../shared/host-api.js';

/** The HostApi over IPC — the only thing the preload exposes. */
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
} satisfies HostApi;

contextBridge.exposeInMainWorld('hostApi', hostApi);
