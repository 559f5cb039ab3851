import { createHash } from 'node:crypto';
import { cityDate } from '../../shared/calendar/index.js';
import { isValidIin, parseIin } from '../../shared/domain/iin.js';
import {
  ageGroupFor,
  canClaim,
  checkEligibility,
  contractDeadline,
  defaultRegionalSettings,
  inPublicationPause,
  publicationPhase,
  whoseTurn,
  type Applicant,
} from '../../shared/rules/index.js';
import type { Clock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { openPostgres } from '../../server/db/postgres.js';
import { demoAccounts, demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { ruleContextForCity } from '../../server/intake/rule-context.js';
import { seedDemoCity, type DemoCityOptions, type DemoCitySummary } from '../../server/demo/seed-city.js';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.js';
import { startDemoServer } from '../support/demo-server.js';
import { parentSignIn } from '../support/parent-client.js';

/** Tuesday 24 November 2026, 10:00 in Petropavlovsk. */
const NOW = new Date('2026-11-24T05:00:00Z');
const fixedClock: Clock = { now: () => NOW };

interface ApplicantRow {
  id: string;
  iin: string;
  child_last_name: string;
  child_middle_name: string;
  birth_date: string;
  language: 'ru' | 'kk';
  priority: Applicant['priority'];
  applied_at: Date;
  choices: string[];
  login: string | null;
}

/** The sex a Russian-style patronymic (-вич / -вна) or a Kazakh -ұлы / -қызы surname says. */
function sexOfName(lastName: string, middleName: string): 'male' | 'female' | null {
  if (/(ич)$/.test(middleName) || (!middleName && lastName.endsWith('ұлы'))) return 'male';
  if (/(на)$/.test(middleName) || (!middleName && lastName.endsWith('қызы'))) return 'female';
  return null;
}

async function seeded(kind: DatabaseKind, seed = 7, size: DemoCityOptions['size'] = 'small') {
  const database = await openTestDatabase(kind);
  const started = Date.now();
  const summary = await seedDemoCity(database.db, fixedClock, { seed, size });
  return { database, summary: summary!, ms: Date.now() - started };
}

describe('the demo city, seeded small on PGlite', () => {
  let database: TestDatabase;
  let db: Db;
  let summary: DemoCitySummary;
  let applicants: ApplicantRow[];

  beforeAll(async () => {
    ({ database, summary } = await seeded('pglite'));
    db = database.db;
    applicants = await db.query<ApplicantRow>(
      `select id, iin, child_last_name, child_middle_name, birth_date::text as birth_date, language, priority, applied_at,
              choices::text[] as choices, login from applicants`,
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('makes the demo kindergarten, with its head and staff accounts, the first of several', async () => {
    expect(summary).toMatchObject({ kindergartens: 4, applicants: 240 });
    const [first] = await db.query<{ name_ru: string }>('select name_ru from kindergartens where id = $1', [
      demoKindergarten.id,
    ]);
    expect(first?.name_ru).toBe(demoKindergarten.nameRu);
    const logins = await db.query<{ login: string; kindergarten_id: string }>(
      'select login, kindergarten_id from staff order by login',
    );
    for (const account of demoAccounts) {
      expect(logins).toContainEqual({ login: account.login, kindergarten_id: demoKindergarten.id });
    }
    expect(logins.map((s) => s.login)).toEqual(expect.arrayContaining(['head-02', 'staff-02', 'head-04', 'staff-04']));
  });

  it('gives every child an IIN whose birth date, century and sex digit and check digit agree with the child', async () => {
    const enrolled = await db.query<{ iin: string; birth_date: string; name: string }>(
      'select child_iin as iin, child_birth_date::text as birth_date, child_full_name as name from enrollments',
    );
    const children = [
      ...applicants.map((a) => ({
        iin: a.iin,
        birthDate: a.birth_date,
        sex: sexOfName(a.child_last_name, a.child_middle_name),
      })),
      ...enrolled.map((e) => {
        const [last = '', , middle = ''] = e.name.split(' ');
        return { iin: e.iin, birthDate: e.birth_date, sex: sexOfName(last, middle) };
      }),
    ];
    expect(children.length).toBeGreaterThan(400);
    for (const child of children) {
      // Valid (check digit), born in the 2000s (century digit 5 or 6), of the child's birth date and sex.
      expect({
        valid: isValidIin(child.iin),
        century: child.iin[6] === '5' || child.iin[6] === '6',
        ...parseIin(child.iin),
      }).toEqual({
        valid: true,
        century: true,
        birthDate: child.birthDate,
        sex: child.sex,
      });
    }
    expect(new Set(children.map((c) => c.iin)).size).toBe(children.length);
  });

  it('targets the birth years the groups’ age groups take: schedule entries, publications, attending children', async () => {
    const entries = await db.query<{ birth_year: number; available_from: string; age_group: string; language: string }>(
      `select e.birth_year, e.available_from::text as available_from, g.age_group, g.language
         from schedule_entries e join groups g on g.id = e.group_id`,
    );
    expect(entries.length).toBe(summary.scheduleEntries);
    for (const e of entries) expect(ageGroupFor(e.birth_year, e.available_from)).toBe(e.age_group);
    const publications = await db.query<{ birth_year: number; available_from: string; age_group: string }>(
      `select p.birth_year, p.available_from::text as available_from, g.age_group
         from publications p join groups g on g.id = p.group_id`,
    );
    for (const p of publications) expect(ageGroupFor(p.birth_year, p.available_from)).toBe(p.age_group);
    const today = cityDate(NOW);
    const attending = await db.query<{ birth_date: string; enrolled_on: string; age_group: string }>(
      `select e.child_birth_date::text as birth_date, e.enrolled_on::text as enrolled_on, g.age_group
         from enrollments e join groups g on g.id = e.group_id`,
    );
    for (const child of attending) {
      expect(ageGroupFor(Number(child.birth_date.slice(0, 4)), today)).toBe(child.age_group);
      expect(child.enrolled_on <= today).toBe(true);
      expect(child.enrolled_on > child.birth_date).toBe(true);
    }
    // Every applicant is of an age some seat of the coming summer takes.
    for (const a of applicants) expect(ageGroupFor(Number(a.birth_date.slice(0, 4)), '2027-09-01')).not.toBeNull();
    expect(applicants.every((a) => a.applied_at < NOW && a.birth_date < today)).toBe(true);
  });

  it('has next summer’s schedule, some of it waiting for approval, and seats in their window and open to all now', async () => {
    const entries = await db.query<{ available_from: string; status: string }>(
      'select available_from::text as available_from, status from schedule_entries',
    );
    // Next summer: 1 June (summer intake starts), 1 July, 1 August and 1 September 2027.
    const summer = ['2027-06-01', '2027-07-01', '2027-08-01', '2027-09-01'];
    expect(entries.filter((e) => !summer.includes(e.available_from))).toEqual([]);
    expect(entries.some((e) => e.available_from === '2027-09-01')).toBe(true);
    expect(entries.filter((e) => e.status === 'submitted').length).toBeGreaterThan(0);
    const publications = await db.query<{
      kindergarten_id: string;
      published_at: Date;
      window_closes_at: Date;
      open: number;
    }>(
      `select p.kindergarten_id, p.published_at, p.window_closes_at,
              (select count(*)::int from seats s where s.publication_id = p.id and s.status = 'open') as open
         from publications p`,
    );
    const phase = (p: (typeof publications)[number]) =>
      publicationPhase({ publishedAt: p.published_at, windowClosesAt: p.window_closes_at, withdrawnAt: null }, NOW);
    for (const p of publications) {
      expect(p.published_at < NOW).toBe(true);
      expect(inPublicationPause(p.published_at, defaultRegionalSettings)).toBe(false);
    }
    const atFirst = publications.filter((p) => p.kindergarten_id === demoKindergarten.id && p.open > 0);
    expect(atFirst.map(phase)).toEqual(expect.arrayContaining(['queue_window', 'open_to_all']));
  });

  it('plays the weeks before by the rules: capacity, whose turn, claims, deadlines, one live referral per child', async () => {
    const { calendar, settings } = await ruleContextForCity(db, 'petropavl');
    const overCapacity = await db.query(
      `select g.id from groups g
        where g.capacity < (select count(*) from enrollments e where e.group_id = g.id and e.departed_on is null)
                         + (select count(*) from seats s where s.group_id = g.id and s.status in ('open', 'claimed'))`,
    );
    expect(overCapacity).toEqual([]);

    const referrals = await db.query<{
      applicant_id: string;
      publication_id: string;
      claimed_at: Date;
      claimed_in_phase: string;
      contract_deadline: Date;
      status: string;
      contract_concluded_at: Date | null;
      number: string;
    }>('select * from referrals order by claimed_at');
    expect(referrals.length).toBe(summary.referrals);
    expect(new Set(referrals.map((r) => r.applicant_id)).size).toBe(referrals.length);
    expect(referrals.map((r) => r.number)).toEqual(referrals.map((_, i) => `2026-${String(i + 1).padStart(6, '0')}`));

    const publications = await db.query<{
      id: string;
      kindergarten_id: string;
      birth_year: number;
      language: 'ru' | 'kk';
      available_from: string;
      published_at: Date;
      window_closes_at: Date;
      seats: number;
    }>(
      'select id, kindergarten_id, birth_year, language, available_from::text as available_from, published_at, window_closes_at, seats from publications',
    );
    const turns = await db.query<{ publication_id: string; applicant_id: string; position: number }>(
      'select * from publication_turns order by publication_id, position',
    );
    const asApplicant = (a: ApplicantRow, at: Date): Applicant => ({
      id: a.id,
      birthDate: a.birth_date,
      language: a.language,
      priority: a.priority,
      appliedAt: new Date(a.applied_at).toISOString(),
      choices: a.choices,
      blocked: false,
      hasActiveReferralOrEnrollment: referrals.some((r) => r.applicant_id === a.id && r.claimed_at < at),
    });
    for (const p of publications) {
      const target = {
        kindergartenId: p.kindergarten_id,
        birthYear: p.birth_year,
        language: p.language,
        availableFrom: p.available_from,
      };
      const eligible = applicants
        .filter((a) => a.applied_at <= p.published_at)
        .map((a) => asApplicant(a, p.published_at))
        .filter((a) => checkEligibility(a, target, settings).ok);
      const expected = whoseTurn(eligible, p.seats, settings).map((a) => a.id);
      expect(turns.filter((t) => t.publication_id === p.id).map((t) => t.applicant_id)).toEqual(expected);
    }
    for (const r of referrals) {
      const p = publications.find((x) => x.id === r.publication_id)!;
      const a = applicants.find((x) => x.id === r.applicant_id)!;
      const phase = publicationPhase(
        { publishedAt: p.published_at, windowClosesAt: p.window_closes_at, withdrawnAt: null },
        r.claimed_at,
      );
      const verdict = canClaim({
        phase,
        applicantInWindowList: turns.some((t) => t.publication_id === p.id && t.applicant_id === a.id),
        eligible: checkEligibility(
          asApplicant(a, r.claimed_at),
          {
            kindergartenId: p.kindergarten_id,
            birthYear: p.birth_year,
            language: p.language,
            availableFrom: p.available_from,
          },
          settings,
        ),
        seatsLeft: 1,
      });
      expect({ number: r.number, verdict }).toEqual({ number: r.number, verdict: { ok: true } });
      expect(r.claimed_in_phase).toBe(phase);
      expect(new Date(r.contract_deadline)).toEqual(contractDeadline(r.claimed_at, settings, calendar));
      // Nothing is overdue at seeding: an active referral's deadline is ahead, a contract was concluded in time.
      if (r.status === 'active') expect(r.contract_deadline > NOW).toBe(true);
      else expect(r.contract_concluded_at! <= r.contract_deadline && r.contract_concluded_at! < NOW).toBe(true);
    }
  });

  it('gives the first parent logins to those who may claim a seat now, and lets them in through the parent API', async () => {
    expect(applicants.every((a) => a.login && /^p\d{4}$/.test(a.login))).toBe(true);
    const server = await startDemoServer(db);
    server.clock.set(NOW);
    try {
      const parent = await parentSignIn(server.url, 'p0001', 'demo-parent');
      const offers = (await parent.offers()).body.offers as Array<{
        kindergarten: { id: string };
        canClaim: boolean;
        inYourTurn: boolean;
      }>;
      expect(offers).toContainEqual(
        expect.objectContaining({
          kindergarten: expect.objectContaining({ id: demoKindergarten.id }),
          canClaim: true,
          inYourTurn: true,
        }),
      );
    } finally {
      await server.close();
    }
  });

  it('seeds only an empty database', async () => {
    expect(await seedDemoCity(db, fixedClock, { seed: 7, size: 'small' })).toBeNull();
    const other = await openTestDatabase('pglite');
    try {
      await seedDemo(other.db, fixedClock);
      expect(await seedDemoCity(other.db, fixedClock, { size: 'small' })).toBeNull();
      const [count] = await other.db.query<{ n: number }>('select count(*)::int as n from kindergartens');
      expect(count?.n).toBe(1);
    } finally {
      await other.drop();
    }
  });
});

/** A digest of every row of every table, without what belongs to the run rather than to the data. */
async function digest(db: Db): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by table_name`,
  );
  // Salted password hashes, the replication stamps of the transaction, and when the migrations ran.
  const ofTheRun = new Set([
    'password_hash',
    'change_txid',
    'change_seq',
    'created_at:cities',
    'updated_at:demo_clock',
  ]);
  const hash = createHash('sha256');
  for (const { table_name: table } of tables) {
    const rows = await db.query<Record<string, unknown>>(`select * from ${table}`);
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row).filter(([column]) => !ofTheRun.has(column) && !ofTheRun.has(`${column}:${table}`)),
          (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
        ),
      )
      .sort();
    hash.update(`${table}:${rows.length}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

describe('the demo city from a seed value', () => {
  it('is the same city, row for row, from the same seed and clock, and another city from another seed', async () => {
    const tiny = { kindergartens: 3, applicants: 120 };
    const runs = await Promise.all([
      seeded('pglite', 42, tiny),
      seeded('pglite', 42, tiny),
      seeded('pglite', 43, tiny),
    ]);
    try {
      const [a, b, c] = await Promise.all(runs.map((r) => digest(r.database.db)));
      expect(a).toBe(b);
      expect(c).not.toBe(a);
    } finally {
      await Promise.all(runs.map((r) => r.database.drop()));
    }
  });

  it('seeds the full city — 30 kindergartens, 3,000 applicants — in a few seconds on PGlite', async () => {
    const { database, summary, ms } = await seeded('pglite', 1, 'full');
    try {
      expect(summary).toMatchObject({ kindergartens: 30, applicants: 3000 });
      expect(summary.publications).toBeGreaterThan(60);
      expect(summary.referrals).toBeGreaterThan(100);
      console.log(`full demo city seeded in ${ms} ms:`, summary);
      expect(ms).toBeLessThan(10_000);
    } finally {
      await database.drop();
    }
  });
});

describe('the demo city on PostgreSQL', () => {
  it('seeds the same way (bulk inserts, arrays, the referral number sequence)', async () => {
    const { database, summary } = await seeded('postgres');
    try {
      expect(summary).toMatchObject({ kindergartens: 4, applicants: 240 });
      const [row] = await database.db.query<{ n: number; choices: number }>(
        'select count(*)::int as n, min(cardinality(choices))::int as choices from applicants',
      );
      expect(row?.n).toBe(240);
      expect(row?.choices).toBeGreaterThanOrEqual(1);
    } finally {
      await database.drop();
    }
  });

  it('is seeded once when two server processes start together on an empty database', async () => {
    const database = await openTestDatabase('postgres');
    const pools = await Promise.all([openPostgres(database.url!, 2), openPostgres(database.url!, 2)]);
    try {
      const results = await Promise.all(
        pools.map((pool) => seedDemoCity(pool, fixedClock, { seed: 2, size: 'small' })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const [row] = await database.db.query<{ n: number }>('select count(*)::int as n from kindergartens');
      expect(row?.n).toBe(4);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
      await database.drop();
    }
  });
});
