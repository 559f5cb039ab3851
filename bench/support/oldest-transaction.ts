import type { Db } from '../../server/db/db.js';
import { percentile } from './prepare.js';

interface Sample {
  ageMs: number;
  what: string;
}

/**
 * Samples, back to back on a connection of its own, the oldest transaction holding a transaction
 * id in `database` — the one pg_snapshot_xmin, and so every stream's commit-safe checkpoint, waits
 * for: how long it has been running and what it runs (its last statement, its wait). `stop()`
 * ends the sampling and summarizes it.
 */
export function sampleOldestTransaction(db: Db, database: string) {
  const samples: Sample[] = [];
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const [row] = await db.query<{ age_ms: number; what: string }>(
        `select extract(epoch from clock_timestamp() - xact_start) * 1000 as age_ms,
                coalesce(application_name, '') || ' ' || state || coalesce(' waiting on ' || wait_event_type || ':' || wait_event, '')
                  || ': ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as what
           from pg_stat_activity
          where datname = $1 and backend_xid is not null and pid <> pg_backend_pid()
          order by xact_start limit 1`,
        [database],
      );
      samples.push(row ? { ageMs: Number(row.age_ms), what: row.what } : { ageMs: 0, what: 'none' });
    }
  })();
  return {
    async stop(): Promise<string> {
      sampling = false;
      await loop;
      const ages = samples.map((s) => s.ageMs);
      const slow = samples.filter((s) => s.ageMs >= percentile(ages, 95));
      const counts = new Map<string, number>();
      for (const s of slow) {
        const key = s.what.replace(/'[^']*'/g, "'…'").replace(/\$\d+/g, '$n');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const top = [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([what, n]) => `${n}× «${what}»`)
        .join(', ');
      return (
        `oldest transaction with an id, sampled ${samples.length} times: age p50 ${percentile(ages, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(ages, 95).toFixed(1)} ms, max ${percentile(ages, 100).toFixed(1)} ms; at or above p95: ${top}`
      );
    },
  };
}
