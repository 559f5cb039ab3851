import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Departure, Enrollment, Group, Publication, Referral, Seat } from '../../shared/domain/index.js';
import { checkCapacity, groupLoadOf, peakOccupancy } from '../../shared/rules/index.js';
import { cityDate } from '../../shared/calendar/index.js';
import { plusDays } from '../../shared/calendar/dates.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeApplicant, makeApprovedEntry } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { replicationClient } from '../support/replication-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

type Outcome = { status: string; rejection: { code: string; params: Record<string, unknown> } | null };

/** A day from 1 September 2026 to 29 May 2027 (2024-born children are junior on all of them). */
const intakeDay = fc.integer({ min: 0, max: 270 }).map((n) => plusDays('2026-09-01', n));
const stayDay = fc.integer({ min: 0, max: 729 }).map((n) => plusDays('2025-09-01', n));

/** One random history of a group: children, publications, claims, refusals, withdrawals, time passing. */
const history = fc.record({
  capacity: fc.integer({ min: 1, max: 5 }),
  stays: fc.array(
    fc.record({ enrolledOn: stayDay, stayDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }) }),
    {
      maxLength: 5,
    },
  ),
  publications: fc.array(
    fc.record({
      seats: fc.integer({ min: 1, max: 2 }),
      availableFrom: intakeDay,
      claims: fc.integer({ min: 0, max: 2 }),
      refuse: fc.boolean(),
      withdraw: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  /** Days the clock moves on before the last publish, with no job run (deadlines pass unexpired). */
  laterDays: fc.constantFrom(0, 10, 10),
  last: fc.record({ seats: fc.integer({ min: 1, max: 3 }), availableFrom: intakeDay }),
});

/**
 * The desk's unit calendar and the server's enforcement count through one function: for random
 * histories of a group, built through the server's own commands, the load the desk computes from
 * its replicated documents (groupLoadOf, as the desk's group-seats does) with the shared rule refuses a publication
 * exactly when the server refuses it for capacity, naming the same date and occupancy.
 */
describe.each(databaseKinds)('the shared capacity-by-date function and the server on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let serial = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const replica = async () => {
    const client = replicationClient(server.url, token);
    const all = async <T>(name: string) =>
      (await client.pullAll(name)).documents.filter((d) => !d._deleted) as unknown as T[];
    return {
      groups: await all<Group>('groups'),
      enrollments: await all<Enrollment>('enrollments'),
      seats: await all<Seat>('seats'),
      referrals: new Map((await all<Referral>('referrals')).map((r) => [r.id, r])),
      publications: await all<Publication>('publications'),
      departures: await all<Departure>('departures'),
    };
  };

  it('refuses a publication for capacity exactly when the desk’s load says it would exceed it', async () => {
    const head = apiClient(server.url, token);
    const command = async (name: string, payload: Record<string, unknown>) =>
      (await head.push([newCommand(name, payload)])).body[0] as unknown as Outcome;
    let compared = 0;
    let refused = 0;

    /** Publishes through the server and checks its verdict against the desk's computation first. */
    const publish = async (group: string, seats: number, availableFrom: string) => {
      const docs = await replica();
      const now = server.clock.now();
      const load = groupLoadOf(group, docs, now);
      const capacity = docs.groups.find((g) => g.id === group)!.capacity;
      const withNew = { ...load, promised: [...load.promised, { availableFrom, count: seats }] };
      const expected = checkCapacity(capacity, cityDate(now), withNew);
      const entry = await makeApprovedEntry(database.db, { groupId: group, birthYear: 2024, seats, availableFrom });
      const publicationId = randomUUID();
      const outcome = await command('publication.publish', {
        publicationId,
        groupId: group,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2024,
        language: 'ru',
        seats,
        availableFrom,
      });
      compared += 1;
      if (expected.ok) {
        if (outcome.status !== 'applied') throw new Error(JSON.stringify({ outcome, withNew, capacity, now }));
      } else {
        refused += 1;
        const peak = peakOccupancy(cityDate(now), withNew);
        expect(outcome.rejection).toEqual({
          code: 'over_capacity',
          params: { date: peak.date, capacity, occupancy: peak.occupancy },
        });
      }
      return expected.ok ? publicationId : null;
    };

    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        server.clock.set(new Date('2026-06-01T05:00:00Z'));
        const group = randomUUID();
        await database.db.query(
          `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
           values ($1, $2, $3, 'junior', 'ru', $4, now())`,
          [group, demoKindergarten.id, `Тест-${++serial}`, h.capacity],
        );
        for (const stay of h.stays) {
          await database.db.query(
            `insert into enrollments (id, kindergarten_id, group_id, child_full_name, child_birth_date, child_iin, enrolled_on,
               departed_on, order_number, order_date, updated_at)
             values ($1, $2, $3, 'Посещающий Ребёнок', '2022-03-03', $4, $5, $6, '1-к', $5, now())`,
            [
              randomUUID(),
              demoKindergarten.id,
              group,
              `22030300${String(serial).padStart(2, '0')}${String(h.stays.indexOf(stay)).padStart(2, '0')}`.slice(
                0,
                12,
              ),
              stay.enrolledOn,
              stay.stayDays === null ? null : plusDays(stay.enrolledOn, stay.stayDays),
            ],
          );
        }
        for (const p of h.publications) {
          const publicationId = await publish(group, p.seats, p.availableFrom);
          if (!publicationId) continue;
          await database.db.query('update publications set window_closes_at = $2 where id = $1', [
            publicationId,
            new Date(server.clock.now().getTime() - 1),
          ]);
          for (let c = 0; c < Math.min(p.claims, p.seats); c++) {
            const login = `cap-${kind}-${serial}-${c}-${randomUUID().slice(0, 6)}`;
            await makeApplicant(database.db, {
              birthDate: '2024-01-15',
              appliedAt: '2023-01-01T00:00:00Z',
              login,
              password: 'secret-1',
            });
            const parent = await parentSignIn(server.url, login, 'secret-1');
            const claim = await parent.claim(publicationId);
            const referralId = claim.body.referralId as string | undefined;
            if (referralId && p.refuse && c === 0) await parent.refuse(referralId);
          }
          if (p.withdraw) await command('publication.withdraw', { publicationId });
        }
        if (h.laterDays) server.clock.set(new Date(server.clock.now().getTime() + h.laterDays * 86_400_000));
        await publish(group, h.last.seats, h.last.availableFrom);
      }),
      { numRuns: 12, seed: 2107 },
    );
    expect(compared).toBeGreaterThan(6);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(compared);
  }, 240_000);
});
