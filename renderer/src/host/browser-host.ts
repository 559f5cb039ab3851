import type { HostApi, PrintResult, SaveFileOptions } from '../../../shared/host-api.js';
import { updateShellWorker } from '../shell/shell-registration.js';

/**
 * The HostApi in a plain browser (tests, the no-install fallback): the page is served by the
 * central server itself, tokens live in localStorage, printing is the browser's own.
 */
export function createBrowserHost(storage: Storage = window.localStorage): HostApi {
  const vaultKey = (key: string) => `vault:${key}`;
  return {
    kind: 'browser',
    appInfo: async () => ({
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      serverUrl: null,
      platform: navigator.platform,
    }),
    vault: {
      get: async (key) => storage.getItem(vaultKey(key)),
      set: async (key, value) => storage.setItem(vaultKey(key), value),
      delete: async (key) => storage.removeItem(vaultKey(key)),
    },
    listPrinters: async () => [],
    print: async (): Promise<PrintResult> => {
      window.print();
      return { printed: true };
    },
    printToPdf: async () => {
      // The browser's print dialog offers "Save as PDF".
      window.print();
      return { saved: false };
    },
    saveFile: async (options: SaveFileOptions) => {
      const blob = new Blob([options.data as BlobPart], { type: options.mimeType });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = options.suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true };
    },
    // The browser has no menu or dialogs of the host's own to translate.
    setUiLanguage: async () => undefined,
    // The page comes from the central server, which serves its newest version: reloading updates
    // it, once the offline copy of the shell is the new build's too. Commands waiting to sync are
    // in IndexedDB and survive the reload.
    checkForUpdates: async () => ({ status: 'reload' }),
    installUpdate: async () => {
      await updateShellWorker();
      window.location.reload();
      return { status: 'reload' };
    },
  };
}
