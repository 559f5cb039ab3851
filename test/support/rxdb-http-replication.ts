import type { RxCollection, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { REPLICATION_VERSION, type Checkpoint } from '../../shared/replication/protocol.js';
import { openEventStream, type EventStreamClient, type ReceivedEvent } from './event-stream.js';

type Human = Record<string, unknown>;

export interface HttpReplicationTarget {
  url: string;
  token: string;
  collection: string;
  /** Live replication listens to the server's event stream; otherwise it pulls only when told (reSync). */
  stream: boolean;
  /** Counts what came over the event stream, so a test can tell the stream was really used. */
  stats?: StreamStats;
}

export interface StreamStats {
  connections: number;
  resyncs: number;
  changes: number;
}

/**
 * An RxDB replication whose handlers are HTTP calls to our server — the pull and push endpoints
 * and, when `target.stream`, the Server-Sent-Events stream (RESYNC and changes) — as a replica
 * makes them. Small batches, so paging is exercised.
 */
export function replicateOverHttp(
  collection: RxCollection,
  target: HttpReplicationTarget,
  live: boolean,
): RxReplicationState<Human, Checkpoint> {
  const base = `${target.url}/api/replication/v${REPLICATION_VERSION}/${target.collection}`;
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
  const call = async <T>(url: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(url, { ...init, headers });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const stream$ = live && target.stream ? new Subject<RxReplicationPullStreamItem<Human, Checkpoint>>() : null;

  const state = replicateRxCollection<Human, Checkpoint>({
    collection,
    replicationIdentifier: `${target.url}/${target.collection}`,
    live,
    waitForLeadership: false,
    retryTime: 500,
    pull: {
      batchSize: 4,
      ...(stream$ ? { stream$: stream$.asObservable() } : {}),
      handler: async (checkpoint, batchSize) => {
        const query = new URLSearchParams({ limit: String(batchSize), ...(checkpoint ?? {}) });
        const page = await call<{ documents: WithDeleted<Human>[]; checkpoint: Checkpoint | null }>(
          `${base}/pull?${query}`,
        );
        return { documents: page.documents, checkpoint: page.checkpoint ?? undefined };
      },
    },
    push: {
      batchSize: 3,
      handler: (rows) => call<WithDeleted<Human>[]>(`${base}/push`, { method: 'POST', body: JSON.stringify(rows) }),
    },
  });
  if (stream$) followEventStream(state, target, stream$);
  return state;
}

/** Feeds the server's events to RxDB until the replication is cancelled; reconnects (RESYNC again) if cut. */
function followEventStream(
  state: RxReplicationState<Human, Checkpoint>,
  target: HttpReplicationTarget,
  stream$: Subject<RxReplicationPullStreamItem<Human, Checkpoint>>,
) {
  let current: EventStreamClient | null = null;
  let cancelled = false;
  state.onCancel.push(() => {
    cancelled = true;
    current?.close();
  });
  const onEvent = (event: ReceivedEvent) => {
    if (event.type === 'resync') {
      if (target.stats) target.stats.resyncs++;
      stream$.next('RESYNC');
    }
    if (event.type === 'changes' && event.collection === target.collection) {
      if (target.stats) target.stats.changes++;
      // A writable collection's changes are a cue to pull, not documents to apply: RxDB holds
      // stream events back while a push runs and would then apply an echo older than what the
      // push just wrote (the next edit would conflict). A pull made then reads the current state.
      stream$.next('RESYNC');
    }
  };
  void (async () => {
    while (!cancelled) {
      current = await openEventStream(target.url, target.token, { onEvent }).catch(() => null);
      if (current?.status === 200 && target.stats) target.stats.connections++;
      if (cancelled) current?.close();
      await current?.ended;
      if (!cancelled) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
}
