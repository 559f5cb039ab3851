import type { ZodError } from 'zod';
import type { Checkpoint, DocumentBody, PushRow } from '../../shared/replication/protocol.js';
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
  _txid: string;
  _seq: string;
  _deleted: boolean;
}

/**
 * Reads the changes after `checkpoint`, in commit-safe order. Only changes of transactions
 * older than the oldest still running (pg_snapshot_xmin) are returned, so a change that a
 * long transaction commits later still sorts after the checkpoint and is never skipped.
 */
export async function pullChanges<D extends Doc>(
  db: Queryable,
  policy: CollectionPolicy<D>,
  scopeId: string,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<PullPage<D>> {
  const rows = await db.query<ChangeRow>(
    `select ${policy.columns}, deleted as "_deleted", change_txid::text as "_txid", change_seq::text as "_seq"
       from ${policy.table}
      where ${policy.scope}
        and (change_txid, change_seq) > ($2::xid8, $3::bigint)
        and change_txid < pg_snapshot_xmin(pg_current_snapshot())
      order by change_txid, change_seq
      limit $4`,
    [scopeId, checkpoint?.txid ?? '0', checkpoint?.seq ?? '0', limit],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => ({ ...policy.toDocument(row), _deleted: row._deleted })),
    checkpoint: last ? { txid: last._txid, seq: last._seq } : checkpoint,
  };
}

/** The checkpoint of the latest commit-safe change in scope (where a new stream starts). */
export async function headCheckpoint(
  db: Queryable,
  policy: CollectionPolicy<Doc>,
  scopeId: string,
): Promise<Checkpoint | null> {
  const rows = await db.query<{ txid: string; seq: string }>(
    `select change_txid::text as txid, change_seq::text as seq from ${policy.table}
      where ${policy.scope} and change_txid < pg_snapshot_xmin(pg_current_snapshot())
      order by change_txid desc, change_seq desc limit 1`,
    [scopeId],
  );
  return rows[0] ?? null;
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
