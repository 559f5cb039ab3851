import { randomUUID } from 'node:crypto';
import { calendarEndWarning } from '../../server/intake/calendar-end.js';
import { runTransitions } from '../../server/intake/scheduler.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, makeApprovedEntry, makeEnrollment } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

type Outcome = { status: string; rejection: { code: string; params: Record<string, unknown> } | null };

/**
 * The five sequences of issue #16 that broke the intake rules across actions, each replayed over
 * HTTP on a fresh server: a termination through an enrolled child's referral, departures recorded
 * ahead of their date, a seat returned during the August pause, the second returned seat of a
 * publication, and a referral past its deadline that no job has expired yet.
 */
describe.each(databaseKinds)('intake invariants across sequences of actions on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;
  let applicantSerial = 0;

  const command = async (name: string, payload: Record<string, unknown>) =>
    (await head.push([newCommand(name, payload)])).body[0] as unknown as Outcome;
  const one = async <T>(sql: string, params: unknown[] = []) => (await database.db.query<T>(sql, params))[0]!;
  const at = (instant: string) => server.clock.set(new Date(instant));
  /** A parent with a login, born on `birthDate`, applied in order of creation. */
  const parent = async (birthDate: string, choices?: string[]) => {
    const login = `p${++applicantSerial}-${kind}`;
    const id = await makeApplicant(database.db, {
      birthDate,
      appliedAt: new Date(Date.UTC(2023, 0, 1) + applicantSerial * 60_000).toISOString(),
      login,
      password: 'secret-1',
      ...(choices ? { choices } : {}),
    });
    /** Signs in again at the clock's current time (a session started before a clock jump has expired). */
    const client = () => parentSignIn(server.url, login, 'secret-1');
    return { id, client: await client(), signIn: client };
  };
  const publish = async (group: string, birthYear: number, seats: number, availableFrom: string) => {
    const entry = await makeApprovedEntry(database.db, { groupId: group, birthYear, seats, availableFrom });
    const publicationId = randomUUID();
    const outcome = await command('publication.publish', {
      publicationId,
      groupId: group,
      source: { kind: 'schedule_entry', id: entry },
      birthYear,
      language: 'ru',
      seats,
      availableFrom,
    });
    return { publicationId, outcome };
  };
  const closeWindow = (publicationId: string) =>
    database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(server.clock.now().getTime() - 1),
    ]);
  const attendingOn = async (group: string, date: string) =>
    (
      await one<{ n: number }>(
        `select count(*)::int as n from enrollments where group_id = $1 and not deleted
            and enrolled_on <= $2 and (departed_on is null or departed_on > $2)`,
        [group, date],
      )
    ).n;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    head = apiClient(server.url, (await loginAs(server.url)).token);
  });
  afterEach(async () => {
    await server?.close();
    await database?.drop();
  });

  it('terminates an enrolled child’s contract given the referral’s id exactly as given the enrollment’s: departure, register line, vacancy', async () => {
    at('2026-09-02T04:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const aru = await parent('2024-01-15');
    const { publicationId } = await publish(junior, 2024, 1, '2026-09-01');
    await closeWindow(publicationId);
    const referralId = (await aru.client.claim(publicationId)).body.referralId as string;
    expect(await command('referral.concludeContract', { referralId })).toMatchObject({ status: 'applied' });
    const order = { orderNumber: '41-к', orderDate: '2026-09-03' };
    expect(await command('referral.enroll', { referralId, enrollmentDate: '2026-09-03', ...order })).toMatchObject({
      status: 'applied',
    });
    const terminate = {
      reason: 'child_leaves',
      note: '',
      terminatedOn: '2026-09-15',
      orderNumber: '42-к',
      orderDate: '2026-09-10',
    };
    expect(await command('contract.terminate', { referralId, ...terminate })).toMatchObject({ status: 'applied' });
    const enrollment = await one<{ id: string; departed_on: string; kind: string; vacancy_from: string }>(
      `select e.id, e.departed_on::text as departed_on, d.kind, v.available_from::text as vacancy_from
         from enrollments e join departures d on d.id = e.departure_id join vacancies v on v.departure_id = d.id
        where e.referral_id = $1`,
      [referralId],
    );
    expect(enrollment).toMatchObject({ departed_on: '2026-09-15', kind: 'termination', vacancy_from: '2026-09-15' });
    expect(await one('select status from referrals where id = $1', [referralId])).toEqual({ status: 'terminated' });
    expect(await command('contract.terminate', { enrollmentId: enrollment.id, ...terminate })).toMatchObject({
      rejection: { code: 'already_departed', params: { departedOn: '2026-09-15' } },
    });
    expect(await attendingOn(junior, '2026-09-14')).toBe(1);
    expect(await attendingOn(junior, '2026-09-15')).toBe(0);
  });

  it('keeps a referral’s and its enrollment’s statuses consistent: the database refuses a write that makes them disagree', async () => {
    at('2026-09-02T04:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const bek = await parent('2024-01-15');
    const { publicationId } = await publish(junior, 2024, 1, '2026-09-01');
    await closeWindow(publicationId);
    const referralId = (await bek.client.claim(publicationId)).body.referralId as string;
    await command('referral.concludeContract', { referralId });
    await command('referral.enroll', {
      referralId,
      enrollmentDate: '2026-09-03',
      orderNumber: '1',
      orderDate: '2026-09-03',
    });
    await expect(
      database.db.query(`update referrals set status = 'terminated' where id = $1`, [referralId]),
    ).rejects.toThrow(/terminated but enrollment/);
    expect(await one('select status from referrals where id = $1', [referralId])).toEqual({ status: 'enrolled' });
  });

  it('moves children into the next group on the move-up’s date: until then they attend, count and print in their group', async () => {
    at('2026-06-10T05:00:00Z');
    const middle = await groupId(database.db, 'Ақбота');
    const senior = await groupId(database.db, 'Радуга');
    await database.db.query('update groups set capacity = 3 where id = $1', [middle]);
    for (let i = 0; i < 3; i++)
      await makeEnrollment(database.db, { groupId: middle, enrolledOn: '2025-09-01', birthDate: '2022-04-04' });
    const order = { orderNumber: '60-к', orderDate: '2026-06-10' };
    expect(
      await command('departure.moveUp', {
        movesOn: '2026-09-01',
        ...order,
        moves: [{ fromGroupId: middle, toGroupId: senior }],
      }),
    ).toMatchObject({ status: 'applied' });
    expect(await attendingOn(middle, '2026-06-10')).toBe(3);
    expect(await attendingOn(middle, '2026-08-31')).toBe(3);
    expect(await attendingOn(middle, '2026-09-01')).toBe(0);
    expect(await attendingOn(senior, '2026-08-31')).toBe(0);
    expect(await attendingOn(senior, '2026-09-01')).toBe(3);
    // The full group accepts no seat before the move-up's date.
    const entry = await makeApprovedEntry(database.db, {
      groupId: middle,
      birthYear: 2023,
      language: 'kk',
      seats: 1,
      availableFrom: '2026-06-15',
    });
    expect(
      await command('publication.publish', {
        publicationId: randomUUID(),
        groupId: middle,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2023,
        language: 'kk',
        seats: 1,
        availableFrom: '2026-06-15',
      }),
    ).toMatchObject({ rejection: { code: 'over_capacity', params: { capacity: 3, occupancy: 4 } } });
    // The movement register's line is dated the move's date, the arrivals begin on it.
    expect(
      await one('select kind, departs_on::text as departs_on, children from departures where group_id = $1', [middle]),
    ).toEqual({
      kind: 'move_up',
      departs_on: '2026-09-01',
      children: 3,
    });
    expect(
      await one<{ dates: string[] }>(
        `select array_agg(distinct enrolled_on::text) as dates from enrollments where group_id = $1`,
        [senior],
      ),
    ).toEqual({ dates: ['2026-09-01'] });
  });

  it('relabels a group’s age group only from the move-up’s date: its seats and pulled document keep today’s age group until then', async () => {
    at('2026-06-10T05:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const order = { orderNumber: '61-к', orderDate: '2026-06-10' };
    expect(
      await command('departure.moveUp', {
        movesOn: '2026-09-01',
        ...order,
        moves: [{ fromGroupId: junior, toGroupId: junior }],
      }),
    ).toMatchObject({ status: 'applied' });
    // A seat of June is for the junior age group (born 2024), one of September for the middle one (born 2023).
    expect((await publish(junior, 2024, 1, '2026-06-15')).outcome).toMatchObject({ status: 'applied' });
    expect((await publish(junior, 2023, 1, '2026-06-15')).outcome).toMatchObject({
      rejection: { code: 'group_mismatch', params: { group: 'junior', requested: 'middle' } },
    });
    expect((await publish(junior, 2023, 1, '2026-09-01')).outcome).toMatchObject({ status: 'applied' });
    const pulled = await head.pull('groups');
    expect(pulled.body.documents.find((d) => d.id === junior)).toMatchObject({
      ageGroup: 'junior',
      nextAgeGroup: 'middle',
      nextAgeGroupOn: '2026-09-01',
    });
  });

  it('refuses a second relabelling move-up while the first is still ahead, so today’s age group is never folded into it', async () => {
    at('2026-06-10T05:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const relabel = (movesOn: string, orderNumber: string) =>
      command('departure.moveUp', {
        movesOn,
        orderNumber,
        orderDate: '2026-06-10',
        moves: [{ fromGroupId: junior, toGroupId: junior }],
      });
    expect(await relabel('2026-09-01', '62-к')).toMatchObject({ status: 'applied' });
    for (const [movesOn, orderNumber] of [
      ['2026-08-25', '63-к'],
      ['2026-09-01', '64-к'],
      ['2027-09-01', '65-к'],
    ] as const)
      expect(await relabel(movesOn, orderNumber)).toMatchObject({
        rejection: { code: 'move_up_pending', params: { groupId: junior, date: '2026-09-01' } },
      });
    expect(
      await one(
        `select age_group, next_age_group, next_age_group_on::text as next_age_group_on from groups where id = $1`,
        [junior],
      ),
    ).toEqual({ age_group: 'junior', next_age_group: 'middle', next_age_group_on: '2026-09-01' });
    // Once the first has taken effect, the next year's relabel is recorded from the current age group.
    at('2026-09-02T05:00:00Z');
    expect(await relabel('2027-09-01', '66-к')).toMatchObject({ status: 'applied' });
    expect(
      await one(
        `select age_group, next_age_group, next_age_group_on::text as next_age_group_on from groups where id = $1`,
        [junior],
      ),
    ).toEqual({ age_group: 'middle', next_age_group: 'senior', next_age_group_on: '2027-09-01' });
  });

  it('counts a seat returned during the August pause in its group’s load while held, so the group never overfills when it is republished', async () => {
    at('2026-07-31T05:00:00Z');
    const early = await groupId(database.db, 'Солнышко');
    const junior = await groupId(database.db, 'Колокольчик');
    await database.db.query('update groups set capacity = 2 where id = $1', [junior]);
    await makeEnrollment(database.db, { groupId: junior, enrolledOn: '2025-09-01', birthDate: '2024-02-02' });
    await makeEnrollment(database.db, { groupId: early, enrolledOn: '2025-09-01', birthDate: '2025-01-01' });
    const dana = await parent('2024-01-15');
    const { publicationId } = await publish(junior, 2024, 1, '2026-09-01');
    await closeWindow(publicationId);
    const referralId = (await dana.client.claim(publicationId)).body.referralId as string;
    at('2026-08-05T05:00:00Z');
    expect((await (await dana.signIn()).refuse(referralId)).status).toBe(200);
    expect(await one(`select count(*)::int as n from seats where group_id = $1 and status = 'open'`, [junior])).toEqual(
      { n: 0 },
    );
    // The held seat is promised from 1 September: a move-up cannot take it.
    expect(
      await command('departure.moveUp', {
        movesOn: '2026-09-01',
        orderNumber: '70-к',
        orderDate: '2026-08-05',
        moves: [{ fromGroupId: early, toGroupId: junior }],
      }),
    ).toMatchObject({ rejection: { code: 'over_capacity', params: { capacity: 2, occupancy: 3 } } });
    at('2026-09-01T05:00:00Z');
    expect((await runTransitions(database.db, server.clock)).republished).toBe(1);
    expect(await one(`select count(*)::int as n from seats where group_id = $1 and status = 'open'`, [junior])).toEqual(
      { n: 1 },
    );
  });

  it('offers each returned seat of a publication to the next applicant not yet offered a window on any of its rounds', async () => {
    at('2026-09-02T04:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const queue = [];
    for (let i = 0; i < 5; i++) queue.push(await parent('2024-01-15'));
    const [first, second, third, fourth] = queue as [
      (typeof queue)[0],
      (typeof queue)[0],
      (typeof queue)[0],
      (typeof queue)[0],
    ];
    const { publicationId } = await publish(junior, 2024, 2, '2026-09-01');
    const a = (await first.client.claim(publicationId)).body.referralId as string;
    const b = (await second.client.claim(publicationId)).body.referralId as string;
    expect((await first.client.refuse(a)).status).toBe(200);
    expect((await second.client.refuse(b)).status).toBe(200);
    const turns = await database.db.query<{ applicant_id: string }>(
      `select t.applicant_id from publication_turns t join publications p on p.id = t.publication_id
        where p.previous_publication_id = $1 order by p.published_at, p.id`,
      [publicationId],
    );
    expect(new Set(turns.map((t) => t.applicant_id))).toEqual(new Set([third.id, fourth.id]));
  });

  it('treats a referral past its deadline as expired for the child’s next claim and frees its seat, without any scheduler round', async () => {
    at('2026-09-02T04:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const ela = await parent('2024-01-15');
    const farid = await parent('2024-01-15');
    const first = await publish(junior, 2024, 1, '2026-09-01');
    await closeWindow(first.publicationId);
    const claimed = await ela.client.claim(first.publicationId);
    expect(claimed.status).toBe(200);
    at(new Date(new Date(claimed.body.contractDeadline as string).getTime() + 60_000).toISOString());
    const second = await publish(junior, 2024, 1, '2026-09-01');
    await closeWindow(second.publicationId);
    const again = await (await ela.signIn()).claim(second.publicationId);
    expect(again).toMatchObject({ status: 200 });
    expect(await one('select status from referrals where id = $1', [claimed.body.referralId])).toEqual({
      status: 'expired',
    });
    // The expired referral's seat is open again at once: republished with a window of its own.
    const republished = await one<{ id: string }>('select id from publications where previous_publication_id = $1', [
      first.publicationId,
    ]);
    await closeWindow(republished.id);
    expect(await (await farid.signIn()).claim(republished.id)).toMatchObject({ status: 200 });
  });
  it('refuses a window that would reach past the calendar table naming the year, and never takes a parent’s seat for it', async () => {
    const junior = await groupId(database.db, 'Колокольчик');
    at('2027-11-01T05:00:00Z');
    expect(await calendarEndWarning(database.db, server.clock)).toMatch(
      /ends on 2027-12-31 \(in 60 days\): load the 2028 calendar/,
    );
    at('2027-12-20T05:00:00Z');
    head = apiClient(server.url, (await loginAs(server.url)).token);
    const early = await publish(junior, 2026, 1, '2028-09-01');
    expect(early.outcome).toMatchObject({ status: 'applied' });
    at('2027-12-29T05:00:00Z');
    expect((await publish(junior, 2026, 1, '2028-09-01')).outcome).toMatchObject({
      rejection: { code: 'calendar_year_not_loaded', params: { year: 2028 } },
    });
    expect(await one('select count(*)::int as n from publications')).toEqual({ n: 1 });
    // The claim succeeds; 30 and 31 December count, the three working days missing count as six weekdays of 2028.
    const gulnar = await parent('2026-01-15');
    const claimed = await gulnar.client.claim(early.publicationId);
    expect(claimed).toMatchObject({ status: 200, body: { contractDeadline: '2028-01-10T18:59:59.999Z' } });
  });
});
