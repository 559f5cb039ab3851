import type {
  Checkpoint,
  DocumentBody,
  PullResponse,
  ReplicatedCollection,
  WireDocument,
} from '../../shared/replication/protocol.js';
import type { Queryable } from '../db/db.js';

/**
 * How one table is replicated: which rows a replica may see (its scope) and how a row
 * becomes a document. Every replicated table carries rev, updated_at, deleted,
 * change_txid and change_seq (see migrations/0001_init.sql).
 */
export interface CollectionPolicy {
  name: ReplicatedCollection;
  table: string;
  /**
   * The SQL condition selecting the rows one replica may see; `$1` is the replica's
   * kindergarten id (e.g. `kindergarten_id = $1`).
   */
  scope: string;
  /** SQL select list of the document's columns. */
  columns: string;
  toDocument(row: Record<string, unknown>): DocumentBody;
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
export async function pullChanges(
  db: Queryable,
  policy: CollectionPolicy,
  scopeId: string,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<PullResponse> {
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
    documents: rows.map((row) => toWire(policy, row)),
    checkpoint: last ? { txid: last._txid, seq: last._seq } : checkpoint,
  };
}

/** The checkpoint of the latest commit-safe change in scope (where a new stream starts). */
export async function headCheckpoint(
  db: Queryable,
  policy: CollectionPolicy,
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

function toWire(policy: CollectionPolicy, row: ChangeRow): WireDocument {
  return { ...policy.toDocument(row), _deleted: row._deleted };
}

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
