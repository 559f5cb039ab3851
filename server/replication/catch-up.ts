import type { Queryable } from '../db/db.js';
import { boundedSnapshot, type CollectionPolicy, type Doc } from './core.js';

const ALL = `'*'`;
const keyOf = (policy: CollectionPolicy<Doc>) => policy.changeKey ?? ALL;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** Changes of transactions not visible in the watermark snapshot ($1): committed since it was taken. */
const sinceWatermark =
  'change_txid >= pg_snapshot_xmin($1::pg_snapshot) and not pg_visible_in_snapshot(change_txid, $1::pg_snapshot)';

export interface CatchUp {
  /** Per collection: which change keys (kindergarten ids, or '*') changed since the watermark. */
  changed: Array<Set<string>>;
  /** The new watermark: the snapshot the catch-up read in. */
  watermark: string;
  /** Of the staff sessions asked about: those revoked, or whose account is disabled, as `staffSession:id`. */
  ended: string[];
}

/**
 * A server process's one query per heartbeat, however many streams it holds: which kindergartens
 * have changes in each collection committed since the process's watermark — a snapshot (so a
 * notification lost still reaches its streams) — and which of its streams' sessions ended (a
 * session_ended notification lost). The next watermark is the snapshot this read was made in: a
 * transaction running then is not visible in it, so its changes are reported by the catch-up
 * after it commits. One statement, an index range scan per table from the watermark's xmin.
 */
export async function catchUp(
  db: Queryable,
  policies: readonly CollectionPolicy<Doc>[],
  watermark: string,
  staffSessionIds: readonly string[],
): Promise<CatchUp> {
  const parts = [`(select 'now' as i, pg_current_snapshot()::text as k)`];
  policies.forEach((p, i) => {
    const key = keyOf(p);
    parts.push(
      key === ALL
        ? `(select ${literal(String(i))} as i, ${ALL} as k from ${p.table} where ${sinceWatermark} limit 1)`
        : `(select distinct ${literal(String(i))} as i, ${key} as k from ${p.table} where ${sinceWatermark})`,
    );
  });
  parts.push(`(select 'ended' as i, s.id::text as k
      from device_sessions s join staff st on st.id = s.staff_id
     where s.id = any ($2::uuid[]) and (s.revoked_at is not null or st.disabled_at is not null))`);
  const rows = await db.query<{ i: string; k: string }>(parts.join(' union all '), [watermark, staffSessionIds]);
  const result: CatchUp = { changed: policies.map(() => new Set()), watermark, ended: [] };
  for (const row of rows) {
    if (row.i === 'now') result.watermark = boundedSnapshot(row.k);
    else if (row.i === 'ended') result.ended.push(`staffSession:${row.k}`);
    else result.changed[Number(row.i)]!.add(row.k);
  }
  return result;
}
