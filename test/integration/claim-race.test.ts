import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../../server/auth/password.js';
import { hashToken } from '../../server/auth/sessions.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { claimSeat } from '../../server/intake/claims.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { systemClock } from '../../server/clock.js';
import { apiClient } from '../support/api-client.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, nextIin, publishApprovedSeats } from '../support/intake-fixtures.js';
import { spawnServerProcess, type ServerProcess } from '../support/server-process.js';
import { loginAs } from '../support/test-server.js';

const CLAIMANTS = 300;
const SEATS = 12;

/**
 * The thundering herd: seats open to all at one instant, and hundreds of parents claim at once
 * through two server processes on one real PostgreSQL. The database decides.
 */
describe('the claim race on real PostgreSQL with two server processes', () => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  const tokens: Array<{ applicantId: string; token: string }> = [];

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemo(database.db, systemClock);
    await installShippedData(database.db, systemClock);
    const hash = await hashPassword('not-used');
    const now = new Date();
    for (let i = 0; i < CLAIMANTS; i++) {
      const id = randomUUID();
      const token = randomBytes(24).toString('base64url');
      await database.db.query(
        `insert into applicants (id, city_id, iin, child_last_name, child_first_name, birth_date, language, priority, applied_at, choices,
           representative_full_name, password_hash, created_at, updated_at)
         values ($1, 'petropavl', $2, $3, 'Гонка', '2024-02-02', 'ru', 'general', $4, $5, 'Родитель', $6, $7, $7)`,
        [
          id,
          nextIin('2024-02-02'),
          `Ребёнок${i}`,
          new Date(Date.UTC(2024, 3, 1, 0, i)),
          [demoKindergarten.id],
          hash,
          now,
        ],
      );
      await database.db.query(
        `insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at) values ($1, $2, $3, $4, $5)`,
        [randomUUID(), hashToken(token), id, now, new Date(now.getTime() + 3600_000)],
      );
      tokens.push({ applicantId: id, token });
    }
    servers = await Promise.all([0, 1].map(() => spawnServerProcess({ DATABASE_URL: database.url! })));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it('gives every seat to at most one child and every child at most one referral, and explains every refusal', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const head = apiClient(a.url, (await loginAs(a.url)).token);
    const junior = await groupId(database.db, 'Колокольчик');
    const publicationId = await publishApprovedSeats(database.db, head, { groupId: junior, seats: SEATS });
    // The window ends in 1.5 s: every parent fires at the instant the seats open to all.
    const opensAt = Date.now() + 1500;
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(opensAt - 1),
    ]);
    const claim = (url: string, token: string) =>
      fetch(`${url}/api/parent/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ publicationId }),
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { ok?: boolean; rejection?: { code: string } },
      }));
    await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now())));
    // Every parent claims once through one process; one in ten clicks twice, through the other.
    const attempts = tokens.flatMap(({ token }, i) => [
      claim(i % 2 ? a.url : b.url, token),
      ...(i % 10 === 0 ? [claim(i % 2 ? b.url : a.url, token)] : []),
    ]);
    const results = await Promise.all(attempts);

    const granted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(granted).toHaveLength(SEATS);
    expect(
      refused.every(
        (r) =>
          r.status === 409 &&
          ['no_seats_left', 'already_has_referral', 'not_your_turn'].includes(r.body.rejection?.code ?? ''),
      ),
    ).toBe(true);

    const perSeat = await database.db.query<{ n: number }>(
      'select count(*)::int as n from referrals where publication_id = $1 group by seat_id',
      [publicationId],
    );
    expect(perSeat).toHaveLength(SEATS);
    expect(perSeat.every((r) => r.n === 1)).toBe(true);
    const perChild = await database.db.query<{ n: number }>(
      `select count(*)::int as n from referrals where status in ('active', 'contracted', 'enrolled') group by applicant_id having count(*) > 1`,
    );
    expect(perChild).toEqual([]);
    const open = await database.db.query(`select 1 from seats where publication_id = $1 and status = 'open'`, [
      publicationId,
    ]);
    expect(open).toEqual([]);
  }, 120_000);

  it('decides a claim again when the account changes between the decision and the write (blocked meanwhile: refused)', async () => {
    const head = apiClient(servers[0]!.url, (await loginAs(servers[0]!.url)).token);
    const junior = await groupId(database.db, 'Колокольчик');
    const publicationId = await publishApprovedSeats(database.db, head, { groupId: junior, seats: 2 });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(Date.now() - 1000),
    ]);
    const applicantId = await makeApplicant(database.db, {
      birthDate: '2024-02-02',
      appliedAt: '2024-04-01T00:00:00Z',
    });

    // The department blocks the account in a transaction that is still open when the claim reads.
    const blocker = new pg.Client({ connectionString: database.url! });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query(
        `update applicants set blocked_at = now(), blocked_reason = 'test', updated_at = now() where id = $1`,
        [applicantId],
      );
      const claim = claimSeat(database.db, systemClock, applicantId, publicationId);
      // The claim read the account as free and now waits on its row in the write.
      for (let waited = 0; ; waited += 20) {
        const [row] = await database.db.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (row!.n > 0) break;
        if (waited > 10_000) throw new Error('the claim never waited on the account row');
        await new Promise((r) => setTimeout(r, 20));
      }
      await blocker.query('commit');
      expect(await claim).toEqual({ ok: false, rejection: { code: 'account_blocked', params: {} } });
    } finally {
      await blocker.end();
    }
    const referrals = await database.db.query('select 1 from referrals where applicant_id = $1', [applicantId]);
    expect(referrals).toEqual([]);
    const open = await database.db.query<{ n: number }>(
      `select count(*)::int as n from seats where publication_id = $1 and status = 'open'`,
      [publicationId],
    );
    expect(open[0]!.n).toBe(2);
  });

  it('numbers referrals past 999,999 without cutting the number short', async () => {
    const head = apiClient(servers[0]!.url, (await loginAs(servers[0]!.url)).token);
    const junior = await groupId(database.db, 'Колокольчик');
    const publicationId = await publishApprovedSeats(database.db, head, { groupId: junior, seats: 1 });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(Date.now() - 1000),
    ]);
    await database.db.query(`select setval('referral_number_seq', 1234566)`);
    const applicantId = await makeApplicant(database.db, {
      birthDate: '2024-02-02',
      appliedAt: '2024-04-01T00:00:00Z',
    });
    const claim = await claimSeat(database.db, systemClock, applicantId, publicationId);
    expect(claim).toMatchObject({ ok: true, number: expect.stringMatching(/^\d{4}-1234567$/) });
  });
});
