import { randomUUID } from 'node:crypto';
import type { Enrollment, Group, Publication, Referral, Seat, Departure } from '../../shared/domain/index.js';
import { cityDate } from '../../shared/calendar/index.js';
import { groupLoadOf, type GroupLoad, type PromiseKind } from '../../shared/rules/index.js';
import { cityDashboard } from '../../server/department/dashboard.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { loadGroupLoad } from '../../server/intake/group-load.js';
import { collectionPolicies } from '../../server/replication/collections.js';
import type { ReplicatedCollection } from '../../shared/replication/protocol.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

type Outcome = { status: string; rejection: { code: string; params: Record<string, unknown> } | null };

/**
 * Every seat state of the scenario — the seat's status (a claimed one's referral's after the slash),
 * an active referral past its deadline, a returned seat held or republished, a withdrawn publication —
 * each with the kind it counts as in its group's load (null: it does not count).
 */
const expectedKinds: Record<string, PromiseKind | null> = {
  open: 'published',
  'claimed/active': 'referral',
  'claimed/active overdue': 'referral',
  'claimed/active overdue withdrawn': null,
  'claimed/contracted': 'referral',
  'claimed/enrolled': null,
  'returned held': 'held',
  'returned republished': null,
  'returned withdrawn': null,
  'withdrawn withdrawn': null,
};

/** A load's promised seats counted by kind, or by available-from date and kind; only those available by `upTo` if given. */
const countsBy = (load: GroupLoad, key: 'kind' | 'date and kind', upTo?: string) => {
  const counts: Record<string, number> = {};
  for (const p of load.promised) {
    if (upTo && p.availableFrom > upTo) continue;
    const k = key === 'kind' ? (p.kind ?? '?') : `${p.availableFrom} ${p.kind ?? '?'}`;
    counts[k] = (counts[k] ?? 0) + (p.count ?? 1);
  }
  return counts;
};

/**
 * One "which seats count" definition (server/intake/counted-seats.ts): on a group holding a seat in
 * every state, the capacity rule's group load, the department dashboard's unclaimed seats and the
 * desk's and reports' load from the replicated documents (promisedSeatKind) count the same seats.
 */
