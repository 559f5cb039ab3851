import type { Db } from '../../server/db/db.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';

export interface ClaimCity {
  /** Parent bearer tokens, one per applicant, in applicant order. */
  tokens: string[];
  publicationIds: string[];
}

/**
 * A city ready for a claim benchmark, made in a few SQL statements: `claimants` applicants born in
 * 2024 who chose the demo kindergarten, each with a live parent session whose token is
 * `bench-<i>`, and `publications` junior-group publications of `seats` seats each, open to all.
 */
export async function prepareClaimCity(
  db: Db,
  options: { claimants: number; publications: number; seats: number },
): Promise<ClaimCity> {
  const [group] = await db.query<{ id: string }>(
    `select id from groups where kindergarten_id = $1 and age_group = 'junior' and language = 'ru' limit 1`,
    [demoKindergarten.id],
  );
  await db.exec(`
    insert into applicants (id, city_id, iin, child_last_name, child_first_name, birth_date, language, priority, applied_at, choices,
                            representative_full_name, created_at, updated_at)
    select gen_random_uuid(), 'petropavl', lpad(i::text, 12, '0'), 'Бенч' || i, 'Ребёнок', date '2024-02-02', 'ru', 'general',
           timestamptz '2024-04-01' + i * interval '1 minute', array['${demoKindergarten.id}'::uuid], 'Родитель', now(), now()
      from generate_series(1, ${options.claimants}) as i;
    insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at)
    select gen_random_uuid(), translate(rtrim(encode(sha256(convert_to('bench-' || a.iin, 'UTF8')), 'base64'), '='), '+/', '-_'),
           a.id, now(), now() + interval '1 day'
      from applicants a where a.child_last_name like 'Бенч%';
  `);
  const publicationIds: string[] = [];
  for (let p = 0; p < options.publications; p++) {
    const [entry] = await db.query<{ id: string }>(
      `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
       values (gen_random_uuid(), $1, $2, 2024, 'ru', $3, '2026-09-01', 'approved', now()) returning id`,
      [demoKindergarten.id, group!.id, Math.min(60, options.seats)],
    );
    const [publication] = await db.query<{ id: string }>(
      `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, birth_year, language, seats, available_from, published_at, window_closes_at, updated_at)
       values (gen_random_uuid(), $1, $2, $3, 2024, 'ru', $4, '2026-09-01', now() - interval '1 day', null, now()) returning id`,
      [demoKindergarten.id, group!.id, entry!.id, Math.min(60, options.seats)],
    );
    await db.query(
      `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
       select gen_random_uuid(), $1, $2, $3, '2026-09-01', 'open', now() from generate_series(1, $4)`,
      [publication!.id, demoKindergarten.id, group!.id, options.seats],
    );
    publicationIds.push(publication!.id);
  }
  const tokens = await db.query<{ iin: string }>(
    `select iin from applicants where child_last_name like 'Бенч%' order by iin`,
  );
  return { tokens: tokens.map((t) => `bench-${t.iin}`), publicationIds };
}

/** Runs `tasks` with at most `concurrency` in flight (HTTP connections), returning their results. */
export async function pooled<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
