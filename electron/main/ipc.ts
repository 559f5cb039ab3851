import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ipcChannels } from '../../shared/host-api.js';
import {
  pdfOptionsSchema,
  printOptionsSchema,
  saveFileOptionsSchema,
  vaultKeySchema,
  vaultSetSchema,
} from '../../shared/host-api-schemas.js';
import type { AppContext } from './app-context.js';
import { APP_ORIGIN } from './security.js';
import type { createVault } from './vault.js';

/** Only the app's own page, in its own window, may call the host. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${APP_ORIGIN}/`) && event.senderFrame?.parent === null;
}

/**
 * The only place that touches ipcMain: every channel validates its payload with the shared zod
 * schema and checks the sender frame before doing anything.
 */
function handle<S extends z.ZodType, R>(
  channel: string,
  schema: S,
  fn: (input: z.output<S>, event: IpcMainInvokeEvent) => Promise<R>,
) {
  ipcMain.handle(channel, async (event, payload: unknown) => {
    if (!isTrustedSender(event)) throw new Error('IPC refused: untrusted sender');
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new Error(`IPC refused: invalid payload for ${channel}`);
    return fn(parsed.data, event);
  });
}

const noPayload = z.undefined();

export function registerIpc(ctx: AppContext, vault: ReturnType<typeof createVault>) {
  const windowOf = (event: IpcMainInvokeEvent) => BrowserWindow.fromWebContents(event.sender);
  handle(ipcChannels.appInfo, noPayload, async () => ({
    version: ctx.version,
    serverUrl: ctx.serverUrl,
    platform: process.platform,
  }));
  handle(ipcChannels.vaultGet, vaultKeySchema, (key) => vault.get(key));
  handle(ipcChannels.vaultSet, vaultSetSchema, ({ key, value }) => vault.set(key, value));
  handle(ipcChannels.vaultDelete, vaultKeySchema, (key) => vault.delete(key));
  handle(ipcChannels.listPrinters, noPayload, async (_input, event) =>
    (await event.sender.getPrintersAsync()).map((p) => ({
      name: p.name,
      displayName: p.displayName,
      isDefault: (p as { isDefault?: boolean }).isDefault === true,
    })),
  );
  handle(
    ipcChannels.print,
    printOptionsSchema,
    (options, event) =>
      new Promise((resolve) => {
        event.sender.print(
          {
            silent: Boolean(options.deviceName),
            deviceName: options.deviceName ?? '',
            copies: options.copies,
            landscape: options.landscape,
            pageSize: 'A4',
          },
          (printed, reason) => resolve({ printed, reason }),
        );
      }),
  );
  handle(ipcChannels.printToPdf, pdfOptionsSchema, async (options, event) => {
    const win = windowOf(event);
    const target = win
      ? await dialog.showSaveDialog(win, {
          defaultPath: options.suggestedName,
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        })
      : await dialog.showSaveDialog({ defaultPath: options.suggestedName });
    if (target.canceled || !target.filePath) return { saved: false };
    const pdf = await event.sender.printToPDF({
      pageSize: 'A4',
      landscape: options.landscape,
      printBackground: true,
      displayHeaderFooter: false,
    });
    await writeFile(target.filePath, pdf);
    return { saved: true, path: target.filePath };
  });
  handle(ipcChannels.saveFile, saveFileOptionsSchema, async (options, event) => {
    const win = windowOf(event);
    const dialogOptions = { defaultPath: options.suggestedName };
    const target = win ? await dialog.showSaveDialog(win, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    if (target.canceled || !target.filePath) return { saved: false };
    await writeFile(target.filePath, options.data);
    return { saved: true, path: target.filePath };
  });
}
