import { catchUpTime, runTransitions } from '../../server/intake/scheduler.js';
import { changeSettings } from '../../server/intake/settings-changes.js';
import { defaultRegionalSettings, publicationPauseRelease } from '../../shared/rules/index.js';
import { apiClient } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer } from '../support/test-server.js';

/**
 * One catch-up after a long clock jump carries out what time decided in the order of its instants:
 * the same documents, windows and instants as catching up at each instant in turn (docs/rules.md,
 * "Every decision carries out what time decided before it").
 *
 * The situation: B (first priority) claims the only seat of publication F after its window and
 * refuses it in the August pause, so the seat is held until the pause ends (1 September, city
 * time); A claims the only seat of publication P late in August, its contract deadline early in
 * September. On 1 September A still holds a referral, so F's held seat goes to C; A's referral
 * expires days later and P's seat goes to B. Then the clock jumps past both instants.
 */
const at = (iso: string) => new Date(iso);

interface Built {
  database: TestDatabase;
  /** The instants time decides after the setup, in order. */
  instants: Date[];
  /** Applicant and publication ids by their letters, for a readable outcome. */
  names: Map<string, string>;
}

interface Options {
  /** A settings change stated ahead, effective between the held seat's release and A's expiry. */
  settingsChangeFrom?: 'between';
  /**
   * B's referral, instead of being refused, expires in the pause inside the jump too (contract
   * deadlines of 20 working days; A claims early in August): its seat is held by the pause only once
   * the catch-up has expired it.
   */
  heldBy?: 'expiry';
}

async function build(kind: DatabaseKind, options: Options): Promise<Built> {
  const database = await openTestDatabase(kind);
  const { db } = database;
  const server = await startTestServer(db);
  try {
    const names = new Map<string, string>();
    const applicant = async (name: string, appliedAt: string, priority: 'first' | 'general') => {
      const id = await makeApplicant(db, {
        birthDate: '2024-01-15',
        appliedAt,
        priority,
        login: `order-${name.toLowerCase()}`,
        password: 'secret-1',
      });
      names.set(id, name);
    };
    await applicant('B', '2024-02-01T00:00:00Z', 'first');
    await applicant('A', '2024-02-02T00:00:00Z', 'general');
    await applicant('C', '2024-02-03T00:00:00Z', 'general');
    const junior = await groupId(db, 'Колокольчик');
    const parent = (name: string) => parentSignIn(server.url, `order-${name.toLowerCase()}`, 'secret-1');
    const head = async () => apiClient(server.url, (await loginAs(server.url)).token);

    server.clock.set(at('2026-07-20T05:00:00Z'));
    if (options.heldBy === 'expiry') {
      const longer = { ...defaultRegionalSettings, contractDeadline: { length: 20, unit: 'working_days' as const } };
      await db.transaction((tx) => changeSettings(tx, 'petropavl', longer, server.clock.now(), server.clock.now()));
    }
    const f = await publishApprovedSeats(db, await head(), { groupId: junior, seats: 1 });
    names.set(f, 'F');

    // After F's window: B claims it, and P's window goes to A (B holds a referral now).
    server.clock.set(at('2026-07-31T05:00:00Z'));
    const claimB = await (await parent('B')).claim(f);
    expect(claimB.status).toBe(200);
    const p = await publishApprovedSeats(db, await head(), { groupId: junior, seats: 1 });
    names.set(p, 'P');

    const instants: Date[] = [];
    const release = publicationPauseRelease(at('2026-08-03T05:00:00Z'), defaultRegionalSettings)!;
    if (options.heldBy === 'expiry') {
      // Early in August: A claims P in its window; B's deadline passes in the pause, A's after it.
      server.clock.set(at('2026-08-04T05:00:00Z'));
      const claimA = await (await parent('A')).claim(p);
      expect(claimA.status).toBe(200);
      const deadlineB = at(claimB.body.contractDeadline as string);
      const deadlineA = at(claimA.body.contractDeadline as string);
      expect(deadlineB.getTime()).toBeLessThan(release.getTime());
      expect(release.getTime()).toBeLessThan(deadlineA.getTime());
      instants.push(new Date(deadlineB.getTime() + 1), release, new Date(deadlineA.getTime() + 1));
    } else {
      // In the pause: B refuses, F's seat is held until the pause ends.
      server.clock.set(at('2026-08-03T05:00:00Z'));
      const refused = await (await parent('B')).refuse(claimB.body.referralId as string);
      expect(refused.status).toBe(200);
      // Late in August: A claims P (open to all), its deadline in September.
      server.clock.set(at('2026-08-27T05:00:00Z'));
      const claimA = await (await parent('A')).claim(p);
      expect(claimA.status).toBe(200);
      const deadline = at(claimA.body.contractDeadline as string);
      expect(release.getTime()).toBeLessThan(deadline.getTime());
      instants.push(release, new Date(deadline.getTime() + 1));
    }

    if (options.settingsChangeFrom === 'between') {
      // Returned seats go straight to open to all from an instant between the two: the held seat's
      // republication (before it) keeps a window, the expired referral's (after it) has none.
      const from = new Date(release.getTime() + 24 * 3600 * 1000);
      await db.transaction((tx) =>
        changeSettings(
          tx,
          'petropavl',
          { ...defaultRegionalSettings, returnedSeats: 'open_to_all' },
          from,
          server.clock.now(),
        ),
      );
      instants.splice(instants.indexOf(release) + 1, 0, from);
    }
    return { database, instants, names };
  } finally {
    await server.close();
  }
}

