import type { AgeGroup, Language } from '../../shared/domain/index.js';
import { hashPassword } from '../auth/password.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { demoKindergarten, seedDemo } from './seed-kindergarten.js';
import { writeAudit } from '../audit/audit-log.js';
import { ruleContextForCity } from '../intake/rule-context.js';
import { installShippedData } from '../intake/shipped-data.js';
import { demoCitySizes, planCity, type DemoCitySize, type FirstKindergarten } from './city-plan.js';
import { DEMO_CITY_ID, writeApplicants, writeCity, writeTimeline } from './city-rows.js';
import { playTimeline } from './intake-timeline.js';
import { assignParentLogins, DEMO_PARENT_PASSWORD } from './parent-logins.js';
import { Random } from './prng.js';
import { withinTransaction } from './within-transaction.js';

export { DEMO_CITY_ID };

/** Passwords of the generated accounts (the demo kindergarten keeps seedDemo's head and staff accounts). */
export const demoPasswords = { head: 'demo-head', staff: 'demo-staff', parent: DEMO_PARENT_PASSWORD } as const;

export interface DemoCityOptions {
  /** The seed value: the same value (and clock) gives the same city, row for row. Default 1. */
  seed?: number;
  /** `full` (default), `small` (tests), or explicit counts. */
  size?: keyof typeof demoCitySizes | DemoCitySize;
}

export interface DemoCitySummary {
  seed: number;
  kindergartens: number;
  groups: number;
  staff: number;
  scheduleEntries: number;
  enrollments: number;
  applicants: number;
  publications: number;
  seats: number;
  referrals: number;
}

/**
 * Seeds the demo city when the database has no kindergarten yet, and returns what it made (null
 * when there was something already). The demo kindergarten of `seedDemo` (its id, groups and the
 * head / staff accounts) becomes the city's first kindergarten; seedDemo's guard — an advisory lock
 * and the empty check, taken inside this one transaction — makes seeding one process's job when
 * several start on an empty database, and the city all or nothing.
 */
export async function seedDemoCity(
  db: Db,
  clock: Clock,
  options: DemoCityOptions = {},
): Promise<DemoCitySummary | null> {
  if ((await db.query('select 1 from kindergartens limit 1')).length) return null;
  const seed = options.seed ?? 1;
  const size = typeof options.size === 'object' ? options.size : demoCitySizes[options.size ?? 'full'];
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error('the demo seed is an integer 0–4294967295');
  if (size.kindergartens < 1 || size.applicants < 1)
    throw new Error('the demo city needs a kindergarten and an applicant');
  const [headHash, staffHash, parentHash] = await Promise.all([
    hashPassword(demoPasswords.head),
    hashPassword(demoPasswords.staff),
    hashPassword(demoPasswords.parent),
  ]);
  return db.transaction(async (tx) => {
    if (!(await seedDemo(withinTransaction(tx, db.kind), clock))) return null;
    const now = clock.now();
    await installShippedData(tx, clock);
    const { calendar, settings } = await ruleContextForCity(tx, DEMO_CITY_ID);
    const random = new Random(seed);
    const plan = planCity({ random: random.fork('city'), size, now, first: await firstKindergarten(tx) });
    const timeline = playTimeline({ random: random.fork('timeline'), plan, calendar, settings });
    const logins = assignParentLogins(plan, timeline, settings);
    await writeCity(tx, plan, { head: headHash, staff: staffHash });
    await writeApplicants(tx, plan, logins, parentHash);
    await writeTimeline(tx, plan, timeline);
    await writeAudit(tx, {
      at: now,
      kindergartenId: null,
      staffId: null,
      action: 'demo.seed',
      objectType: 'city',
      objectId: DEMO_CITY_ID,
      details: { seed, size },
    });
    return {
      seed,
      kindergartens: plan.kindergartens.length,
      groups: plan.kindergartens.reduce((n, k) => n + k.groups.length, 0),
      staff: plan.staff.length + 2,
      scheduleEntries: plan.entries.length,
      enrollments: plan.enrollments.length,
      applicants: plan.applicants.length,
      publications: timeline.publications.length,
      seats: timeline.seats.length,
      referrals: timeline.referrals.length,
    };
  });
}

async function firstKindergarten(tx: Queryable): Promise<FirstKindergarten> {
  const k = demoKindergarten;
  const groups = await tx.query<{
    id: string;
    name: string;
    age_group: AgeGroup;
    language: Language;
    capacity: number;
  }>('select id, name, age_group, language, capacity from groups where kindergarten_id = $1 order by id', [k.id]);
  const [head] = await tx.query<{ id: string }>(
    `select id from staff where kindergarten_id = $1 and role = 'head' order by login limit 1`,
    [k.id],
  );
  return {
    id: k.id,
    nameRu: k.nameRu,
    nameKk: k.nameKk,
    address: k.address,
    headId: head?.id ?? '',
    groups: groups.map((g) => ({
      id: g.id,
      kindergartenId: k.id,
      name: g.name,
      ageGroup: g.age_group,
      language: g.language,
      capacity: g.capacity,
    })),
  };
}
