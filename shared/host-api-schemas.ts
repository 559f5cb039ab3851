import { z } from 'zod';

/** Validation of every HostApi payload crossing IPC (electron/main checks each one). */
export const appInfoSchema = z.object({
  version: z.string(),
  serverUrl: z.string().nullable(),
  platform: z.string(),
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
export const saveFileOptionsSchema = z.object({
  suggestedName: z.string().min(1).max(200),
  mimeType: z.string().max(100),
  data: z.union([z.string(), z.instanceof(Uint8Array)]),
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
