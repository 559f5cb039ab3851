import type { AgeGroup, Language } from '../../shared/domain/index.js';
import { hashPassword } from '../auth/password.js';
import type { Clock } from '../clock.js';
import { ADVISORY_LOCKS } from '../db/advisory-locks.js';
import type { Db } from '../db/db.js';

/** The demo kindergarten and its accounts; issue #8 grows this into a demo city. */
export const demoKindergarten = {
  id: '0191d2a0-0000-7000-8000-000000000001',
  nameRu: 'Ясли-сад № 1 «Балапан»',
  nameKk: '№ 1 «Балапан» бөбекжай-бақшасы',
  city: 'Петропавловск',
  address: 'ул. Конституции Казахстана, 1',
};

export const demoAccounts = [
  {
    id: '0191d2a0-0000-7000-8000-0000000000a1',
    login: 'head',
    password: 'balapan-head',
    fullName: 'Ахметова Гульнара Сериковна',
    // Empty: documents print the head's title in their own language (Заведующая / Меңгеруші).
    position: '',
    role: 'head',
  },
  {
    id: '0191d2a0-0000-7000-8000-0000000000a2',
    login: 'staff',
    password: 'balapan-staff',
    fullName: 'Иванова Ольга Петровна',
    position: 'Методист',
    role: 'staff',
  },
] as const;

const demoGroups: Array<{ name: string; ageGroup: AgeGroup; language: Language; capacity: number }> = [
  { name: 'Солнышко', ageGroup: 'early', language: 'ru', capacity: 15 },
  { name: 'Балдырған', ageGroup: 'junior', language: 'kk', capacity: 20 },
  { name: 'Колокольчик', ageGroup: 'junior', language: 'ru', capacity: 20 },
  { name: 'Ақбота', ageGroup: 'middle', language: 'kk', capacity: 25 },
  { name: 'Радуга', ageGroup: 'senior', language: 'ru', capacity: 25 },
  { name: 'Жұлдыз', ageGroup: 'preschool', language: 'kk', capacity: 25 },
];

/** The advisory lock that makes seeding one process's job when several start on an empty database. */
const SEED_LOCK = ADVISORY_LOCKS.seed;

/**
 * Seeds the demo kindergarten when the database has none. Returns whether it seeded. Server
 * processes starting together on an empty database take turns (advisory lock): one seeds, the
 * others find it done.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<boolean> {
  const existing = await db.query('select 1 from kindergartens limit 1');
  if (existing.length) return false;
  const now = clock.now();
  const hashes = await Promise.all(demoAccounts.map((a) => hashPassword(a.password)));
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await tx.query('select 1 from kindergartens limit 1')).length) return false;
    const k = demoKindergarten;
    await tx.query(
      `insert into kindergartens (id, name_ru, name_kk, city, city_id, address, created_at, updated_at)
       values ($1, $2, $3, $4, 'petropavl', $5, $6, $6)`,
      [k.id, k.nameRu, k.nameKk, k.city, k.address, now],
    );
    for (const [i, a] of demoAccounts.entries()) {
      await tx.query(
        `insert into staff (id, kindergarten_id, login, full_name, position, role, password_hash, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.id, k.id, a.login, a.fullName, a.position, a.role, hashes[i], now],
      );
    }
    for (const [i, g] of demoGroups.entries()) {
      await tx.query(
        `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          `0191d2a0-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
          k.id,
          g.name,
          g.ageGroup,
          g.language,
          g.capacity,
          now,
        ],
      );
    }
    return true;
  });
}
