import { inOrder } from './collection-replication.js';
import { ServerError } from './server-api.js';

/** A push whose answers the test releases by hand. */
function heldPush() {
  const started: string[] = [];
  const release = new Map<string, (ok: boolean) => void>();
  const push = (batch: string) =>
    new Promise<string>((resolve, reject) => {
      started.push(batch);
      release.set(batch, (ok) => (ok ? resolve(`done ${batch}`) : reject(new ServerError(0, 'network', batch))));
    });
  return { started, push, answer: (batch: string, ok = true) => release.get(batch)?.(ok) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the commands’ push, one batch at a time', () => {
  it('sends a batch only after the one before it was answered, in call order', async () => {
    const { started, push, answer } = heldPush();
    const send = inOrder(push);
    const results = [send('a'), send('b'), send('c')];
    await settle();
    expect(started).toEqual(['a']);
    answer('a');
    await settle();
    expect(started).toEqual(['a', 'b']);
    answer('b');
    await settle();
    answer('c');
    expect(await Promise.all(results)).toEqual(['done a', 'done b', 'done c']);
  });

  it('fails a batch queued behind a failed one, unsent, and sends the next call again', async () => {
    const { started, push, answer } = heldPush();
    const send = inOrder(push);
    const first = send('a');
    const second = send('b');
    await settle();
    answer('a', false);
    await expect(first).rejects.toBeInstanceOf(ServerError);
    await expect(second).rejects.toThrow('an earlier batch of commands failed');
    expect(started).toEqual(['a']);
    const retry = send('a');
    await settle();
    answer('a');
    expect(await retry).toBe('done a');
    expect(started).toEqual(['a', 'a']);
  });
});
