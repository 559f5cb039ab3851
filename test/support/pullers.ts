import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db.js';
import { collectionPolicies } from '../../server/replication/collections.js';
import { pullChanges } from '../../server/replication/core.js';
import type { Checkpoint } from '../../shared/replication/protocol.js';

/** Anything that runs a parameterized statement: a pool, or one connection held by a test. */
interface Runner {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/** Inserts `n` groups, one statement each (so within a transaction they share its txid). */
export async function insertGroups(client: Runner, kindergartenId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await client.query(
      `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
       values ($1, $2, $3, 'junior', 'ru', 20, clock_timestamp())`,
      [id, kindergartenId, `g-${id.slice(0, 8)}`],
    );
    ids.push(id);
  }
  return ids;
}

export async function newKindergarten(db: Db): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into kindergartens (id, name_ru, name_kk, city, city_id, created_at, updated_at)
     values ($1, 'К', 'К', 'Петропавловск', 'petropavl', now(), now())`,
    [id],
  );
  return id;
}

/** The server's puller (server/replication/core.ts): (txid, seq) checkpoint, commit-safe. */
export function commitSafePuller(db: Db, kindergartenId: string) {
  let checkpoint: Checkpoint | null = null;
  const seen: string[] = [];
  return {
    seen,
    async drain(limit = 2) {
      for (;;) {
        const page = await pullChanges(db, collectionPolicies.groups, kindergartenId, checkpoint, limit);
        seen.push(...page.documents.map((d) => d.id));
        checkpoint = page.checkpoint;
        if (page.documents.length < limit) return;
      }
    },
  };
}

/** A naive puller, for contrast: "everything after the greatest <column> I have seen". */
export function naivePuller(db: Db, kindergartenId: string, column: 'change_seq' | 'updated_at') {
  const type = column === 'change_seq' ? 'bigint' : 'timestamptz';
  let last = column === 'change_seq' ? '0' : '-infinity';
  const seen: string[] = [];
  return {
    seen,
    async drain(limit = 2) {
      for (;;) {
        const rows = await db.query<{ id: string; position: string }>(
          `select id, ${column}::text as position from groups where kindergarten_id = $1 and ${column} > $2::${type}
            order by ${column} limit $3`,
          [kindergartenId, last, limit],
        );
        seen.push(...rows.map((r) => r.id));
        if (rows.length) last = rows.at(-1)!.position;
        if (rows.length < limit) return;
      }
    },
  };
}
