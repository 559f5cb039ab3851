import { hashPassword } from '../../server/auth/password.js';
import type { Db } from '../../server/db/db.js';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { birthYearFor } from '../../shared/rules/index.js';

/**
 * A city of the demo database grown to any size in a handful of set-based statements
 * (generate_series), not the demo seed's row-by-row inserts. Kindergarten 0 is the demo
 * kindergarten with its six groups; kindergartens 1 … n−1 are made here, each with a head, five
 * groups (early … preschool, Russian or Kazakh) of capacity 30 and `childrenPerGroup` attending
 * children. The demo kindergarten's groups are filled to 60 % of their capacity, so seats can
 * still be published there.
 *
 * Applicants, in queue order by applied_at: the first `stormParents` are born in 2023, Russian,
 * with storm kindergarten `i mod 300` first (`stormKindergartenIndex`); the others are born
 * 2021–2025 (one year in five each), two in three Russian, with three choices spread over every
 * kindergarten. Each applicant's IIN is its number padded to 12 digits; storm parents hold a live
 * parent session whose bearer token is `bench-<iin>`.
 *
 * Each kindergarten's head has `devicesPerKindergarten` live device sessions; the bearer token of
 * device d of kindergarten k is `bench-device-<k>-<d>` (`deviceToken`). One department specialist
 * of the city has a live session with the bearer token `bench-department`.
 */
export interface CitySize {
  kindergartens: number;
  childrenPerGroup: number;
  applicants: number;
  stormParents: number;
  devicesPerKindergarten: number;
}

export const STORM_KINDERGARTENS = 300;
export const DEPARTMENT_TOKEN = 'bench-department';

/** The id of kindergarten `k` (0 is the demo kindergarten). */
export function kindergartenId(k: number): string {
  return k === 0 ? demoKindergarten.id : `0b1c0000-0000-7000-8000-${k.toString(16).padStart(12, '0')}`;
}

/** The index of the kindergarten whose publication storm parent `j` (0-based) claims. */
export function stormKindergartenIndex(j: number): number {
  return 1 + (j % STORM_KINDERGARTENS) * 3;
}

export function deviceToken(k: number, d: number): string {
  return `bench-device-${k}-${d}`;
}

export function parentToken(applicantNumber: number): string {
  return `bench-${String(applicantNumber).padStart(12, '0')}`;
}

/** base64url(sha256(token)) in SQL: server/auth/sessions.ts `hashToken`, as the server stores it. */
const tokenHash = (expression: string) =>
  `translate(rtrim(encode(sha256(convert_to(${expression}, 'UTF8')), 'base64'), '='), '+/', '-_')`;

const AGE_GROUPS = ['early', 'junior', 'middle', 'senior', 'preschool'] as const;

/** Row counts of the city after generation. */
export interface CityCounts {
  kindergartens: number;
  groups: number;
  applicants: number;
  attending: number;
  deviceSessions: number;
  parentSessions: number;
}

