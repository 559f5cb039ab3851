import { randomUUID } from 'node:crypto';
import { generateCity, deviceToken, kindergartenId } from '../../bench/support/big-city-generate.js';
import { seedDemo } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { birthYearFor } from '../../shared/rules/index.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Monday 7 December 2026, 10:00 in Petropavlovsk. */
const NOW = new Date('2026-12-07T05:00:00Z');
const AVAILABLE_FROM = '2027-01-11';

/**
 * The big-city benchmark's generator (bench/support/big-city-generate.ts) at a tiny size: its
 * set-based rows are a valid city — counts as asked, every reference resolves, a generated head's
 * device token pulls its own kindergarten only, and a publish there decides whose turn it is.
 */
describe.each(databaseKinds)('the big-city generator on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const clock = { now: () => NOW };
    await seedDemo(database.db, clock);
    await installShippedData(database.db, clock);
    await generateCity(database.db, {
      kindergartens: 5,
      childrenPerGroup: 3,
      applicants: 60,
      stormParents: 0,
      devicesPerKindergarten: 2,
    });
    server = await startTestServer(database.db);
    server.clock.set(NOW);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('makes the rows asked for, every reference resolving', async () => {
    const [row] = await database.db.query<Record<string, number>>(
      `select (select count(*)::int from kindergartens where city_id = 'petropavl') as kindergartens,
              (select count(*)::int from groups) as groups,
              (select count(*)::int from enrollments e join groups g on g.id = e.group_id and g.kindergarten_id = e.kindergarten_id) as attending,
              (select count(*)::int from applicants) as applicants,
              (select count(*)::int from applicants a where exists (select 1 from unnest(a.choices) c
                 where not exists (select 1 from kindergartens k where k.id = c))) as bad_choices,
              (select count(*)::int from device_sessions s join staff st on st.id = s.staff_id
                 and st.kindergarten_id = s.kindergarten_id and st.role = 'head') as devices,
              (select count(distinct child_iin)::int from enrollments) as distinct_iins`,
    );
    // The demo kindergarten's 6 groups hold 3 each (60 % of capacity is more); 4 × 5 groups hold 3.
    expect(row).toEqual({
      kindergartens: 5,
      groups: 26,
      attending: 78,
      applicants: 60,
      bad_choices: 0,
      devices: 10,
      distinct_iins: 78,
    });
  });

  it('refuses a claim storm in a city too small for its 300 kindergartens, adding nothing', async () => {
    await expect(
      generateCity(database.db, {
        kindergartens: 5,
        childrenPerGroup: 1,
        applicants: 10,
        stormParents: 5,
        devicesPerKindergarten: 1,
      }),
    ).rejects.toThrow(/storm needs more than 898 kindergartens/);
    const [{ n } = { n: 0 }] = await database.db.query<{ n: number }>('select count(*)::int as n from applicants');
    expect(n).toBe(60);
  });

  it("gives a generated head's device its own kindergarten's documents only", async () => {
    const client = apiClient(server.url, deviceToken(3, 1));
    const groups = await client.pull('groups');
    expect(groups.status).toBe(200);
    const docs = groups.body.documents as unknown as Array<{ kindergartenId: string }>;
    expect(docs).toHaveLength(5);
    expect(new Set(docs.map((d) => d.kindergartenId))).toEqual(new Set([kindergartenId(3)]));
    const enrollments = await client.pull('enrollments');
    expect(enrollments.body.documents).toHaveLength(15);
  });

  it('lets a generated head publish, whose turn decided among the applicants who chose the kindergarten', async () => {
    const birthYear = birthYearFor('junior', AVAILABLE_FROM);
    const [group] = await database.db.query<{ id: string; language: string }>(
      `select id, language from groups where kindergarten_id = $1 and age_group = 'junior'`,
      [kindergartenId(3)],
    );
    expect(group!.language).toBe('ru');
    const [entry] = await database.db.query<{ id: string }>(
      `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
       values (gen_random_uuid(), $1, $2, $3, 'ru', 5, $4, 'approved', now()) returning id`,
      [kindergartenId(3), group!.id, birthYear, AVAILABLE_FROM],
    );
    const publicationId = randomUUID();
    const pushed = await apiClient(server.url, deviceToken(3, 0)).push([
      newCommand('publication.publish', {
        publicationId,
        groupId: group!.id,
        source: { kind: 'schedule_entry', id: entry!.id },
        birthYear,
        language: 'ru',
        seats: 5,
        availableFrom: AVAILABLE_FROM,
      }),
    ]);
    expect(pushed.body[0]).toMatchObject({ status: 'applied' });
    // Counted independently: Russian applicants of that birth year with kindergarten 3 among their choices.
    const eligible = await database.db.query<{ id: string }>(
      `select id from applicants where language = 'ru' and extract(year from birth_date) = $1 and $2::uuid = any (choices)`,
      [birthYear, kindergartenId(3)],
    );
    const turns = await database.db.query<{ applicant_id: string }>(
      'select applicant_id from publication_turns where publication_id = $1',
      [publicationId],
    );
    expect(eligible.length).toBeGreaterThan(0);
    expect(turns).toHaveLength(Math.min(5, eligible.length));
    expect(turns.every((t) => eligible.some((e) => e.id === t.applicant_id))).toBe(true);
  });
});
