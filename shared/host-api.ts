import type { z } from 'zod';
import type {
  appInfoSchema,
  HostMethodSchemas,
  hostApiMethods,
  hostKindSchema,
  pdfOptionsSchema,
  printerInfoSchema,
  printOptionsSchema,
  printResultSchema,
  saveFileOptionsSchema,
  saveResultSchema,
  tokenVaultMethods,
  uiLanguageSchema,
  updateStateSchema,
  updateStatusSchema,
} from './host-api-schemas.js';

/**
 * What the renderer may ask of its host. Two implementations: the Electron preload
 * (contextBridge over validated IPC) and the browser host (window.print, Blob download).
 * The renderer never imports `electron`. Every type here is inferred from the zod schemas in
 * host-api-schemas.ts (the methods from `hostApiMethods` and `tokenVaultMethods`): a method takes
 * its arguments' input shape and answers its answer schema's output; none is written by hand
 * (shared/host-api.test.ts). This module imports the schemas for their types only, so the
 * sandboxed preload bundles no zod.
 */
export type HostApi = {
  readonly kind: z.infer<typeof hostKindSchema>;
  vault: TokenVault;
} & HostMethods<typeof hostApiMethods>;

/** The methods a table of `HostMethodSchemas` describes. */
export type HostMethods<T extends Record<string, HostMethodSchemas>> = {
  [K in keyof T]: (...args: z.input<T[K]['args']>) => Promise<z.output<T[K]['answer']>>;
};

export type TokenVault = HostMethods<typeof tokenVaultMethods>;
/** The UI's languages, in the language switch's order (`uiLanguageSchema`; the preload reads them without zod). */
export const uiLanguages = ['ru', 'kk', 'en'] as const;
export type UiLanguage = z.infer<typeof uiLanguageSchema>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
export type UpdateState = z.output<typeof updateStateSchema>;
export type PrinterInfo = z.output<typeof printerInfoSchema>;
export type PrintOptions = z.input<typeof printOptionsSchema>;
export type PrintResult = z.output<typeof printResultSchema>;
export type PdfOptions = z.input<typeof pdfOptionsSchema>;
export type SaveFileOptions = z.input<typeof saveFileOptionsSchema>;
export type SaveResult = z.output<typeof saveResultSchema>;

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