/**
 * Every publication with its window and window list, by name (a republication by a prime); a
 * republication with the instant it was published (the setup's own publications are published at
 * the setup's clock, which moves on with real time).
 */
async function outcome({ database, names }: Built): Promise<string[]> {
  const rows = await database.db.query<{
    id: string;
    previous: string | null;
    round: number;
    published_at: Date;
    window_closes_at: Date | null;
    turns: string[];
    seats: string[];
  }>(
    `select p.id, p.previous_publication_id as previous, p.round, p.published_at, p.window_closes_at,
            array(select t.applicant_id::text from publication_turns t where t.publication_id = p.id order by t.position) as turns,
            array(select s.status || coalesce(':' || r.status, '') from seats s left join referrals r on r.seat_id = s.id
                   where s.publication_id = p.id order by s.status) as seats
       from publications p order by p.round, p.published_at`,
  );
  const nameOf = (id: string) => names.get(id) ?? id;
  for (const row of rows) if (row.previous) names.set(row.id, `${nameOf(row.previous)}'`);
  const iso = (d: Date | null) => (d === null ? 'open to all' : new Date(d).toISOString());
  return rows
    .map(
      (r) =>
        `${nameOf(r.id)}: ${r.previous ? `published ${iso(r.published_at)}, ` : ''}window ${iso(r.window_closes_at)}, ` +
        `turns ${r.turns.map(nameOf).join(',') || '-'}, seats ${r.seats.join(',')}`,
    )
    .sort();
}

describe.each(databaseKinds)('one catch-up after a long clock jump on %s', (kind) => {
  const built: Built[] = [];
  afterAll(async () => {
    for (const b of built) await b.database.drop();
  });

  const end = at('2026-09-15T05:00:00Z');

  /** The outcome of catching up once at `end`, and of catching up at each instant in turn, then at `end`. */
  async function onceAndStepByStep(options: Options) {
    const once = await build(kind, options);
    const steps = await build(kind, options);
    built.push(once, steps);
    await catchUpTime(once.database.db, end);
    for (const instant of steps.instants) await catchUpTime(steps.database.db, instant);
    await catchUpTime(steps.database.db, end);
    return { once: await outcome(once), steps: await outcome(steps) };
  }

  it('republishes a seat the pause held before it expires a referral whose deadline comes later', async () => {
    const { once, steps } = await onceAndStepByStep({});
    // Step by step, A still holds P's seat on 1 September: F's held seat goes to C, not to A.
    expect(steps.find((line) => line.startsWith("F':"))).toMatch(/turns C,/);
    expect(steps.find((line) => line.startsWith("P':"))).toMatch(/turns B,/);
    expect(once).toEqual(steps);
  });

  it('decides each republication under the settings in force at its own instant, not at the end of the jump', async () => {
    const { once, steps } = await onceAndStepByStep({ settingsChangeFrom: 'between' });
    expect(steps.find((line) => line.startsWith("F':"))).toMatch(/window 2026-09-0.*turns C,/);
    expect(steps.find((line) => line.startsWith("P':"))).toMatch(/window open to all, turns -/);
    expect(once).toEqual(steps);
  });

  it('holds the seat of a referral that expires in the pause, and republishes it when the pause ends, before a later expiry', async () => {
    const { once, steps } = await onceAndStepByStep({ heldBy: 'expiry' });
    expect(steps.find((line) => line.startsWith("F':"))).toMatch(/published 2026-08-31T19:00:00.000Z.*turns C,/);
    expect(steps.find((line) => line.startsWith("P':"))).toMatch(/turns B,/);
    expect(once).toEqual(steps);
    // The scheduler's round after the jump carries it out the same way.
    const round = await build(kind, { heldBy: 'expiry' });
    built.push(round);
    expect(await runTransitions(round.database.db, { now: () => end })).toMatchObject({ expired: 2, republished: 1 });
    expect(await outcome(round)).toEqual(steps);
  });
});
