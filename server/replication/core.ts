import type { ZodError } from 'zod';
import {
  MAX_RUNNING_IN_SNAPSHOT,
  type Checkpoint,
  type DocumentBody,
  type PushRow,
} from '../../shared/replication/protocol.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';

/** A replicated document: its fields, as the collection's policy makes them from a row. */
export type Doc = Record<string, unknown>;
/** A document as it travels, with RxDB's deletion flag. */
export type Wire<D extends Doc = Doc> = D & { _deleted: boolean };

/**
 * How one table is replicated: which rows a replica may see (its scope) and how a row
 * becomes a document. Every replicated table carries rev, updated_at, deleted,
 * change_txid and change_seq (see migrations/0001_init.sql).
 */
export interface CollectionPolicy<D extends Doc = DocumentBody> {
  name: string;
  table: string;
  /**
   * The SQL condition selecting the rows one replica may see; `$1` is the replica's
   * kindergarten id (e.g. `kindergarten_id = $1`).
   */
  scope: string;
  /** SQL select list of the document's columns. */
  columns: string;
  /**
   * The SQL expression naming, as text, the kindergarten whose streams a row's change wakes
   * (e.g. `kindergarten_id::text`), or `'*'` for rows every kindergarten sees (the default).
   * The per-process catch-up (server/replication/catch-up.ts) groups changes by it.
   */
  changeKey?: string;
  toDocument(row: Record<string, unknown>): D;
}

export interface PushContext {
  db: Db;
  clock: Clock;
  auth: AuthContext;
}

/** The master states of the conflicting rows (RxDB's push answer), or why the push was refused as a whole. */
export type PushResult = { ok: true; conflicts: Wire[] } | { ok: false; invalid: ZodError };

export type PushHandler = (context: PushContext, rows: PushRow[]) => Promise<PushResult>;

/**
 * A collection and its policy. `push` says what a pushed row does; a collection without it is
 * a pull-only read model, and a push to it is refused (405 read_only_collection).
 */
export interface ReplicatedCollectionSpec {
  policy: CollectionPolicy<Doc>;
  push?: PushHandler;
}

/** The collections a server replicates, by URL name (`/api/replication/v1/{name}/…`). */
export type CollectionRegistry = ReadonlyMap<string, ReplicatedCollectionSpec>;

export function collectionRegistry(specs: Iterable<ReplicatedCollectionSpec>): CollectionRegistry {
  return new Map([...specs].map((spec) => [spec.policy.name, spec]));
}

export interface PullPage<D extends Doc = Doc> {
  documents: Wire<D>[];
  checkpoint: Checkpoint | null;
}

interface ChangeRow extends Record<string, unknown> {
  _now: string;
  _txid: string | null;
  _seq: string;
  _deleted: boolean;
}

/** A snapshot in which no transaction is visible: nothing has been sent yet. */
const NOTHING = '1:1:';

/**
 * What a checkpoint says was sent, as the pull's conditions read it: the changes of transactions
 * visible in `base`, and, while paging towards `upTo` (null: the pull's own snapshot), those of
 * transactions visible in it up to `after` in (transaction id, change sequence) order.
 */
interface Position {
  base: string;
  upTo: string | null;
  after: { txid: string; seq: string } | null;
}

function positionOf(checkpoint: Checkpoint | null): Position {
  if (!checkpoint) return { base: NOTHING, upTo: null, after: null };
  const after = { txid: checkpoint.txid, seq: checkpoint.seq };
  if (checkpoint.snapshot)
    return { base: checkpoint.snapshot, upTo: checkpoint.upTo ?? null, after: checkpoint.upTo ? after : null };
  // Before snapshots a checkpoint was a position whose transaction and every older one had ended.
  if (BigInt(checkpoint.txid) < 1n) return { base: NOTHING, upTo: null, after: null };
  return { base: `${checkpoint.txid}:${checkpoint.txid}:`, upTo: null, after };
}

/**
 * A snapshot no longer than a checkpoint may carry: past MAX_RUNNING_IN_SNAPSHOT running
 * transactions, xmax is lowered to the first one left out — so it claims fewer transactions
 * visible, never more (the dropped ones' changes are sent again, never lost).
 */
export function boundedSnapshot(text: string): string {
  const parts = text.split(':');
  const running = parts[2] ? parts[2].split(',') : [];
  if (running.length <= MAX_RUNNING_IN_SNAPSHOT) return text;
  return `${parts[0]}:${running[MAX_RUNNING_IN_SNAPSHOT]}:${running.slice(0, MAX_RUNNING_IN_SNAPSHOT).join(',')}`;
}