describe.each(databaseKinds)('the seats that count in a group’s load, on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;
  let junior: string;

  const command = async (name: string, payload: Record<string, unknown>) => {
    const outcome = (await head.push([newCommand(name, payload)])).body[0] as unknown as Outcome;
    expect({ name, ...outcome }).toMatchObject({ name, status: 'applied' });
  };
  const at = (iso: string) => {
    server.clock.set(new Date(iso));
    parents.clear();
  };
  /** Each parent signs in once a day of the scenario (sign-ins from one address are limited). */
  const parents = new Map<string, ReturnType<typeof parentSignIn>>();
  const parent = (login: string) => {
    if (!parents.has(login)) parents.set(login, parentSignIn(server.url, login, 'secret-1'));
    return parents.get(login)!;
  };
  const refuse = async (login: string, referralId: string) =>
    expect(await (await parent(login)).refuse(referralId)).toMatchObject({ status: 200 });

  /** Publishes seats of the junior group, open to all at once, and signs `logins` in to claim one each. */
  async function publishAndClaim(seats: number, logins: string[], availableFrom = '2026-09-01') {
    const publicationId = await publishApprovedSeats(database.db, head, { groupId: junior, seats, availableFrom });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(server.clock.now().getTime() - 1),
    ]);
    const referrals: string[] = [];
    for (const login of logins) {
      const claim = await (await parent(login)).claim(publicationId);
      expect(claim.status).toBe(200);
      referrals.push(claim.body.referralId as string);
    }
    return { publicationId, referrals };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    head = apiClient(server.url, (await loginAs(server.url)).token);
    junior = await groupId(database.db, 'Колокольчик');
    for (const [i, login] of ['aru', 'bek', 'dias', 'ela', 'fox', 'gul', 'hana', 'ilya'].entries())
      await makeApplicant(database.db, {
        birthDate: '2024-01-15',
        appliedAt: `2024-0${i + 1}-01T00:00:00Z`,
        login,
        password: 'secret-1',
      });

    // July: seats published, a contract concluded, a child enrolled; a refusal returns its seat,
    // republished at once.
    at('2026-07-20T04:00:00Z');
    await publishAndClaim(2, [], '2026-07-20');
    await publishAndClaim(1, [], '2027-01-11');
    const contracted = await publishAndClaim(1, ['ela']);
    await command('referral.concludeContract', { referralId: contracted.referrals[0] });
    const enrolled = await publishAndClaim(1, ['fox'], '2026-07-20');
    await command('referral.concludeContract', { referralId: enrolled.referrals[0] });
    await command('referral.enroll', {
      referralId: enrolled.referrals[0],
      enrollmentDate: '2026-07-20',
      orderNumber: '51-к',
      orderDate: '2026-07-20',
    });
    const republished = await publishAndClaim(1, ['gul']);
    await refuse('gul', republished.referrals[0]!);

    // Thursday 30 July: claims whose deadline (five working days) ends on 6 August; two publications
    // withdrawn with a seat claimed.
    at('2026-07-30T04:00:00Z');
    const held = await publishAndClaim(1, ['aru']);
    await publishAndClaim(1, ['bek']);
    const withdrawn = await publishAndClaim(2, ['dias']);
    await command('publication.withdraw', { publicationId: withdrawn.publicationId });
    const returnedWithdrawn = await publishAndClaim(2, ['ilya']);
    await command('publication.withdraw', { publicationId: returnedWithdrawn.publicationId });
    const later = await publishAndClaim(1, []);

    // Monday 3 August, publishing paused: a refused seat is held, one of a withdrawn publication is
    // not; a claim whose deadline ends on 10 August.
    at('2026-08-03T04:00:00Z');
    await refuse('aru', held.referrals[0]!);
    await refuse('ilya', returnedWithdrawn.referrals[0]!);
    expect(await (await parent('hana')).claim(later.publicationId)).toMatchObject({ status: 200 });

    // Saturday 8 August: the claims of 30 July are past their deadline, no job or reader having run.
    at('2026-08-08T04:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('holds a seat in every state, and counts each as the rules say', async () => {
    const now = server.clock.now();
    const states = await database.db.query<{ state: string; count: number }>(
      `select concat_ws(' ', s.status || case when s.status = 'claimed' then '/' || r.status else '' end,
                        case when r.status = 'active' and r.contract_deadline < $2 then 'overdue' end,
                        case when s.status = 'returned' and s.republished_as is not null then 'republished'
                             when s.status = 'returned' and p.withdrawn_at is null then 'held' end,
                        case when p.withdrawn_at is not null then 'withdrawn' end) as state, count(*)::int as count
         from seats s join publications p on p.id = s.publication_id left join referrals r on r.id = s.referral_id
        where s.group_id = $1 and not s.deleted and p.previous_publication_id is null
        group by 1 order by 1`,
      [junior, now],
    );
    expect(states.map((s) => s.state).sort()).toEqual(Object.keys(expectedKinds).sort());

    const expected: Record<string, number> = {};
    for (const { state, count } of states) {
      const counted = expectedKinds[state];
      if (counted) expected[counted] = (expected[counted] ?? 0) + count;
    }
    // The republished seat's new seat (a republication, not listed above) is open: published.
    expected.published = (expected.published ?? 0) + 1;
    expect(countsBy(await loadGroupLoad(database.db, junior, now), 'kind')).toEqual(expected);
  });

  it('agrees between the group load, the department dashboard and the desk’s and reports’ replica', async () => {
    const now = server.clock.now();
    const today = cityDate(now);
    const groups = await database.db.query<{ id: string }>(
      'select id from groups where kindergarten_id = $1 and not deleted',
      [demoKindergarten.id],
    );
    // The documents as the replicas (and the department's reports) receive them, read without
    // catching up with time, as the group load and the dashboard are.
    const all = async <D>(name: ReplicatedCollection) => {
      const policy = collectionPolicies[name];
      const rows = await database.db.query<Record<string, unknown>>(
        `select ${policy.columns} from ${policy.table} where kindergarten_id = $1 and not deleted`,
        [demoKindergarten.id],
      );
      return rows.map((row) => policy.toDocument(row) as unknown as D);
    };
    const replica = {
      enrollments: await all<Enrollment>('enrollments'),
      seats: await all<Seat>('seats'),
      referrals: new Map((await all<Referral>('referrals')).map((r) => [r.id, r])),
      publications: await all<Publication>('publications'),
      departures: await all<Departure>('departures'),
    };
    expect((await all<Group>('groups')).map((g) => g.id).sort()).toEqual(groups.map((g) => g.id).sort());

    let unclaimed = 0;
    for (const group of groups) {
      const load = await loadGroupLoad(database.db, group.id, now);
      expect(countsBy(groupLoadOf(group.id, replica, now), 'date and kind')).toEqual(countsBy(load, 'date and kind'));
      unclaimed += countsBy(load, 'kind', today).published ?? 0;
    }
    const board = await cityDashboard(
      database.db,
      { sessionId: randomUUID(), accountId: randomUUID(), cityId: 'petropavl', role: 'specialist' },
      now,
    );
    const mine = board.kindergartens.find((k) => k.id === demoKindergarten.id)!;
    expect(unclaimed).toBeGreaterThan(0);
    expect(mine.unclaimedSeats).toBe(unclaimed);
  });
});