export async function generateCity(db: Db, size: CitySize): Promise<CityCounts> {
  if (size.stormParents > size.applicants) throw new Error('more storm parents than applicants');
  if (size.stormParents > 0 && size.kindergartens <= stormKindergartenIndex(STORM_KINDERGARTENS - 1))
    throw new Error(`a storm needs more than ${stormKindergartenIndex(STORM_KINDERGARTENS - 1)} kindergartens`);
  const passwordHash = await hashPassword('bench-head-password');
  // Birth years of the children attending each age group this intake year (2026/27).
  const birthYears = AGE_GROUPS.map((g) => birthYearFor(g, '2026-09-01'));
  const kgId = (k: string) =>
    `(case when ${k} = 0 then '${demoKindergarten.id}'::uuid else ('0b1c0000-0000-7000-8000-' || lpad(to_hex(${k}), 12, '0'))::uuid end)`;
  const K = size.kindergartens;
  await db.transaction(async (tx) => {
    // Bulk rows are valid by construction: no per-row triggers (change stamps come from the
    // columns' defaults, the NOTIFYs would wake no one) and no per-row foreign-key checks.
    await tx.query(`set local session_replication_role = replica`);
    await tx.query(
      `insert into kindergartens (id, name_ru, name_kk, city, city_id, address, created_at, updated_at)
       select ${kgId('k')}, 'Ясли-сад № ' || (k + 1), '№ ' || (k + 1) || ' бөбекжай-бақшасы', 'Петропавловск', 'petropavl',
              'ул. Бенчмарка, ' || k, now(), now()
         from generate_series(1, $1::int - 1) as k`,
      [K],
    );
    await tx.query(
      `insert into staff (id, kindergarten_id, login, full_name, role, password_hash, created_at)
       select ('0b1c0001-0000-7000-8000-' || lpad(to_hex(k), 12, '0'))::uuid, ${kgId('k')}, 'bench-head-' || k,
              'Заведующая ' || k, 'head', $2, now()
         from generate_series(1, $1::int - 1) as k`,
      [K, passwordHash],
    );
    await tx.query(
      `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
       select ('0b1c0002-0000-7000-8000-' || lpad(to_hex(k * 8 + g), 12, '0'))::uuid, ${kgId('k')}, 'Группа ' || (g + 1),
              ($2::text[])[g + 1], case when (k + g) % 3 = 0 then 'kk' else 'ru' end, 30, now()
         from generate_series(1, $1::int - 1) as k, generate_series(0, 4) as g`,
      [K, AGE_GROUPS],
    );
    // Attending children: childrenPerGroup in every generated group, 60 % of capacity in the demo's.
    await tx.query(
      `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin,
              representative_full_name, enrolled_on, order_number, order_date, updated_at)
       select gen_random_uuid(), g.kindergarten_id, g.id, 'Бенчев' || n || ' Әлия',
              make_date(($2::int[])[array_position($3::text[], g.age_group)], 1, 1) + (n * 37 % 360),
              lpad((g.rn * 100 + n)::text, 12, '0'), 'Бенчева Гүлнара', date '2026-09-01', 'Б-' || g.rn, date '2026-09-01', now()
         from (select id, kindergarten_id, age_group, capacity, row_number() over (order by id) as rn from groups) g,
              generate_series(1, $1::int) as n
        where n <= case when g.kindergarten_id = '${demoKindergarten.id}' then floor(g.capacity * 0.6) else $1::int end`,
      [size.childrenPerGroup, birthYears, AGE_GROUPS],
    );
    await tx.query(
      `insert into applicants (id, city_id, iin, child_last_name, child_first_name, birth_date, language, priority, applied_at,
              choices, representative_full_name, created_at, updated_at)
       select gen_random_uuid(), 'petropavl', lpad(i::text, 12, '0'), 'Очередев' || i, 'Ребёнок',
              make_date(case when i <= $2 then 2023 else 2021 + i % 5 end, 1, 1) + (i * 37 % 360),
              case when i <= $2 or (i / 5) % 3 <> 2 then 'ru' else 'kk' end,
              case when i % 100 = 0 then 'out_of_turn' when i % 20 = 0 then 'first' else 'general' end,
              timestamptz '2022-01-01' + i * interval '9 minutes',
              array[${kgId('c.c1')}, ${kgId('c.c2')}, ${kgId('c.c3')}],
              'Родитель ' || i, now(), now()
         from generate_series(1, $1::int) as i,
              lateral (select case when i <= $2 then 1 + ((i - 1) % ${STORM_KINDERGARTENS}) * 3 else (i / 15) % $3 end as c1,
                              (i / 15 + 333) % $3 as c2, (i / 15 + 667) % $3 as c3) as c`,
      [size.applicants, size.stormParents, K],
    );
    await tx.query(
      `insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at)
       select gen_random_uuid(), ${tokenHash(`'bench-' || a.iin`)}, a.id, now(), now() + interval '1 day'
         from applicants a where a.iin <= lpad($1::text, 12, '0') and a.child_last_name like 'Очередев%'`,
      [size.stormParents],
    );
    await tx.query(
      `insert into device_sessions (id, token_hash, staff_id, kindergarten_id, device_id, device_name, created_at, expires_at, last_seen_at)
       select gen_random_uuid(), ${tokenHash(`'bench-device-' || k || '-' || d`)},
              case when k = 0 then '${demoAccounts[0].id}'::uuid else ('0b1c0001-0000-7000-8000-' || lpad(to_hex(k), 12, '0'))::uuid end,
              ${kgId('k')}, 'bench-' || k || '-' || d, 'Бенч', now(), now() + interval '1 day', now()
         from generate_series(0, $1::int - 1) as k, generate_series(0, $2::int - 1) as d`,
      [K, size.devicesPerKindergarten],
    );
    await tx.query(
      `insert into department_accounts (id, city_id, login, full_name, role, password_hash, created_at)
       values ('0b1c0003-0000-7000-8000-000000000001', 'petropavl', 'bench-department', 'Специалист Бенч', 'specialist', $1, now())`,
      [passwordHash],
    );
    await tx.query(
      `insert into department_sessions (id, token_hash, account_id, city_id, created_at, expires_at)
       values (gen_random_uuid(), ${tokenHash(`'${DEPARTMENT_TOKEN}'`)}, '0b1c0003-0000-7000-8000-000000000001', 'petropavl',
               now(), now() + interval '1 day')`,
    );
  });
  await db.query('analyze');
  return counts(db);
}

export async function counts(db: Db): Promise<CityCounts> {
  const [row] = await db.query<CityCounts>(
    `select (select count(*)::int from kindergartens) as kindergartens, (select count(*)::int from groups) as groups,
            (select count(*)::int from applicants) as applicants,
            (select count(*)::int from enrollments where departed_on is null) as attending,
            (select count(*)::int from device_sessions) as "deviceSessions",
            (select count(*)::int from parent_sessions) as "parentSessions"`,
  );
  return row!;
}
