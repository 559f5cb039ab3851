import type { Checkpoint } from '../../shared/replication/protocol.js';
import type { Queryable } from '../db/db.js';
import type { CollectionPolicy, Doc } from './core.js';

const safe = 'change_txid < pg_snapshot_xmin(pg_current_snapshot())';
const ALL = `'*'`;
const keyOf = (policy: CollectionPolicy<Doc>) => policy.changeKey ?? ALL;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The latest commit-safe change of each collection, city-wide (null: none yet): where a process's
 * watermarks start. One statement, an index scan backwards per table.
 */
export async function commitHeads(
  db: Queryable,
  policies: readonly CollectionPolicy<Doc>[],
): Promise<Array<Checkpoint | null>> {
  const rows = await db.query<{ i: number; txid: string; seq: string }>(
    policies
      .map(
        (p, i) =>
          `(select ${i} as i, change_txid::text as txid, change_seq::text as seq from ${p.table}
             where ${safe} order by change_txid desc, change_seq desc limit 1)`,
      )
      .join(' union all '),
  );
  const heads: Array<Checkpoint | null> = policies.map(() => null);
  for (const row of rows) heads[Number(row.i)] = { txid: row.txid, seq: row.seq };
  return heads;
}

/** The checkpoint a new stream of `scopeId` starts from, per collection: one statement for all. */
export async function scopeHeads(
  db: Queryable,
  policies: readonly CollectionPolicy<Doc>[],
  scopeId: string,
): Promise<Array<Checkpoint | null>> {
  const rows = await db.query<{ i: number; txid: string; seq: string }>(
    policies
      .map(
        (p, i) =>
          `(select ${i} as i, change_txid::text as txid, change_seq::text as seq from ${p.table}
             where ${p.scope} and ${safe} order by change_txid desc, change_seq desc limit 1)`,
      )
      .join(' union all '),
    [scopeId],
  );
  const heads: Array<Checkpoint | null> = policies.map(() => null);
  for (const row of rows) heads[Number(row.i)] = { txid: row.txid, seq: row.seq };
  return heads;
}

export interface CatchUp {
  /** Per collection: which change keys (kindergarten ids, or '*') changed past the watermark. */
  changed: Array<Set<string>>;
  /** Per collection: the new watermark (unchanged where nothing changed). */
  watermarks: Array<Checkpoint | null>;
  /** Of the staff sessions asked about: those revoked, or whose account is disabled, as `staffSession:id`. */
  ended: string[];
}

/**
 * A server process's one query per heartbeat, however many streams it holds: which kindergartens
 * have commit-safe changes past the process's watermark in each collection (so a notification
 * lost, or a commit hidden behind an older transaction when it was notified, still reaches its
 * streams), and which of its streams' sessions ended (a session_ended notification lost).
 *
 * Sound for the same reason as the pull: a change not yet commit-safe when a watermark was read
 * belongs to a transaction at least as new as that read's oldest running one, so it sorts after
 * the watermark and is reported by the first catch-up that finds it commit-safe.
 */
export async function catchUp(
  db: Queryable,
  policies: readonly CollectionPolicy<Doc>[],
  watermarks: ReadonlyArray<Checkpoint | null>,
  staffSessionIds: readonly string[],
): Promise<CatchUp> {
  const params: unknown[] = [];
  const parts = policies.map((p, i) => {
    const mark = watermarks[i];
    params.push(mark?.txid ?? '0', mark?.seq ?? '0');
    const key = keyOf(p);
    const citywide = key === ALL;
    return `(select ${citywide ? '' : `distinct on (${key})`} ${literal(String(i))} as i, ${key} as k,
               change_txid::text as txid, change_seq::text as seq
          from ${p.table}
         where (change_txid, change_seq) > ($${params.length - 1}::xid8, $${params.length}::bigint) and ${safe}
         order by ${citywide ? '' : `${key}, `}change_txid desc, change_seq desc${citywide ? ' limit 1' : ''})`;
  });
  params.push(staffSessionIds);
  parts.push(`(select 'ended' as i, s.id::text as k, null as txid, null as seq
      from device_sessions s join staff st on st.id = s.staff_id
     where s.id = any ($${params.length}::uuid[]) and (s.revoked_at is not null or st.disabled_at is not null))`);
  const rows = await db.query<{ i: string; k: string; txid: string | null; seq: string | null }>(
    parts.join(' union all '),
    params,
  );
  const result: CatchUp = { changed: policies.map(() => new Set()), watermarks: [...watermarks], ended: [] };
  for (const row of rows) {
    if (row.i === 'ended') {
      result.ended.push(`staffSession:${row.k}`);
      continue;
    }
    const i = Number(row.i);
    result.changed[i]!.add(row.k);
    const mark = result.watermarks[i];
    const next = { txid: row.txid!, seq: row.seq! };
    if (!mark || compare(next, mark) > 0) result.watermarks[i] = next;
  }
  return result;
}

/** Orders checkpoints as the database does (xid8, then bigint), on their decimal text. */
function compare(a: Checkpoint, b: Checkpoint): number {
  return BigInt(a.txid) === BigInt(b.txid)
    ? Number(BigInt(a.seq) - BigInt(b.seq))
    : BigInt(a.txid) < BigInt(b.txid)
      ? -1
      : 1;
}