/** The checkpoint after every change of a snapshot's transactions was sent. */
export function settledAt(snapshot: string): Checkpoint {
  const bounded = boundedSnapshot(snapshot);
  return { snapshot: bounded, txid: bounded.slice(0, bounded.indexOf(':')), seq: '0' };
}

/** The database's snapshot now, as a checkpoint: where a new stream starts (nothing before it is its to send). */
export async function checkpointNow(db: Queryable): Promise<Checkpoint> {
  const [row] = await db.query<{ now: string }>('select pg_current_snapshot()::text as now');
  return settledAt(row!.now);
}

/**
 * Reads the changes after `checkpoint`, in commit-safe order, without waiting for any other
 * transaction: a change is sent once its transaction is visible in the pull's snapshot and was not
 * in the checkpoint's. A transaction still running when a checkpoint was taken is not visible in
 * it, so its changes are sent whenever it commits, however old its id — and a later transaction's
 * committed changes are not held back behind it (as they were while checkpoints were a position
 * below the oldest running transaction). Pages in (transaction id, change sequence) order between
 * two snapshots; at most two statements.
 */
export async function pullChanges<D extends Doc>(
  db: Queryable,
  policy: CollectionPolicy<D>,
  scopeId: string,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<PullPage<D>> {
  let position = positionOf(checkpoint);
  const documents: Array<Wire<D>> = [];
  for (;;) {
    const room = limit - documents.length;
    const { rows, now } = await readChanges(db, policy, scopeId, position, room);
    for (const row of rows) documents.push({ ...policy.toDocument(row), _deleted: row._deleted });
    const last = rows.at(-1);
    if (last && rows.length === room) {
      const upTo = position.upTo ?? boundedSnapshot(now);
      return { documents, checkpoint: { snapshot: position.base, upTo, txid: last._txid!, seq: last._seq } };
    }
    if (!position.upTo) return { documents, checkpoint: settledAt(now) };
    // Paging towards `upTo` is done: go on from it with the room left.
    position = { base: position.upTo, upTo: null, after: null };
  }
}

async function readChanges(
  db: Queryable,
  policy: CollectionPolicy<Doc>,
  scopeId: string,
  { base, upTo, after }: Position,
  limit: number,
): Promise<{ rows: ChangeRow[]; now: string }> {
  const params: unknown[] = [scopeId, base];
  const where = [
    policy.scope,
    'change_txid >= pg_snapshot_xmin($2::pg_snapshot)',
    'not pg_visible_in_snapshot(change_txid, $2::pg_snapshot)',
  ];
  if (upTo) where.push(`pg_visible_in_snapshot(change_txid, $${params.push(upTo)}::pg_snapshot)`);
  if (after) {
    params.push(after.txid, after.seq);
    where.push(`(change_txid, change_seq) > ($${params.length - 1}::xid8, $${params.length}::bigint)`);
  }
  params.push(limit);
  // The snapshot is the statement's own (read committed): the one its rows were read in.
  const rows = await db.query<ChangeRow>(
    `select n.now::text as "_now", c.*
       from (select pg_current_snapshot() as now) n
       left join lateral (
         select ${policy.columns}, deleted as "_deleted", change_txid::text as "_txid", change_seq::text as "_seq"
           from ${policy.table}
          where ${where.join(' and ')}
          order by change_txid, change_seq
          limit $${params.length}) c on true`,
    params,
  );
  const now = rows[0]!._now;
  return { rows: rows.filter((row) => row._txid !== null), now };
}

/** Fields the server assigns on every write: a client's copy may lag behind them without conflicting. */
export const SERVER_ASSIGNED_FIELDS: readonly string[] = ['rev', 'updatedAt'];

/**
 * Whether the state a client assumed is the current master state (RxDB's conflict test):
 * the same fields and values, deletion flag included, ignoring server-assigned fields.
 */
export function isSameState(assumed: Doc, master: Doc): boolean {
  return canonical(withoutServerFields(assumed)) === canonical(withoutServerFields(master));
}

function withoutServerFields(doc: Doc): Doc {
  const copy: Doc = { _deleted: false, ...doc };
  for (const field of SERVER_ASSIGNED_FIELDS) delete copy[field];
  return copy;
}

/** JSON with object keys sorted and undefined members dropped, so equal states compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
