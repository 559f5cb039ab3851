import { randomUUID } from 'node:crypto';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  groupId,
  makeApplicant,
  makeApprovedEntry,
  makeEnrollment,
  publishApprovedSeats,
} from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

type Outcome = { status: string; rejection: { code: string; params: Record<string, unknown> } | null };

describe.each(databaseKinds)('schedule, referral and departure commands on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;
  let junior: string;

  const command = async (name: string, payload: Record<string, unknown>) =>
    (await head.push([newCommand(name, payload)])).body[0] as unknown as Outcome;
  const one = async <T>(sql: string, params: unknown[] = []) => (await database.db.query<T>(sql, params))[0]!;

  /** Publishes `seats` junior seats (approved entry) and lets `login` claim one after the window. */
  async function claimedReferral(login: string) {
    const publicationId = await publishApprovedSeats(database.db, head, { groupId: junior, seats: 1 });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(server.clock.now().getTime() - 1),
    ]);
    const claim = await (await parentSignIn(server.url, login, 'secret-1')).claim(publicationId);
    expect(claim.status).toBe(200);
    return { publicationId, referralId: claim.body.referralId as string };
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    server.clock.set(new Date('2026-09-02T04:00:00Z'));
    head = apiClient(server.url, (await loginAs(server.url)).token);
    junior = await groupId(database.db, 'Колокольчик');
    for (const [i, login] of ['aru', 'bek', 'dias', 'ela'].entries()) {
      await makeApplicant(database.db, {
        birthDate: '2024-01-15',
        appliedAt: `2024-0${i + 2}-01T00:00:00Z`,
        login,
        password: 'secret-1',
      });
    }
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('takes a schedule entry from draft to submitted, and refuses edits once submitted', async () => {
    const entryId = randomUUID();
    const fields = {
      groupId: junior,
      birthYear: 2024,
      language: 'ru',
      seats: 4,
      availableFrom: '2027-06-01',
      note: 'выпуск',
    };
    expect(await command('scheduleEntry.create', { entryId, ...fields })).toMatchObject({ status: 'applied' });
    expect(await command('scheduleEntry.update', { entryId, ...fields, seats: 5 })).toMatchObject({
      status: 'applied',
    });
    expect(await command('scheduleEntry.submit', { entryId })).toMatchObject({ status: 'applied' });
    expect(await command('scheduleEntry.update', { entryId, ...fields, seats: 6 })).toMatchObject({
      rejection: { code: 'wrong_schedule_status', params: { status: 'submitted', action: 'update' } },
    });
    expect(await command('scheduleEntry.delete', { entryId })).toMatchObject({
      rejection: { code: 'wrong_schedule_status' },
    });
    expect(
      await one<{ seats: number; status: string }>('select seats, status from schedule_entries where id = $1', [
        entryId,
      ]),
    ).toEqual({ seats: 5, status: 'submitted' });
    expect(await command('scheduleEntry.create', { entryId: randomUUID(), ...fields, birthYear: 2019 })).toMatchObject({
      rejection: { code: 'birth_year_not_admissible' },
    });
  });

  it('declines a referral on a published ground and republishes its seat for the next applicant', async () => {
    const { publicationId, referralId } = await claimedReferral('aru');
    expect(await command('referral.decline', { referralId, reason: 'on a whim' })).toMatchObject({
      status: 'rejected',
      rejection: { code: 'invalid_payload' },
    });
    expect(await command('referral.decline', { referralId, reason: 'medical' })).toMatchObject({ status: 'applied' });
    expect(
      await one<{ status: string; close_reason: string }>('select status, close_reason from referrals where id = $1', [
        referralId,
      ]),
    ).toEqual({ status: 'declined', close_reason: 'medical' });
    const next = await one<{ round: number; seats: number }>(
      `select p.round, (select count(*)::int from seats s where s.publication_id = p.id and s.status = 'open') as seats from publications p where p.previous_publication_id = $1`,
      [publicationId],
    );
    expect(next).toEqual({ round: 2, seats: 1 });
  });

  it('withdraws unclaimed seats, and refuses to withdraw twice', async () => {
    const { publicationId } = await claimedReferral('bek');
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 3,
      availableFrom: '2026-09-01',
    });
    const other = randomUUID();
    await command('publication.publish', {
      publicationId: other,
      groupId: junior,
      source: { kind: 'schedule_entry', id: entry },
      birthYear: 2024,
      language: 'ru',
      seats: 3,
      availableFrom: '2026-09-01',
    });
    expect(await command('publication.withdraw', { publicationId: other })).toMatchObject({ status: 'applied' });
    expect(
      await one<{ n: number }>(
        `select count(*)::int as n from seats where publication_id = $1 and status = 'withdrawn'`,
        [other],
      ),
    ).toEqual({ n: 3 });
    expect(await command('publication.withdraw', { publicationId: other })).toMatchObject({
      rejection: { code: 'publication_withdrawn' },
    });
    expect(await command('publication.withdraw', { publicationId })).toMatchObject({
      rejection: { code: 'no_seats_left' },
    });
  });

  it('enrolls, then terminates the contract with a reason, order and note: a departure and a vacancy to publish', async () => {
    const { referralId } = await claimedReferral('dias');
    expect(await command('referral.concludeContract', { referralId })).toMatchObject({ status: 'applied' });
    expect(
      await command('referral.enroll', {
        referralId,
        enrollmentDate: '2026-09-03',
        orderNumber: '41-к',
        orderDate: '2026-09-03',
      }),
    ).toMatchObject({ status: 'applied' });
    const terminate = {
      referralId,
      reason: 'child_leaves',
      note: 'переезд в Астану',
      terminatedOn: '2026-09-02',
      orderNumber: '42-к',
      orderDate: '2026-09-10',
    };
    expect(await command('contract.terminate', terminate)).toMatchObject({
      rejection: { code: 'departure_before_enrollment' },
    });
    const { id: enrollmentId } = await one<{ id: string }>('select id from enrollments where referral_id = $1', [
      referralId,
    ]);
    expect(
      await command('contract.terminate', {
        ...terminate,
        referralId: undefined,
        enrollmentId,
        terminatedOn: '2026-09-15',
      }),
    ).toMatchObject({ status: 'applied' });
    const departure = await one<{ kind: string; reason: string; note: string; order_number: string }>(
      'select d.kind, d.reason, d.note, d.order_number from departures d join enrollments e on e.departure_id = d.id where e.id = $1',
      [enrollmentId],
    );
    expect(departure).toEqual({
      kind: 'termination',
      reason: 'child_leaves',
      note: 'переезд в Астану',
      order_number: '42-к',
    });
    const vacancy = await one<{ id: string; seats: number; available_from: string }>(
      `select v.id, v.seats, v.available_from::text as available_from from vacancies v join departures d on d.id = v.departure_id join enrollments e on e.departure_id = d.id where e.id = $1`,
      [enrollmentId],
    );
    expect(vacancy).toMatchObject({ seats: 1, available_from: '2026-09-15' });
    const fromVacancy = {
      publicationId: randomUUID(),
      groupId: junior,
      source: { kind: 'vacancy', id: vacancy.id },
      birthYear: 2024,
      language: 'ru',
      availableFrom: '2026-09-15',
    };
    expect(await command('publication.publish', { ...fromVacancy, seats: 2 })).toMatchObject({
      rejection: { code: 'exceeds_source_seats' },
    });
    expect(await command('publication.publish', { ...fromVacancy, seats: 1 })).toMatchObject({ status: 'applied' });
  });

  it('graduates the preschool group, moves groups up, and never lowers a capacity below the children it holds', async () => {
    const preschool = await groupId(database.db, 'Жұлдыз');
    const senior = await groupId(database.db, 'Радуга');
    const middle = await groupId(database.db, 'Ақбота');
    for (let i = 0; i < 3; i++)
      await makeEnrollment(database.db, { groupId: preschool, enrolledOn: '2022-09-01', birthDate: '2020-05-05' });
    for (let i = 0; i < 4; i++)
      await makeEnrollment(database.db, { groupId: senior, enrolledOn: '2023-09-01', birthDate: '2021-05-05' });
    const order = { orderNumber: '50-к', orderDate: '2026-05-29' };
    expect(await command('departure.graduate', { groupId: senior, departsOn: '2026-06-01', ...order })).toMatchObject({
      rejection: { code: 'not_preschool_group' },
    });
    expect(
      await command('departure.graduate', { groupId: preschool, departsOn: '2026-06-01', ...order }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await one<{ n: number }>(
        'select count(*)::int as n from enrollments where group_id = $1 and departed_on is null',
        [preschool],
      ),
    ).toEqual({ n: 0 });
    expect(await command('group.setCapacity', { groupId: senior, capacity: 3 })).toMatchObject({
      rejection: { code: 'capacity_below_occupancy' },
    });
    const moves = { movesOn: '2026-08-25', ...order, orderNumber: '51-к' };
    expect(
      await command('departure.moveUp', { ...moves, moves: [{ fromGroupId: middle, toGroupId: preschool }] }),
    ).toMatchObject({ rejection: { code: 'not_next_age_group' } });
    expect(
      await command('departure.moveUp', { ...moves, moves: [{ fromGroupId: senior, toGroupId: preschool }] }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await one<{ n: number }>(
        'select count(*)::int as n from enrollments where group_id = $1 and departed_on is null',
        [preschool],
      ),
    ).toEqual({ n: 4 });
    expect(
      await command('departure.moveUp', { ...moves, moves: [{ fromGroupId: middle, toGroupId: middle }] }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await one<{ age_group: string }>(
        'select age_group, next_age_group, next_age_group_on::text as next_age_group_on from groups where id = $1',
        [middle],
      ),
    ).toEqual({ age_group: 'middle', next_age_group: 'senior', next_age_group_on: '2026-08-25' });
  });
});
