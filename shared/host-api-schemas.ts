import { z } from 'zod';

/** Validation of every HostApi payload crossing IPC (electron/main checks each one). */
export const appInfoSchema = z.object({
  version: z.string(),
  serverUrl: z.string().nullable(),
  platform: z.string(),
  settingsFile: z.string().optional(),
});
export const vaultKeySchema = z.string().regex(/^[a-zA-Z0-9:._-]{1,200}$/);
export const vaultSetSchema = z.object({ key: vaultKeySchema, value: z.string().max(64 * 1024) });
export const printerInfoSchema = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });
export const printOptionsSchema = z.object({
  deviceName: z.string().max(200).optional(),
  copies: z.number().int().min(1).max(99).default(1),
  landscape: z.boolean().default(false),
});
export const pdfOptionsSchema = z.object({
  landscape: z.boolean().default(false),
  suggestedName: z.string().min(1).max(200),
});
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
const saveFileDataSchema = z
  .union([z.string(), z.instanceof(Uint8Array)])
  .refine((data) => sizeOf(data) <= SAVE_FILE_MAX_BYTES, { error: tooLarge });
export const saveFileOptionsSchema = z.object({
  suggestedName: z.string().min(1).max(200),
  mimeType: z.string().max(100),
  data: saveFileDataSchema,
});
export const uiLanguageSchema = z.enum(['ru', 'kk', 'en']);
export const updateStateSchema = z.object({
  status: z.enum([
    'checking',
    'downloading',
    'ready',
    'up-to-date',
    'package-manager',
    'reload',
    'unsupported',
    'error',
  ]),
  version: z.string().max(100).optional(),
  percent: z.number().min(0).max(100).optional(),
  message: z.string().max(1000).optional(),
});
