import { createSyncStatus, reduceSyncStatus, type ConnectionState, type SyncStatus } from './sync-status.js';
import { ServerError } from './server-api.js';

const status = (connection: ConnectionState, lastSyncAt: string | null = null): SyncStatus => ({
  connection,
  lastSyncAt,
});
const failed = (httpStatus: number) => ({ type: 'failed' as const, error: new ServerError(httpStatus, 'x', '') });
const at = '2026-12-06T10:00:00.000Z';

describe('the sync status', () => {
  it('turns a 401 into unauthorized and a 426 into outdated, from any state', () => {
    for (const from of ['connecting', 'live', 'fallback', 'offline', 'unauthorized', 'outdated'] as const) {
      expect(reduceSyncStatus(status(from), failed(401)).connection).toBe('unauthorized');
      expect(reduceSyncStatus(status(from), failed(426)).connection).toBe('outdated');
    }
  });

  it('shows a network failure as offline, unless a 401 or 426 holds', () => {
    expect(reduceSyncStatus(status('live'), failed(0)).connection).toBe('offline');
    expect(reduceSyncStatus(status('fallback'), failed(0)).connection).toBe('offline');
    for (const held of [status('unauthorized'), status('outdated')])
      expect(reduceSyncStatus(held, failed(0))).toBe(held);
  });

  it('ignores other failures: nothing is emitted', () => {
    const live = status('live', at);
    expect(reduceSyncStatus(live, failed(500))).toBe(live);
    expect(reduceSyncStatus(live, { type: 'failed', error: new Error('rxdb') })).toBe(live);
  });

  it('records an answer’s time and polls until the stream confirms itself', () => {
    expect(reduceSyncStatus(status('connecting'), { type: 'answered', at })).toEqual(status('fallback', at));
    expect(reduceSyncStatus(status('offline'), { type: 'answered', at })).toEqual(status('fallback', at));
    expect(reduceSyncStatus(status('live'), { type: 'answered', at })).toEqual(status('live', at));
    expect(reduceSyncStatus(status('unauthorized'), { type: 'answered', at })).toEqual(status('unauthorized', at));
    expect(reduceSyncStatus(status('outdated'), { type: 'answered', at })).toEqual(status('outdated', at));
  });

  it('falls back from live or connecting only', () => {
    expect(reduceSyncStatus(status('live'), { type: 'fallback' }).connection).toBe('fallback');
    expect(reduceSyncStatus(status('connecting'), { type: 'fallback' }).connection).toBe('fallback');
    for (const from of ['fallback', 'offline', 'unauthorized', 'outdated'] as const) {
      const s = status(from);
      expect(reduceSyncStatus(s, { type: 'fallback' })).toBe(s);
    }
  });

  it('goes live on the stream’s RESYNC, even after a 401, but never hides a 426', () => {
    for (const from of ['connecting', 'fallback', 'offline', 'unauthorized'] as const) {
      expect(reduceSyncStatus(status(from), { type: 'live' }).connection).toBe('live');
    }
    const outdated = status('outdated');
    expect(reduceSyncStatus(outdated, { type: 'live' })).toBe(outdated);
  });

  it('records the time of changes from the stream without changing the connection', () => {
    expect(reduceSyncStatus(status('offline'), { type: 'changes', at })).toEqual(status('offline', at));
  });

  it('starts connecting with the remembered sync time, remembers each new one, and emits only changes', () => {
    const stored = new Map([['last-sync-at', '2026-12-01T08:00:00.000Z']]);
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const { status$, note } = createSyncStatus(storage);
    const seen: SyncStatus[] = [];
    status$.subscribe((s) => seen.push(s));
    note({ type: 'failed', error: new Error('not a server error') });
    note({ type: 'answered', at });
    note({ type: 'live' });
    expect(seen).toEqual([
      status('connecting', '2026-12-01T08:00:00.000Z'),
      status('fallback', at),
      status('live', at),
    ]);
    expect(stored.get('last-sync-at')).toBe(at);
    expect(createSyncStatus(undefined).status$.value).toEqual(status('connecting'));
  });
});
