import { Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Checkpoint, PushRow, ReplicatedCollection, WireDocument } from '../../../shared/replication/protocol.js';
import type { ReplicaDatabase } from './replica.js';
import { ServerError, type ReplicationApi } from './server-api.js';

/** What the replica adds to a server document before storing it (`localDocumentsFor`). */
export type LocalDocuments = Partial<
  Record<ReplicatedCollection, (doc: Record<string, unknown>) => Promise<Record<string, unknown>>>
>;

export interface CollectionReplicationOptions {
  /** RxDB's retry period after a failed pull or push. */
  retryMs: number;
  localDocuments: LocalDocuments | undefined;
  /** A pull or push was answered. */
  onAnswer(): void;
  /** A pull or push failed (RxDB retries it after `retryMs`). */
  onFailure(error: unknown): void;
}

export interface CollectionReplication {
  state: RxReplicationState<unknown, Checkpoint>;
  /** Hands changes from the event stream to RxDB, in the order they arrived. */
  receive(documents: WireDocument[], checkpoint: Checkpoint): void;
  /** Pulls from the replica's own checkpoint (RxDB's `RESYNC`). */
  resync(): void;
}

/** Documents of the server as the replica stores them. */
function toLocal(
  localDocuments: LocalDocuments | undefined,
  name: ReplicatedCollection,
  docs: unknown[],
): Promise<unknown[]> | unknown[] {
  const transform = localDocuments?.[name];
  return transform ? Promise.all(docs.map((d) => transform(d as Record<string, unknown>))) : docs;
}

/**
 * One collection of the replica replicated with the central server (RxDB's
 * `replicateRxCollection`): pull with checkpoints, changes from the event stream, and push for
 * the commands collection only (read models are pull-only).
 */
export function replicateCollection(
  db: ReplicaDatabase,
  api: ReplicationApi,
  name: ReplicatedCollection,
  options: CollectionReplicationOptions,
): CollectionReplication {
  const stream$ = new Subject<RxReplicationPullStreamItem<never, Checkpoint>>();
  // Stream messages are handed to RxDB in the order they arrived.
  let streamQueue: Promise<void> = Promise.resolve();
  const state = replicateRxCollection<unknown, Checkpoint>({
    collection: db[name] as never,
    replicationIdentifier: `${api.serverUrl}/${name}`,
    live: true,
    retryTime: options.retryMs,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: 200,
      stream$: stream$.asObservable(),
      handler: async (checkpoint, batchSize) => {
        const page = await api.pull(name, checkpoint, batchSize);
        options.onAnswer();
        return {
          documents: (await toLocal(options.localDocuments, name, page.documents)) as never[],
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
              options.onAnswer();
              // Each outcome is the server's master state; RxDB takes it as the resolved document.
              return outcomes as never[];
            }),
          },
        }
      : {}),
  });
  state.error$.subscribe((error) =>
    options.onFailure((error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0] ?? error),
  );
  return {
    state,
    receive(documents, checkpoint) {
      const next = streamQueue.then(async () => {
        const local = await toLocal(options.localDocuments, name, documents);
        stream$.next({ documents: local as never[], checkpoint });
      });
      streamQueue = next.catch(() => undefined);
    },
    resync: () => stream$.next('RESYNC'),
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
