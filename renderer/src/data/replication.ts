import { BehaviorSubject, Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import {
  SILENT_HEARTBEATS,
  replicatedCollections,
  type Checkpoint,
  type ReplicatedCollection,
  type StreamMessage,
} from '../../../shared/replication/protocol.js';
import type { ReplicaDatabase } from './replica.js';
import { ServerError, type ReplicationApi } from './server-api.js';
import { readEventStream } from './sse.js';

export type ConnectionState = 'connecting' | 'live' | 'fallback' | 'offline' | 'unauthorized' | 'outdated';
export interface SyncStatus {
  connection: ConnectionState;
  lastSyncAt: string | null;
}

const LAST_SYNC_KEY = 'last-sync-at';
const readLastSync = () => globalThis.localStorage?.getItem(LAST_SYNC_KEY) ?? null;

/** How often the replica pulls when the event stream is silent or down. */
export const FALLBACK_PULL_MS = 30_000;

export interface Replication {
  status$: BehaviorSubject<SyncStatus>;
  /** How many collections finished their first pull since the app started (of `replicatedCollections`). */
  collectionsSynced$: BehaviorSubject<number>;
  /** Pulls everything now and pushes what waits. */
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * Replicates every collection of the replica with the central server: pull with checkpoints,
 * the event stream for live changes (RESYNC on every reconnect), periodic pull while the stream
 * is silent, and push for the commands collection only (read models are pull-only).
 */
export function startReplication(
  db: ReplicaDatabase,
  api: ReplicationApi,
  onServerTime: (serverTime: string) => void = () => undefined,
): Replication {
  const status$ = new BehaviorSubject<SyncStatus>({ connection: 'connecting', lastSyncAt: readLastSync() });
  const collectionsSynced$ = new BehaviorSubject(0);
  status$.subscribe((s) => s.lastSyncAt && localStorage.setItem(LAST_SYNC_KEY, s.lastSyncAt));
  const setStatus = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  const noteFailure = (error: unknown) => {
    if (error instanceof ServerError) {
      if (error.status === 401) return setStatus({ connection: 'unauthorized' });
      if (error.status === 426) return setStatus({ connection: 'outdated' });
      if (error.status === 0) return setStatus({ connection: 'offline' });
    }
  };

  const noteSuccess = () =>
    setStatus({
      lastSyncAt: new Date().toISOString(),
      // The server answers; until the stream confirms itself the replica is polling.
      ...(status$.value.connection === 'live' ? {} : { connection: 'fallback' as const }),
    });

  const streams = new Map<ReplicatedCollection, Subject<RxReplicationPullStreamItem<never, Checkpoint>>>();
  const resyncAll = () => streams.forEach((s) => s.next('RESYNC'));

  const states: RxReplicationState<unknown, Checkpoint>[] = replicatedCollections.map((name) => {
    const stream$ = new Subject<RxReplicationPullStreamItem<never, Checkpoint>>();
    streams.set(name, stream$);
    const state = replicateRxCollection<unknown, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `${api.serverUrl}/${name}`,
      live: true,
      retryTime: 5_000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: 200,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          const page = await api.pull(name, checkpoint, batchSize);
          noteSuccess();
          return { documents: page.documents as never[], checkpoint: page.checkpoint ?? undefined };
        },
      },
      ...(name === 'commands'
        ? {
            push: {
              batchSize: 50,
              handler: async (rows) => {
                const outcomes = await api.push(
                  name,
                  rows.map((r) => ({
                    assumedMasterState: (r.assumedMasterState as never) ?? null,
                    newDocumentState: r.newDocumentState as never,
                  })),
                );
                noteSuccess();
                // Each outcome is the server's master state; RxDB takes it as the resolved document.
                return outcomes as never[];
              },
            },
          }
        : {}),
    });
    void state.awaitInitialReplication().then(() => collectionsSynced$.next(collectionsSynced$.value + 1));
    state.error$.subscribe((error) =>
      noteFailure((error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0] ?? error),
    );
    return state;
  });

  // The event stream: one connection for all collections.
  const abort = new AbortController();
  let stopped = false;
  let fallbackTimer: ReturnType<typeof setInterval> | null = null;
  const enterFallback = () => {
    if (fallbackTimer || stopped) return;
    if (status$.value.connection === 'live' || status$.value.connection === 'connecting')
      setStatus({ connection: 'fallback' });
    fallbackTimer = setInterval(resyncAll, FALLBACK_PULL_MS);
  };
  const leaveFallback = () => {
    if (fallbackTimer) clearInterval(fallbackTimer);
    fallbackTimer = null;
  };

  void (async () => {
    let attempt = 0;
    while (!stopped) {
      const connection = new AbortController();
      abort.signal.addEventListener('abort', () => connection.abort(), { once: true });
      let silenceTimer: ReturnType<typeof setTimeout> | null = null;
      let silentAfterMs = 45_000;
      const armWatchdog = () => {
        if (silenceTimer) clearTimeout(silenceTimer);
        // Nothing heard for several heartbeats: a proxy buffers or cut the stream.
        silenceTimer = setTimeout(() => {
          enterFallback();
          connection.abort();
        }, silentAfterMs);
      };
      try {
        armWatchdog();
        await readEventStream(
          api.streamUrl,
          { headers: api.authHeaders, signal: connection.signal },
          (response) => {
            if (response.status === 401) throw new ServerError(401, 'unauthorized', '');
            if (response.status === 426) throw new ServerError(426, 'upgrade_required', '');
            if (!response.ok) throw new ServerError(response.status, `http_${response.status}`, '');
          },
          (data) => {
            const message = JSON.parse(data) as StreamMessage;
            armWatchdog();
            if (message.type === 'resync') {
              silentAfterMs = message.heartbeatMs * SILENT_HEARTBEATS;
              armWatchdog();
              attempt = 0;
              leaveFallback();
              setStatus({ connection: 'live' });
              resyncAll();
            } else if (message.type === 'changes') {
              streams
                .get(message.collection)
                ?.next({ documents: message.documents as never[], checkpoint: message.checkpoint });
              setStatus({ lastSyncAt: new Date().toISOString() });
            } else if (message.type === 'heartbeat') {
              onServerTime(message.serverTime);
            }
          },
        );
      } catch (error) {
        if (stopped) break;
        if (error instanceof ServerError && (error.status === 401 || error.status === 426)) {
          noteFailure(error);
        } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
          noteFailure(new ServerError(0, 'network', String(error)));
        }
      } finally {
        if (silenceTimer) clearTimeout(silenceTimer);
      }
      if (stopped) break;
      enterFallback();
      attempt += 1;
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5))));
    }
  })();

  return {
    status$,
    collectionsSynced$,
    reSync: () => {
      for (const s of states) s.reSync();
    },
    async stop() {
      stopped = true;
      leaveFallback();
      abort.abort();
      await Promise.all(states.map((s) => s.cancel()));
    },
  };
}
