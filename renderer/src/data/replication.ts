import { BehaviorSubject } from 'rxjs';
import { replicatedCollections, type ReplicatedCollection } from '../../../shared/replication/protocol.js';
import { replicateCollection, type CollectionReplication, type LocalDocuments } from './collection-replication.js';
import { connectEventStream } from './event-stream.js';
import type { ReplicaDatabase } from './replica.js';
import type { ReplicationApi } from './server-api.js';
import { createSyncStatus, type SyncStatus } from './sync-status.js';

export type { ConnectionState, SyncStatus } from './sync-status.js';

/** How often the replica pulls when the event stream is silent or down. */
export const FALLBACK_PULL_MS = 30_000;

export interface ReplicationOptions {
  /** Pull period while the stream is silent or down (FALLBACK_PULL_MS). */
  fallbackPullMs?: number;
  /** RxDB's retry period after a failed pull or push. */
  retryMs?: number;
  /** Longest wait between two stream reconnection attempts. */
  maxReconnectMs?: number;
  /** What the replica adds to a server document before storing it (`localDocumentsFor`). */
  localDocuments?: LocalDocuments;
}

export interface Replication {
  status$: BehaviorSubject<SyncStatus>;
  /** How many collections finished their first pull since the app started (of `replicatedCollections`). */
  collectionsSynced$: BehaviorSubject<number>;
  /** Pulls everything now and pushes what waits. */
  reSync(): void;
  stop(): Promise<void>;
}

/**
 * Replicates every collection of the replica with the central server, composed like RxDB's own
 * clients of three parts: each collection's replication (`collection-replication.ts`: pull with
 * checkpoints, push for the commands collection only), one event stream for all of them
 * (`event-stream.ts`: live changes, RESYNC on every reconnect, watchdog, backoff) and the sync
 * status the UI reads (`sync-status.ts`). While the stream is silent or down the replica pulls
 * every `fallbackPullMs`.
 */
export function startReplication(
  db: ReplicaDatabase,
  api: ReplicationApi,
  onServerTime: (serverTime: string) => void = () => undefined,
  options: ReplicationOptions = {},
): Replication {
  const fallbackPullMs = options.fallbackPullMs ?? FALLBACK_PULL_MS;
  const { status$, note } = createSyncStatus(globalThis.localStorage);
  const collectionsSynced$ = new BehaviorSubject(0);

  const collections = new Map<ReplicatedCollection, CollectionReplication>();
  for (const name of replicatedCollections) {
    const collection = replicateCollection(db, api, name, {
      retryMs: options.retryMs ?? 5_000,
      localDocuments: options.localDocuments,
      onAnswer: () => note({ type: 'answered', at: new Date().toISOString() }),
      onFailure: (error) => note({ type: 'failed', error }),
    });
    void collection.state.awaitInitialReplication().then(() => collectionsSynced$.next(collectionsSynced$.value + 1));
    collections.set(name, collection);
  }
  const resyncAll = () => collections.forEach((c) => c.resync());

  let stopped = false;
  let fallbackTimer: ReturnType<typeof setInterval> | null = null;
  const enterFallback = () => {
    if (fallbackTimer || stopped) return;
    note({ type: 'fallback' });
    // Pull at once (whatever the silent stream held back), then periodically.
    resyncAll();
    fallbackTimer = setInterval(resyncAll, fallbackPullMs);
  };
  const leaveFallback = () => {
    if (fallbackTimer) clearInterval(fallbackTimer);
    fallbackTimer = null;
  };

  const stream = connectEventStream(
    api,
    {
      onResync: () => {
        leaveFallback();
        note({ type: 'live' });
        resyncAll();
      },
      onChanges: ({ collection, documents, checkpoint }) => {
        collections.get(collection)?.receive(documents, checkpoint);
        note({ type: 'changes', at: new Date().toISOString() });
      },
      onHeartbeat: onServerTime,
      onDown: enterFallback,
      onFailure: (error) => note({ type: 'failed', error }),
    },
    options.maxReconnectMs ?? 30_000,
  );

  return {
    status$,
    collectionsSynced$,
    reSync: () => {
      for (const c of collections.values()) c.state.reSync();
    },
    async stop() {
      stopped = true;
      leaveFallback();
      stream.close();
      await Promise.all([...collections.values()].map((c) => c.state.cancel()));
    },
  };
}
