import { z } from 'zod';

/**
 * What the renderer may ask of its host. Two implementations: the Electron preload
 * (contextBridge over validated IPC) and the browser host (window.print, Blob download).
 * The renderer never imports `electron`.
 */
export interface HostApi {
  readonly kind: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  vault: TokenVault;
  listPrinters(): Promise<PrinterInfo[]>;
  print(options: PrintOptions): Promise<PrintResult>;
  printToPdf(options: PdfOptions): Promise<SaveResult>;
  saveFile(options: SaveFileOptions): Promise<SaveResult>;
}

export interface TokenVault {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export const appInfoSchema = z.object({
  version: z.string(),
  /** The configured central server, or null when the app is served by it (browser host). */
  serverUrl: z.string().nullable(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const vaultKeySchema = z.string().regex(/^[a-zA-Z0-9:._-]{1,200}$/);
export const vaultSetSchema = z.object({ key: vaultKeySchema, value: z.string().max(64 * 1024) });

export const printerInfoSchema = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });
export type PrinterInfo = z.infer<typeof printerInfoSchema>;

export const printOptionsSchema = z.object({
  deviceName: z.string().max(200).optional(),
  copies: z.number().int().min(1).max(99).default(1),
  landscape: z.boolean().default(false),
});
export type PrintOptions = z.input<typeof printOptionsSchema>;
export interface PrintResult {
  printed: boolean;
  reason?: string;
}

export const pdfOptionsSchema = z.object({
  landscape: z.boolean().default(false),
  suggestedName: z.string().min(1).max(200),
});
export type PdfOptions = z.input<typeof pdfOptionsSchema>;

export const saveFileOptionsSchema = z.object({
  suggestedName: z.string().min(1).max(200),
  mimeType: z.string().max(100),
  data: z.union([z.string(), z.instanceof(Uint8Array)]),
});
export type SaveFileOptions = z.infer<typeof saveFileOptionsSchema>;
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
} as const;
