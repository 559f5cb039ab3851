import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { isAppUrl } from './security.js';

/**
 * Registers a channel: its arguments' schema (a zod tuple, as a HostApi method's `args` in
 * shared/host-api-schemas.ts) and the handler, which receives the arguments as the schema parsed
 * them (defaults filled in).
 */
export type IpcHandle = <S extends z.ZodTuple, R>(
  channel: string,
  args: S,
  fn: (args: z.output<S>, event: IpcMainInvokeEvent) => Promise<R> | R,
) => void;

/** Only the app's own page, in a window's top frame, may call the host (not an iframe, not another page). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * Where a refusal points: the field of a one-argument call by its own path ('payload' for the
 * argument itself), an argument of a longer call by its position, 'arguments' for their number.
 */
function fieldOf(path: readonly PropertyKey[], arity: number): string {
  const [position, ...field] = path.map(String);
  if (position === undefined) return 'arguments';
  if (field.length) return field.join('.');
  return arity === 1 ? 'payload' : `argument ${Number(position) + 1}`;
}

/**
 * The one validating wrapper, and the only code that touches ipcMain: every channel checks its
 * sender frame and parses the call's arguments with the shared zod tuple before its handler runs.
 * A refusal names the channel and the field with what is wrong with it (zod's words or ours,
 * never the value itself), never the payload.
 */
export function createIpc(ipcMain: Pick<IpcMain, 'handle'>): IpcHandle {
  return (channel, schema, fn) => {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        console.warn(`IPC ${channel} refused: sender ${event.senderFrame?.url ?? '(gone)'} is not the app`);
        throw new Error(`IPC refused: untrusted sender for ${channel}`);
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = fieldOf(issue?.path ?? [], schema.def.items.length);
        throw new Error(`IPC refused: invalid payload for ${channel} (${field}: ${issue?.message ?? 'invalid'})`);
      }
      return fn(parsed.data, event);
    });
  };
}
