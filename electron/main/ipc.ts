import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { isAppUrl } from './security.js';

export type IpcHandle = <S extends z.ZodType, R>(
  channel: string,
  schema: S,
  fn: (input: z.output<S>, event: IpcMainInvokeEvent) => Promise<R> | R,
) => void;

/** Only the app's own page, in a window's top frame, may call the host (not an iframe, not another page). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The one validating wrapper, and the only code that touches ipcMain: every channel checks its
 * sender frame and parses its payload with the shared zod schema before its handler runs.
 * A refusal names the channel and the field with what is wrong with it (zod's words or ours,
 * never the value itself), never the payload.
 */
export function createIpc(ipcMain: Pick<IpcMain, 'handle'>): IpcHandle {
  return (channel, schema, fn) => {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        console.warn(`IPC ${channel} refused: sender ${event.senderFrame?.url ?? '(gone)'} is not the app`);
        throw new Error(`IPC refused: untrusted sender for ${channel}`);
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.length ? issue.path.join('.') : 'payload';
        throw new Error(`IPC refused: invalid payload for ${channel} (${field}: ${issue?.message ?? 'invalid'})`);
      }
      return fn(parsed.data, event);
    });
  };
}
