import { randomUUID } from 'node:crypto';
import { departureSchema } from '../../shared/domain/index.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { replicationClient } from '../support/replication-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, makeApprovedEntry, makeEnrollment } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

type Outcome = { status: string; rejection: { code: string; params: Record<string, unknown> } | null };

/**
 * Issue #20.2: a graduation, move-up or termination dated ahead can be cancelled by a command of its
 * own (`departure.cancel`): the stays are restored exactly and the register keeps both lines; it is
 * refused once in effect, or when the freed capacity is already published (naming the publications).
 */
describe.each(databaseKinds)('cancelling a departure not yet in effect on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;

  const command = async (name: string, payload: Record<string, unknown>) =>
    (await head.push([newCommand(name, payload)])).body[0] as unknown as Outcome;
  const one = async <T>(sql: string, params: unknown[] = []) => (await database.db.query<T>(sql, params))[0]!;
  const at = (instant: string) => server.clock.set(new Date(instant));
  const attendingOn = async (group: string, date: string) =>
    (
      await one<{ n: number }>(
        `select count(*)::int as n from enrollments where group_id = $1 and not deleted
            and enrolled_on <= $2 and (departed_on is null or departed_on > $2)`,
        [group, date],
      )
    ).n;
  const departureOf = (group: string) =>
    one<{ id: string }>('select id from departures where group_id = $1 order by id', [group]);
  const cancelOrder = { orderNumber: '70-к', orderDate: '2026-06-11' };
  /** What a cancellation must restore exactly: every stay, referral, vacancy and group row. */
  const snapshot = async () => ({
    enrollments: await database.db.query(
      `select id, group_id, referral_id, departed_on::text, departure_id, deleted from enrollments order by id`,
    ),
    referrals: await database.db.query(`select id, status, enrollment_id, close_reason from referrals order by id`),
    vacancies: await database.db.query(`select id, deleted from vacancies order by id`),
    groups: await database.db.query(
      `select id, age_group, next_age_group, next_age_group_on::text from groups order by id`,
    ),
  });

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    head = apiClient(server.url, (await loginAs(server.url)).token);
  });
  afterEach(async () => {
    await server?.close();
    await database?.drop();
  });

  it('cancels a move-up into another group before its date: the children stay, the new stays go, the register keeps both lines', async () => {
    at('2026-06-10T05:00:00Z');
    const middle = await groupId(database.db, 'Ақбота');
    const senior = await groupId(database.db, 'Радуга');
    for (let i = 0; i < 2; i++)
      await makeEnrollment(database.db, { groupId: middle, enrolledOn: '2025-09-01', birthDate: '2022-04-04' });
    const before = await snapshot();
    const move = { movesOn: '2026-09-01', orderNumber: '60-к', orderDate: '2026-06-10' };
    expect(
      await command('departure.moveUp', { ...move, moves: [{ fromGroupId: middle, toGroupId: senior }] }),
    ).toMatchObject({ status: 'applied' });
    expect(await attendingOn(senior, '2026-09-01')).toBe(2);
    const { id } = await departureOf(middle);

    expect(await command('departure.cancel', { departureId: id, ...cancelOrder })).toMatchObject({ status: 'applied' });
    expect(await attendingOn(middle, '2026-09-01')).toBe(2);
    expect(await attendingOn(senior, '2026-09-01')).toBe(0);
    const after = await snapshot();
    expect(after.enrollments.filter((e) => !(e as { deleted: boolean }).deleted)).toEqual(before.enrollments);
    expect(after.groups).toEqual(before.groups);
    expect(
      await one(
        `select kind, departs_on::text as departs_on, order_number, cancel_order_number, cancel_order_date::text as cancel_order_date,
                cancelled_at is not null as cancelled from departures where id = $1`,
        [id],
      ),
    ).toEqual({
      kind: 'move_up',
      departs_on: '2026-09-01',
      order_number: '60-к',
      cancel_order_number: '70-к',
      cancel_order_date: '2026-06-11',
      cancelled: true,
    });
    expect(await command('departure.cancel', { departureId: id, ...cancelOrder })).toMatchObject({
      rejection: { code: 'departure_cancelled' },
    });
    // The desk's replica learns of the cancellation: the register line with the cancellation's order.
    const pulled = (await replicationClient(server.url, (await loginAs(server.url)).token).pullAll('departures'))
      .documents;
    expect(departureSchema.parse(pulled.find((d) => d.id === id))).toMatchObject({
      cancelOrderNumber: '70-к',
      cancelOrderDate: '2026-06-11',
      cancelledAt: expect.stringMatching(/^2026-06-10T05:00:/),
    });
  });

  it('cancels a relabel and a graduation ahead of their dates, and refuses one in effect', async () => {
    at('2026-06-10T05:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const preschool = await groupId(database.db, 'Жұлдыз');
    await makeEnrollment(database.db, { groupId: preschool, enrolledOn: '2025-09-01' });
    const before = await snapshot();
    const order = { orderNumber: '61-к', orderDate: '2026-06-10' };
    expect(
      await command('departure.moveUp', {
        movesOn: '2026-09-01',
        ...order,
        moves: [{ fromGroupId: junior, toGroupId: junior }],
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await command('departure.graduate', { groupId: preschool, departsOn: '2026-06-30', ...order }),
    ).toMatchObject({
      status: 'applied',
    });
    expect(
      await command('departure.cancel', { departureId: (await departureOf(junior)).id, ...cancelOrder }),
    ).toMatchObject({ status: 'applied' });
    const graduation = (await departureOf(preschool)).id;
    at('2026-06-30T05:00:00Z');
    expect(await command('departure.cancel', { departureId: graduation, ...cancelOrder })).toMatchObject({
      rejection: { code: 'departure_in_effect', params: { date: '2026-06-30' } },
    });
    at('2026-06-29T05:00:00Z');
    expect(
      await command('departure.cancel', { departureId: graduation, orderNumber: ' ', orderDate: '2026-06-29' }),
    ).toMatchObject({
      rejection: { code: 'invalid_payload' },
    });
    expect(await command('departure.cancel', { departureId: graduation, ...cancelOrder })).toMatchObject({
      status: 'applied',
    });
    expect(await snapshot()).toEqual(before);
    expect(await attendingOn(preschool, '2026-07-01')).toBe(1);
  });

  it('refuses to cancel a graduation whose freed seats are already published, naming the publication, and changes nothing', async () => {
    at('2026-06-10T05:00:00Z');
    const preschool = await groupId(database.db, 'Жұлдыз');
    await database.db.query('update groups set capacity = 2 where id = $1', [preschool]);
    for (let i = 0; i < 2; i++) await makeEnrollment(database.db, { groupId: preschool, enrolledOn: '2025-09-01' });
    const order = { orderNumber: '62-к', orderDate: '2026-06-10' };
    expect(
      await command('departure.graduate', { groupId: preschool, departsOn: '2026-06-30', ...order }),
    ).toMatchObject({
      status: 'applied',
    });
    const entry = await makeApprovedEntry(database.db, {
      groupId: preschool,
      birthYear: 2021,
      language: 'kk',
      seats: 1,
      availableFrom: '2026-07-01',
    });
    const publicationId = randomUUID();
    expect(
      await command('publication.publish', {
        publicationId,
        groupId: preschool,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2021,
        language: 'kk',
        seats: 1,
        availableFrom: '2026-07-01',
      }),
    ).toMatchObject({ status: 'applied' });
    const before = await snapshot();
    expect(
      await command('departure.cancel', { departureId: (await departureOf(preschool)).id, ...cancelOrder }),
    ).toMatchObject({
      rejection: {
        code: 'freed_seats_published',
        params: { count: 1, availableFrom: '2026-07-01', publicationIds: publicationId },
      },
    });
    expect(await snapshot()).toEqual(before);
    expect(await one('select cancelled_at from departures where group_id = $1', [preschool])).toEqual({
      cancelled_at: null,
    });
  });

  it('cancels a termination ahead of its date: the child is enrolled again and its vacancy goes; refused once the vacancy is published', async () => {
    at('2026-09-02T04:00:00Z');
    const junior = await groupId(database.db, 'Колокольчик');
    const applicant = await makeApplicant(database.db, {
      birthDate: '2024-01-15',
      appliedAt: '2023-01-01T00:00:00Z',
      login: `cancel-${kind}`,
      password: 'secret-1',
    });
    expect(applicant).toBeTruthy();
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 1,
      availableFrom: '2026-09-01',
    });
    const publicationId = randomUUID();
    await command('publication.publish', {
      publicationId,
      groupId: junior,
      source: { kind: 'schedule_entry', id: entry },
      birthYear: 2024,
      language: 'ru',
      seats: 1,
      availableFrom: '2026-09-01',
    });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(server.clock.now().getTime() - 1),
    ]);
    const parent = await parentSignIn(server.url, `cancel-${kind}`, 'secret-1');
    const referralId = (await parent.claim(publicationId)).body.referralId as string;
    await command('referral.concludeContract', { referralId });
    expect(
      await command('referral.enroll', {
        referralId,
        enrollmentDate: '2026-09-03',
        orderNumber: '41-к',
        orderDate: '2026-09-03',
      }),
    ).toMatchObject({ status: 'applied' });
    const before = await snapshot();
    const terminate = {
      reason: 'child_leaves',
      note: '',
      terminatedOn: '2026-09-15',
      orderNumber: '42-к',
      orderDate: '2026-09-10',
    };
    expect(await command('contract.terminate', { referralId, ...terminate })).toMatchObject({ status: 'applied' });
    const termination = (await one<{ id: string }>(`select id from departures where kind = 'termination'`)).id;
    expect(await command('departure.cancel', { departureId: termination, ...cancelOrder })).toMatchObject({
      status: 'applied',
    });
    const after = await snapshot();
    expect(after.enrollments).toEqual(before.enrollments);
    expect(after.referrals).toEqual(before.referrals);
    expect(after.vacancies.map((v) => (v as { deleted: boolean }).deleted)).toEqual([true]);
    expect(await attendingOn(junior, '2026-09-15')).toBe(1);

    // Terminated again, and the vacancy's seat published: the cancellation is refused, naming it.
    expect(await command('contract.terminate', { referralId, ...terminate, orderNumber: '43-к' })).toMatchObject({
      status: 'applied',
    });
    const second = (
      await one<{ id: string }>(`select id from departures where kind = 'termination' and cancelled_at is null`)
    ).id;
    const vacancy = (await one<{ id: string }>('select id from vacancies where departure_id = $1', [second])).id;
    const republished = randomUUID();
    expect(
      await command('publication.publish', {
        publicationId: republished,
        groupId: junior,
        source: { kind: 'vacancy', id: vacancy },
        birthYear: 2024,
        language: 'ru',
        seats: 1,
        availableFrom: '2026-09-15',
      }),
    ).toMatchObject({ status: 'applied' });
    expect(await command('departure.cancel', { departureId: second, ...cancelOrder })).toMatchObject({
      rejection: { code: 'freed_seats_published', params: { count: 1, publicationIds: republished } },
    });
    expect(await one('select status from referrals where id = $1', [referralId])).toEqual({ status: 'terminated' });
  });
});
