import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { loadMigrations } from '../../server/db/migrate.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import type { DepartmentReport } from '../../shared/department/reports.js';
import type { Referral } from '../../shared/domain/index.js';
import { apiClient } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeDepartmentAccount, signedInDepartment } from '../support/department-client.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

/** Wednesday 3 June 2026, 10:00 in Petropavlovsk. */
const NOW = new Date('2026-06-03T05:00:00.000Z');

/**
 * The applicant's category on the referral (migration 0015, issue #23): written by the claim as the
 * claim read it, carried by the pull, counted by the intake statistics; and the migration's
 * backfill, which gives the referrals made before it their category and a new change position.
 */
describe.each(databaseKinds)("the referral's applicant category on %s", (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;
  const referrals: Record<'first' | 'general', string> = { first: '', general: '' };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    server.clock.set(NOW);
    await installShippedData(database.db, server.clock);
    head = apiClient(server.url, (await loginAs(server.url)).token);
    for (const [i, priority] of (['first', 'general'] as const).entries()) {
      await makeApplicant(database.db, {
        birthDate: '2024-03-03',
        appliedAt: `2025-02-0${i + 1}T04:00:00Z`,
        priority,
        login: `cat-${priority}`,
        password: 'parent-pass-1',
      });
    }
    const bell = await groupId(database.db, 'Колокольчик');
    const publication = await publishApprovedSeats(database.db, head, { groupId: bell, seats: 2 });
    for (const priority of ['first', 'general'] as const) {
      const claim = await (await parentSignIn(server.url, `cat-${priority}`, 'parent-pass-1')).claim(publication);
      expect(claim.body).toMatchObject({ ok: true });
      referrals[priority] = String(claim.body.referralId);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('keeps the category the claim was made in, carries it in the pull, and the statistics count it', async () => {
    // The application's category changes after the claim: the referral keeps the claim's.
    await database.db.query(
      `update applicants set priority = 'general', updated_at = now() where id = (select applicant_id from referrals where id = $1)`,
      [referrals.first],
    );
    const pulled = await head.pull('referrals');
    expect(pulled.status).toBe(200);
    const byId = new Map((pulled.body.documents as unknown as Referral[]).map((d) => [d.id, d]));
    expect(byId.get(referrals.first)?.applicantPriority).toBe('first');
    expect(byId.get(referrals.general)?.applicantPriority).toBe('general');

    await makeDepartmentAccount(database.db, { login: 'category-counter', password: 'reports-password' });
    const specialist = await signedInDepartment(server.url, 'category-counter', 'reports-password');
    const res = await specialist.get(
      `/api/department/reports?${new URLSearchParams({ from: '2026-06-01', to: '2026-06-30', kindergartenId: demoKindergarten.id })}`,
    );
    expect(res.status).toBe(200);
    const { statistics } = res.body as DepartmentReport;
    expect(statistics.total.issued).toBe(2);
    expect(statistics.byPriority.first.issued).toBe(1);
    expect(statistics.byPriority.general.issued).toBe(1);
    expect(statistics.byPriority.out_of_turn.issued).toBe(0);
  });

  it('refuses a referral row without a category, or with one that is not a category', async () => {
    await expect(
      database.db.query('update referrals set applicant_priority = null where id = $1', [referrals.general]),
    ).rejects.toMatchObject({ code: '23502' });
    await expect(
      database.db.query(`update referrals set applicant_priority = 'vip' where id = $1`, [referrals.general]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('backfills the referrals made before migration 0015 from their applicants and sends them to the replicas again', async () => {
    const before = await database.db.query<{ id: string; rev: number; updated_at: Date }>(
      'select id, rev, updated_at from referrals order by id',
    );
    const { checkpoint } = (await head.pull('referrals', null, 1000)).body;
    expect(checkpoint).not.toBeNull();
    // The first claim's applicant is out of turn now: the backfill can only know the category as it is.
    await database.db.query(
      `update applicants set priority = 'out_of_turn', updated_at = now() where id = (select applicant_id from referrals where id = $1)`,
      [referrals.first],
    );
    // The schema as it was before 0015, then 0015 itself, as the server runs it.
    await database.db.query('alter table referrals drop column applicant_priority');
    const migration = (await loadMigrations()).find((m) => m.version === 15)!;
    expect(migration.name).toBe('referral_priority');
    await database.db.transaction((tx) => tx.exec(migration.sql));

    const after = await database.db.query<{ id: string; rev: number; updated_at: Date; matches: boolean }>(
      `select r.id, r.rev, r.updated_at, r.applicant_priority = a.priority as matches
         from referrals r join applicants a on a.id = r.applicant_id order by r.id`,
    );
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.every((r) => r.matches)).toBe(true);
    after.forEach((r, i) => {
      expect(r.rev).toBe(before[i]!.rev + 1);
      expect(r.updated_at.getTime()).toBe(before[i]!.updated_at.getTime());
    });
    // Past every replica's checkpoint: the next pull brings every referral again, with its category.
    const again = await head.pull('referrals', checkpoint, 1000);
    const documents = again.body.documents as unknown as Referral[];
    expect(documents.map((d) => d.id).sort()).toEqual(before.map((r) => r.id));
    const category = new Map(documents.map((d) => [d.id, d.applicantPriority]));
    expect([category.get(referrals.first), category.get(referrals.general)]).toEqual(['out_of_turn', 'general']);
  });
});
