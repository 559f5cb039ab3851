import type { IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { createIpc, isTrustedSender } from './ipc.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const frame = (url: string, top = true) => ({ url, parent: top ? null : {} });
const eventFrom = (senderFrame: unknown) => ({ senderFrame, sender: {} }) as unknown as IpcMainInvokeEvent;

describe('the IPC wrapper', () => {
  let handlers: Map<string, Handler>;
  let handle: ReturnType<typeof createIpc>;
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    handlers = new Map();
    handle = createIpc({ handle: (channel, fn) => void handlers.set(channel, fn as Handler) });
  });

  it('trusts only the app’s own page in a top frame', () => {
    expect(isTrustedSender(eventFrom(frame('app://desk/index.html')))).toBe(true);
    expect(isTrustedSender(eventFrom(frame('app://desk/index.html', false)))).toBe(false);
    expect(isTrustedSender(eventFrom(frame('http://127.0.0.1:8787/')))).toBe(false);
    expect(isTrustedSender(eventFrom(frame('https://evil.example/app://desk/')))).toBe(false);
    expect(isTrustedSender(eventFrom(frame('app://desk.evil/index.html')))).toBe(false);
    expect(isTrustedSender(eventFrom(frame('file:///index.html')))).toBe(false);
    expect(isTrustedSender(eventFrom(null))).toBe(false);
  });

  it('hands the handler the arguments as the schema parsed them, defaults included', async () => {
    const fn = vi.fn(async ([input]: [{ copies: number }]) => input.copies * 2);
    handle('test:print', z.tuple([z.object({ copies: z.number().int().default(1) })]), fn);
    const run = handlers.get('test:print')!;
    expect(await run(eventFrom(frame('app://desk/')), {})).toBe(2);
    expect(fn).toHaveBeenCalledWith([{ copies: 1 }], expect.anything());
  });

  it('refuses an invalid payload before the handler runs, without echoing it', async () => {
    const fn = vi.fn(async () => 'ran');
    handle('test:key', z.tuple([z.string().regex(/^[a-z]+$/)]), fn);
    const run = handlers.get('test:key')!;
    await expect(run(eventFrom(frame('app://desk/')), '../../etc/passwd')).rejects.toThrow(
      /^IPC refused: invalid payload for test:key \(payload: Invalid string: must match pattern \/\^\[a-z\]\+\$\/\)$/,
    );
    await expect(run(eventFrom(frame('app://desk/')), { toString: 'x' })).rejects.toThrow(/invalid payload/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses a call with too few or too many arguments, and names the wrong one of several', async () => {
    const fn = vi.fn(async () => 'ran');
    handle('test:none', z.tuple([]), fn);
    handle('test:pair', z.tuple([z.string().max(3), z.object({ n: z.number() })]), fn);
    const event = eventFrom(frame('app://desk/'));
    await expect(handlers.get('test:none')!(event, 'extra')).rejects.toThrow(
      /^IPC refused: invalid payload for test:none \(arguments: Too big: expected array to have <=0 items\)$/,
    );
    await expect(handlers.get('test:pair')!(event, 'abc')).rejects.toThrow(
      /^IPC refused: invalid payload for test:pair \(arguments: Too small: expected array to have >=2 items\)$/,
    );
    await expect(handlers.get('test:pair')!(event, 'abcd', { n: 1 })).rejects.toThrow(
      /^IPC refused: invalid payload for test:pair \(argument 1: Too big: expected string to have <=3 characters\)$/,
    );
    await expect(handlers.get('test:pair')!(event, 'abc', { n: 'one' })).rejects.toThrow(
      /^IPC refused: invalid payload for test:pair \(n: Invalid input: expected number, received string\)$/,
    );
    expect(fn).not.toHaveBeenCalled();
    expect(await handlers.get('test:none')!(event)).toBe('ran');
    expect(await handlers.get('test:pair')!(event, 'abc', { n: 1 })).toBe('ran');
  });

  it('refuses a call from any other page or frame, even with a valid payload', async () => {
    const fn = vi.fn(async () => 'ran');
    handle('test:any', z.tuple([z.string()]), fn);
    const run = handlers.get('test:any')!;
    await expect(run(eventFrom(frame('https://evil.example/')), 'ok')).rejects.toThrow(/untrusted sender/);
    await expect(run(eventFrom(frame('app://desk/', false)), 'ok')).rejects.toThrow(/untrusted sender/);
    await expect(run(eventFrom(null), 'ok')).rejects.toThrow(/untrusted sender/);
    expect(fn).not.toHaveBeenCalled();
  });
});
