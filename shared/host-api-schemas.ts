import { z } from 'zod';
import { uiLanguages } from './host-api.js';

/**
 * The HostApi's shapes: validation of every call crossing IPC (electron/main parses each call's
 * arguments with its method's `args` tuple below) and the answers' shapes. Every HostApi type is
 * inferred from these (shared/host-api.ts).
 */
export const hostKindSchema = z.enum(['electron', 'browser']);
export const appInfoSchema = z.object({
  version: z.string(),
  /** The configured central server, or null when the app is served by it (browser host). */
  serverUrl: z.string().nullable(),
  platform: z.string(),
  /** Desktop: the settings file that holds the server address (shown on the sign-in screen). */
  settingsFile: z.string().optional(),
});
export const vaultKeySchema = z.string().regex(/^[a-zA-Z0-9:._-]{1,200}$/);
export const vaultValueSchema = z.string().max(64 * 1024);
export const printerInfoSchema = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });
export const printOptionsSchema = z.object({
  /** A printer name; without it the system print dialog asks. */
  deviceName: z.string().max(200).optional(),
  copies: z.number().int().min(1).max(99).default(1),
  landscape: z.boolean().default(false),
});
export const printResultSchema = z.object({ printed: z.boolean(), reason: z.string().optional() });
export const pdfOptionsSchema = z.object({
  landscape: z.boolean().default(false),
  suggestedName: z.string().min(1).max(200),
});
export const saveResultSchema = z.object({ saved: z.boolean(), path: z.string().optional() });
/**
 * The largest file the page may hand the host to save (XLSX, CSV): 16 MiB. The largest real one,
 * an enrollment list of 2,000 children with eight wide columns, is 76 KB as XLSX and 0.5 MB as
 * CSV (measured); PDFs are made by the host itself and never cross IPC.
 */
export const SAVE_FILE_MAX_BYTES = 16 * 1024 * 1024;
const tooLarge = `file over the ${SAVE_FILE_MAX_BYTES / 1024 / 1024} MiB limit`;
/** A string's size as UTF-8 (a pair of surrogates is 4 bytes; a lone one is written as U+FFFD, 3). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
/** The data's size in bytes; a string's UTF-8 size is never below its length, checked first. */
const sizeOf = (data: string | Uint8Array) =>
  typeof data !== 'string' ? data.byteLength : data.length > SAVE_FILE_MAX_BYTES ? data.length : utf8Length(data);
/** Uint8Array over any buffer (its constructor alone would infer one over an ArrayBuffer only). */
const AnyUint8Array: new (length: number) => Uint8Array = Uint8Array;
const saveFileDataSchema = z
  .union([z.string(), z.instanceof(AnyUint8Array)])
  .refine((data) => sizeOf(data) <= SAVE_FILE_MAX_BYTES, { error: tooLarge });
export const saveFileOptionsSchema = z.object({
  suggestedName: z.string().min(1).max(200),
  mimeType: z.string().max(100),
  data: saveFileDataSchema,
});
export const uiLanguageSchema = z.enum(uiLanguages);
/**
 * checking / downloading (with percent) / ready (downloaded: restart to install) / up-to-date;
 * package-manager: a .deb install, updated by the system's package manager, not by the app;
 * reload: the browser host, where reloading the page loads the server's version;
 * unsupported: a development run (nothing to update); error: the feed could not be read.
 */
export const updateStatusSchema = z.enum([
  'checking',
  'downloading',
  'ready',
  'up-to-date',
  'package-manager',
  'reload',
  'unsupported',
  'error',
]);
export const updateStateSchema = z.object({
  status: updateStatusSchema,
  /** The version on offer (downloading, ready) or installed (up-to-date). */
  version: z.string().max(100).optional(),
  /** 0–100 while downloading. */
  percent: z.number().min(0).max(100).optional(),
  message: z.string().max(1000).optional(),
});

/** A HostApi method: the schemas of its arguments (a tuple) and of its answer. */
export interface HostMethodSchemas {
  args: z.ZodTuple;
  answer: z.ZodType;
}

/** The token vault's methods (`HostApi.vault`). */
export const tokenVaultMethods = {
  get: { args: z.tuple([vaultKeySchema]), answer: z.string().nullable() },
  set: { args: z.tuple([vaultKeySchema, vaultValueSchema]), answer: z.void() },
  delete: { args: z.tuple([vaultKeySchema]), answer: z.void() },
} satisfies Record<string, HostMethodSchemas>;

/** Every other HostApi method; each has its IPC channel in `ipcChannels` (shared/host-api.ts). */
export const hostApiMethods = {
  appInfo: { args: z.tuple([]), answer: appInfoSchema },
  listPrinters: { args: z.tuple([]), answer: z.array(printerInfoSchema) },
  print: { args: z.tuple([printOptionsSchema]), answer: printResultSchema },
  printToPdf: { args: z.tuple([pdfOptionsSchema]), answer: saveResultSchema },
  saveFile: { args: z.tuple([saveFileOptionsSchema]), answer: saveResultSchema },
  /** The language the UI shows now, so the host's own parts (menu, dialogs) speak it too. */
  setUiLanguage: { args: z.tuple([uiLanguageSchema]), answer: z.void() },
  /**
   * The app's own update. Desktop: asks the central server's feed now (electron-updater; a newer
   * version downloads in the background) and says where it stands. Browser: the server serves the
   * newest page, so the answer is `reload`. Calling it again while a check or download runs only
   * reports progress.
   */
  checkForUpdates: { args: z.tuple([]), answer: updateStateSchema },
  /**
   * Desktop: restarts into the downloaded update (commands waiting to sync stay in the local
   * replica). Browser: reloads the page from the server. Otherwise reports why it cannot.
   */
  installUpdate: { args: z.tuple([]), answer: updateStateSchema },
} satisfies Record<string, HostMethodSchemas>;
