import { BehaviorSubject, Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import {
  SILENT_HEARTBEATS,
  replicatedCollections,
  type Checkpoint,
  type PushRow,
  type ReplicatedCollection,
  type StreamMessage,
  type WireDocument,
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

export interface ReplicationOptions {
  /** Pull period while the stream is silent or down (FALLBACK_PULL_MS). */
  fallbackPullMs?: number;
  /** RxDB's retry period after a failed pull or push. */
  retryMs?: number;
  /** Longest wait between two stream reconnection attempts. */
  maxReconnectMs?: number;
  /** What the replica adds to a server document before storing it (`localDocumentsFor`). */
  localDocuments?: Partial<
    Record<ReplicatedCollection, (doc: Record<string, unknown>) => Promise<Record<string, unknown>>>
  >;
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
 * Replicates every collection of the replica with the central server: pull with checkpoints,
 * the event stream for live changes (RESYNC on every reconnect), periodic pull while the stream
 * is silent, and push for the commands collection only (read models are pull-only).
 */
export function startReplication(
  db: ReplicaDatabase,
  api: ReplicationApi,
  onServerTime: (serverTime: string) => void = () => undefined,
  options: ReplicationOptions = {},
): Replication {
  const fallbackPullMs = options.fallbackPullMs ?? FALLBACK_PULL_MS;
  const maxReconnectMs = options.maxReconnectMs ?? 30_000;
  const status$ = new BehaviorSubject<SyncStatus>({ connection: 'connecting', lastSyncAt: readLastSync() });
  const collectionsSynced$ = new BehaviorSubject(0);
  status$.subscribe((s) => s.lastSyncAt && globalThis.localStorage?.setItem(LAST_SYNC_KEY, s.lastSyncAt));
  const setStatus = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  // 401 (the session expired or was revoked) and 426 (this app is too old) stay until the user
  // acts: no later answer may hide them. Pending commands stay in the replica meanwhile.
  const blocked = () => status$.value.connection === 'unauthorized' || status$.value.connection === 'outdated';
  const noteFailure = (error: unknown) => {
    if (error instanceof ServerError) {
      if (error.status === 401) return setStatus({ connection: 'unauthorized' });
      if (error.status === 426) return setStatus({ connection: 'outdated' });
      if (error.status === 0 && !blocked()) return setStatus({ connection: 'offline' });
    }
  };

  const noteSuccess = () =>
    setStatus({
      lastSyncAt: new Date().toISOString(),
      // The server answers; until the stream confirms itself the replica is polling.
      ...(status$.value.connection === 'live' || blocked() ? {} : { connection: 'fallback' as const }),
    });

  const toLocal = (name: ReplicatedCollection, docs: unknown[]): Promise<unknown[]> | unknown[] => {
    const transform = options.localDocuments?.[name];
    return transform ? Promise.all(docs.map((d) => transform(d as Record<string, unknown>))) : docs;
  };
  // Stream messages of one collection are handed to RxDB in the order they arrived.
  const streamQueue = new Map<ReplicatedCollection, Promise<void>>();

  const streams = new Map<ReplicatedCollection, Subject<RxReplicationPullStreamItem<never, Checkpoint>>>();
  const resyncAll = () => streams.forEach((s) => s.next('RESYNC'));

  const states: RxReplicationState<unknown, Checkpoint>[] = replicatedCollections.map((name) => {
    const stream$ = new Subject<RxReplicationPullStreamItem<never, Checkpoint>>();
    streams.set(name, stream$);
    const state = replicateRxCollection<unknown, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `${api.serverUrl}/${name}`,
      live: true,
      retryTime: options.retryMs ?? 5_000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: 200,
        stream$: stream$.asObservable(),
        handler: async (checkpoint, batchSize) => {
          const page = await api.pull(name, checkpoint, batchSize);
          noteSuccess();
          return {
            documents: (await toLocal(name, page.documents)) as never[],
            checkpoint: page.checkpoint ?? undefined,
          };
        },
      },
      ...(name === 'commands'
        ? {
            push: {
              batchSize: 50,
              handler: inOrder(async (rows) => {
                const outcomes = await pushInCreationOrder(
                  db,
                  rows.map((r) => ({
                    assumedMasterState: (r.assumedMasterState as never) ?? null,
                    newDocumentState: r.newDocumentState as never,
                  })),
                  (batch) => api.push(name, batch),
                );
                noteSuccess();
                // Each outcome is the server's master state; RxDB takes it as the resolved document.
                return outcomes as never[];
              }),
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
    // Pull at once (whatever the silent stream held back), then periodically.
    resyncAll();
    fallbackTimer = setInterval(resyncAll, fallbackPullMs);
  };
  const leaveFallback = () => {
    if (fallbackTimer) clearInterval(fallbackTimer);
    fallbackTimer = null;
  };

  void (async () => {
    let attempt = 0;
    // Until a stream tells its heartbeat period, assume the default one (15 s).
    let silentAfterMs = 15_000 * SILENT_HEARTBEATS;
    while (!stopped) {
      const connection = new AbortController();
      const abortConnection = () => connection.abort();
      abort.signal.addEventListener('abort', abortConnection, { once: true });
      let silenceTimer: ReturnType<typeof setTimeout> | null = null;
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
              if (status$.value.connection !== 'outdated') setStatus({ connection: 'live' });
              resyncAll();
            } else if (message.type === 'changes') {
              const { collection, documents, checkpoint } = message;
              const previous = streamQueue.get(collection) ?? Promise.resolve();
              const next = previous.then(async () => {
                const local = await toLocal(collection, documents);
                streams.get(collection)?.next({ documents: local as never[], checkpoint });
              });
              streamQueue.set(
                collection,
                next.catch(() => undefined),
              );
              setStatus({ lastSyncAt: new Date().toISOString() });
            } else if (message.type === 'heartbeat') {
              onServerTime(message.serverTime);
            } else if (message.type === 'ended') {
              // The session ended on the server: the same sticky state as a 401, commands kept.
              throw new ServerError(401, 'unauthorized', '');
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
        abort.signal.removeEventListener('abort', abortConnection);
      }
      if (stopped) break;
      enterFallback();
      attempt += 1;
      await new Promise((r) => setTimeout(r, Math.min(maxReconnectMs, 1_000 * 2 ** Math.min(attempt, 5))));
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

/**
 * Pushes `rows` so that no command is executed before an earlier one (ids sort in creation
 * order, `nextCommandId`): RxDB hands the handler batches in no guaranteed order, so every pending
 * command older than the newest row is sent first, in id order, in the same requests. Those
 * extra ones are executed now; when RxDB pushes them itself later, the server answers with their
 * stored outcome. A row whose command was withdrawn here since RxDB took it goes as deleted.
 * Returns the outcomes of `rows` only.
 */
export async function pushInCreationOrder(
  db: ReplicaDatabase,
  rows: PushRow[],
  push: (batch: PushRow[]) => Promise<WireDocument[]>,
  batchSize = 50,
): Promise<WireDocument[]> {
  const ids = rows.map((r) => String(r.newDocumentState.id));
  // A command withdrawn on this PC after a failed push (RxDB retries the batch as it was) goes as
  // deleted: the server never executes a deleted command it has not stored.
  const present = await db.commands.findByIds(ids).exec();
  const current = rows.map((r) =>
    r.newDocumentState._deleted || present.has(String(r.newDocumentState.id))
      ? r
      : { ...r, newDocumentState: { ...r.newDocumentState, _deleted: true } },
  );
  const newest = [...ids].sort().at(-1);
  const asked = new Set(ids);
  const earlier = newest
    ? await db.commands.find({ selector: { status: 'pending', id: { $lte: newest } }, sort: [{ id: 'asc' }] }).exec()
    : [];
  const all: PushRow[] = [
    ...current,
    ...earlier
      .filter((d) => !asked.has(d.id))
      .map((d) => ({
        assumedMasterState: null,
        newDocumentState: { ...d.toMutableJSON(), _deleted: false } as unknown as WireDocument,
      })),
  ].sort((a, b) => String(a.newDocumentState.id).localeCompare(String(b.newDocumentState.id)));
  const outcomes = new Map<string, WireDocument>();
  for (let i = 0; i < all.length; i += batchSize) {
    for (const outcome of await push(all.slice(i, i + batchSize))) outcomes.set(String(outcome.id), outcome);
  }
  return ids.flatMap((id) => {
    const outcome = outcomes.get(id);
    return outcome ? [outcome] : [];
  });
}

/**
 * Commands must reach the server in the order they were made (each is judged against the state
 * the earlier ones left). RxDB's upstream sends up to four batches at once while it works off a
 * backlog (and splits a large write into parallel batches), so a long-offline replica would
 * otherwise have its commands executed interleaved. This runs the push handler's calls one after
 * another in call order; a call queued behind one that failed fails too, unsent, so nothing
 * overtakes a failed batch (RxDB retries them; re-pushed commands return their stored outcome).
 */
export function inOrder<A extends unknown[], R>(push: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let tail: Promise<boolean> = Promise.resolve(true);
  let inFlight = 0;
  return (...args: A) => {
    const previous = tail;
    const queuedBehindOthers = inFlight > 0;
    inFlight += 1;
    const run = (async () => {
      const previousOk = await previous;
      if (queuedBehindOthers && !previousOk) {
        throw new ServerError(0, 'network', 'an earlier batch of commands failed; this one waits for its retry');
      }
      return push(...args);
    })();
    tail = run.then(
      () => true,
      () => false,
    );
    void tail.then(() => (inFlight -= 1));
    return run;
  };
}
