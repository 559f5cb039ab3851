/**
 * What the renderer may ask of its host. Two implementations: the Electron preload
 * (contextBridge over validated IPC) and the browser host (window.print, Blob download).
 * The renderer never imports `electron`. Payload schemas: host-api-schemas.ts.
 */
export interface HostApi {
  readonly kind: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  vault: TokenVault;
  listPrinters(): Promise<PrinterInfo[]>;
  print(options: PrintOptions): Promise<PrintResult>;
  printToPdf(options: PdfOptions): Promise<SaveResult>;
  saveFile(options: SaveFileOptions): Promise<SaveResult>;
  /** The language the UI shows now, so the host's own parts (menu, dialogs) speak it too. */
  setUiLanguage(language: UiLanguage): Promise<void>;
  /**
   * The app's own update. Desktop: asks the central server's feed now (electron-updater; a newer
   * version downloads in the background) and says where it stands. Browser: the server serves the
   * newest page, so the answer is `reload`. Calling it again while a check or download runs only
   * reports progress.
   */
  checkForUpdates(): Promise<UpdateState>;
  /**
   * Desktop: restarts into the downloaded update (commands waiting to sync stay in the local
   * replica). Browser: reloads the page from the server. Otherwise reports why it cannot.
   */
  installUpdate(): Promise<UpdateState>;
}

export type UiLanguage = 'ru' | 'kk' | 'en';

export interface TokenVault {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface AppInfo {
  version: string;
  /** The configured central server, or null when the app is served by it (browser host). */
  serverUrl: string | null;
  platform: string;
  /** Desktop: the settings file that holds the server address (shown on the sign-in screen). */
  settingsFile?: string;
}

/**
 * checking / downloading (with percent) / ready (downloaded: restart to install) / up-to-date;
 * package-manager: a .deb install, updated by the system's package manager, not by the app;
 * reload: the browser host, where reloading the page loads the server's version;
 * unsupported: a development run (nothing to update); error: the feed could not be read.
 */
export type UpdateStatus =
  'checking' | 'downloading' | 'ready' | 'up-to-date' | 'package-manager' | 'reload' | 'unsupported' | 'error';

export interface UpdateState {
  status: UpdateStatus;
  /** The version on offer (downloading, ready) or installed (up-to-date). */
  version?: string;
  /** 0–100 while downloading. */
  percent?: number;
  message?: string;
}

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export interface PrintOptions {
  /** A printer name; without it the system print dialog asks. */
  deviceName?: string;
  copies?: number;
  landscape?: boolean;
}
export interface PrintResult {
  printed: boolean;
  reason?: string;
}

export interface PdfOptions {
  landscape?: boolean;
  suggestedName: string;
}

export interface SaveFileOptions {
  suggestedName: string;
  mimeType: string;
  data: string | Uint8Array;
}
export interface SaveResult {
  saved: boolean;
  path?: string;
}

/** IPC channel names, one per HostApi method. */
export const ipcChannels = {
  appInfo: 'host:app-info',
  vaultGet: 'host:vault-get',
  vaultSet: 'host:vault-set',
  vaultDelete: 'host:vault-delete',
  listPrinters: 'host:list-printers',
  print: 'host:print',
  printToPdf: 'host:print-to-pdf',
  saveFile: 'host:save-file',
  setUiLanguage: 'host:set-ui-language',
  checkForUpdates: 'host:check-for-updates',
  installUpdate: 'host:install-update',
} as const;
