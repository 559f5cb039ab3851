import { randomUUID } from 'node:crypto';
import { runTransitions } from '../../server/intake/scheduler.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { blockApplicant } from '../../server/intake/blocking.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, makeApprovedEntry, makeEnrollment } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

/** Friday 5 June 2026, 10:00 in Petropavl (UTC+5). */
const FRIDAY = new Date('2026-06-05T05:00:00Z');
/** The queue window of 3 working days closes at the end of Wednesday 10 June, city time. */
const WINDOW_CLOSES = '2026-06-10T18:59:59.999Z';

describe.each(databaseKinds)('the intake rules, enforced by the server on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let head: ReturnType<typeof apiClient>;
  let junior: string;
  const applicants: Record<string, string> = {};

  const command = async (kindName: string, payload: Record<string, unknown>) => {
    const res = await head.push([newCommand(kindName, payload)]);
    expect(res.status).toBe(200);
    return res.body[0]! as unknown as {
      status: string;
      rejection: { code: string; params: Record<string, unknown> } | null;
    };
  };
  const publishFromEntry = async (entryId: string, seats: number, overrides: Record<string, unknown> = {}) => {
    const publicationId = randomUUID();
    const outcome = await command('publication.publish', {
      publicationId,
      groupId: junior,
      source: { kind: 'schedule_entry', id: entryId },
      birthYear: 2024,
      language: 'ru',
      seats,
      availableFrom: '2026-09-01',
      ...overrides,
    });
    return { publicationId, outcome };
  };
  const parent = (name: string) => parentSignIn(server.url, name, 'secret-1');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    server.clock.set(FRIDAY);
    await installShippedData(database.db, server.clock);
    head = apiClient(server.url, (await loginAs(server.url)).token);
    junior = await groupId(database.db, 'Колокольчик');
    const make = (
      name: string,
      priority: 'out_of_turn' | 'first' | 'general',
      appliedAt: string,
      birthDate = '2024-03-10',
    ) =>
      makeApplicant(database.db, { birthDate, priority, appliedAt, login: name, password: 'secret-1', name }).then(
        (id) => (applicants[name] = id),
      );
    await make('olzhas', 'out_of_turn', '2025-03-01T10:00:00Z');
    await make('bota', 'first', '2025-01-01T10:00:00Z');
    await make('cyril', 'general', '2024-06-01T10:00:00Z');
    await make('dana', 'general', '2024-07-01T10:00:00Z');
    await make('erlan', 'general', '2024-08-01T10:00:00Z');
    await make('farida', 'general', '2024-09-01T10:00:00Z');
    await make('gaukhar', 'general', '2024-10-01T10:00:00Z', '2023-05-05');
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('publishes an approved entry’s seats with a window to the end of the third working day and freezes whose turn it is', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 3,
      availableFrom: '2026-09-01',
    });
    const { publicationId, outcome } = await publishFromEntry(entry, 3);
    expect(outcome).toMatchObject({ status: 'applied' });
    const [publication] = await database.db.query<{ window_closes_at: Date }>(
      'select window_closes_at from publications where id = $1',
      [publicationId],
    );
    expect(new Date(publication!.window_closes_at).toISOString()).toBe(WINDOW_CLOSES);
    const turns = await database.db.query<{ applicant_id: string }>(
      'select applicant_id from publication_turns where publication_id = $1 order by position',
      [publicationId],
    );
    expect(turns.map((t) => t.applicant_id)).toEqual([applicants.olzhas, applicants.bota, applicants.cyril]);
    const seats = await database.db.query('select 1 from seats where publication_id = $1 and status = $2', [
      publicationId,
      'open',
    ]);
    expect(seats).toHaveLength(3);
  });

  it('refuses seats from an unapproved entry, more seats than the entry holds, and a birth year the group does not take', async () => {
    const draft = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
      status: 'submitted',
    });
    expect((await publishFromEntry(draft, 1)).outcome.rejection?.code).toBe('schedule_entry_not_approved');
    const small = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    expect((await publishFromEntry(small, 3)).outcome.rejection).toEqual({
      code: 'exceeds_source_seats',
      params: { source: 'schedule_entry', seats: 3, remainingSeats: 2 },
    });
    const older = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2023,
      seats: 1,
      availableFrom: '2026-09-01',
    });
    expect((await publishFromEntry(older, 1, { birthYear: 2023 })).outcome.rejection?.code).toBe('group_mismatch');
  });

  it('never publishes beyond the group’s capacity on any date', async () => {
    const sunshine = await groupId(database.db, 'Солнышко');
    for (let i = 0; i < 14; i++)
      await makeEnrollment(database.db, { groupId: sunshine, enrolledOn: '2025-09-01', birthDate: '2024-11-11' });
    const entry = await makeApprovedEntry(database.db, {
      groupId: sunshine,
      birthYear: 2025,
      seats: 5,
      availableFrom: '2026-09-01',
    });
    const { outcome } = await publishFromEntry(entry, 2, { groupId: sunshine, birthYear: 2025 });
    expect(outcome.rejection).toEqual({
      code: 'over_capacity',
      params: { date: '2026-09-01', capacity: 15, occupancy: 16 },
    });
    expect((await publishFromEntry(entry, 1, { groupId: sunshine, birthYear: 2025 })).outcome.status).toBe('applied');
  });

  it('lets only those whose turn has come claim during the window, and everyone eligible after it, at once', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    const { publicationId } = await publishFromEntry(entry, 2);
    const farida = await parent('farida');
    expect((await farida.claim(publicationId)).body.rejection?.code).toBe('not_your_turn');
    // 00:05 on Thursday 11 June, city time: the window closed five minutes ago; no job has run.
    server.clock.set(new Date('2026-06-10T19:05:00Z'));
    const claim = await (await parent('farida')).claim(publicationId);
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ ok: true, phase: 'open_to_all' });
    expect((await (await parent('farida')).claim(publicationId)).body.rejection?.code).toBe('already_has_referral');
    expect((await (await parent('gaukhar')).claim(publicationId)).body.rejection?.code).toBe('wrong_birth_year');
    server.clock.set(FRIDAY);
  });

  it('issues a referral with a contract deadline of 5 working days, concluded by the parent, enrolled only from available-from', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 1,
      availableFrom: '2026-09-01',
    });
    server.clock.set(new Date('2026-06-15T04:00:00Z'));
    const { publicationId } = await publishFromEntry(entry, 1);
    const olzhas = await parent('olzhas');
    const claim = await olzhas.claim(publicationId);
    expect(claim.body).toMatchObject({ ok: true, phase: 'queue_window', contractDeadline: '2026-06-22T18:59:59.999Z' });
    const referralId = claim.body.referralId as string;
    expect((await olzhas.conclude(referralId)).status).toBe(200);
    const early = await command('referral.enroll', {
      referralId,
      enrollmentDate: '2026-08-20',
      orderNumber: '15-к',
      orderDate: '2026-08-20',
    });
    expect(early.rejection).toEqual({
      code: 'enrollment_before_available_from',
      params: { enrollmentDate: '2026-08-20', availableFrom: '2026-09-01' },
    });
    const enrolled = await command('referral.enroll', {
      referralId,
      enrollmentDate: '2026-09-01',
      orderNumber: '15-к',
      orderDate: '2026-09-01',
    });
    expect(enrolled.status).toBe('applied');
    const rows = await database.db.query<{ status: string }>('select status from referrals where id = $1', [
      referralId,
    ]);
    expect(rows[0]!.status).toBe('enrolled');
    server.clock.set(FRIDAY);
  });

  it('expires a referral the moment its deadline passes and returns the seat to the next applicant in order, before any job runs', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 1,
      availableFrom: '2026-09-01',
    });
    server.clock.set(new Date('2026-07-01T04:00:00Z'));
    const { publicationId } = await publishFromEntry(entry, 1);
    const [turn] = await database.db.query<{ applicant_id: string }>(
      'select applicant_id from publication_turns where publication_id = $1',
      [publicationId],
    );
    const name = Object.entries(applicants).find(([, id]) => id === turn!.applicant_id)![0];
    const claimant = await parent(name);
    const claim = await claimant.claim(publicationId);
    const referralId = claim.body.referralId as string;
    server.clock.set(new Date(new Date(claim.body.contractDeadline as string).getTime() + 60_000));
    expect((await (await parent(name)).conclude(referralId)).body.rejection?.code).toBe('referral_expired');
    // The parent's attempt carried out what time had decided, as every decision does: the referral
    // is expired and its seat republished before any job runs, so the round finds nothing to do.
    const report = await runTransitions(database.db, server.clock);
    expect(report.led).toBe(true);
    expect(report.expired).toBe(0);
    const [expired] = await database.db.query<{ status: string }>('select status from referrals where id = $1', [
      referralId,
    ]);
    expect(expired!.status).toBe('expired');
    const again = await runTransitions(database.db, server.clock);
    expect(again.expired).toBe(0);
    const republished = await database.db.query<{ id: string; round: number }>(
      'select id, round from publications where previous_publication_id = $1',
      [publicationId],
    );
    expect(republished).toHaveLength(1);
    expect(republished[0]!.round).toBe(2);
    const nextTurn = await database.db.query<{ applicant_id: string }>(
      'select applicant_id from publication_turns where publication_id = $1',
      [republished[0]!.id],
    );
    expect(nextTurn).toHaveLength(1);
    expect(nextTurn[0]!.applicant_id).not.toBe(turn!.applicant_id);
    server.clock.set(FRIDAY);
  });

  it('terminates the contract automatically when the department blocks the account, even after enrollment', async () => {
    const [enrolled] = await database.db.query<{ applicant_id: string; id: string }>(
      `select applicant_id, id from referrals where status = 'enrolled' limit 1`,
    );
    const outcome = await blockApplicant(database.db, server.clock, enrolled!.applicant_id, 'account shared');
    expect(outcome?.terminated).toEqual([expect.objectContaining({ referralId: enrolled!.id, from: 'enrolled' })]);
    const [referral] = await database.db.query<{ status: string; close_reason: string }>(
      'select status, close_reason from referrals where id = $1',
      [enrolled!.id],
    );
    expect(referral).toEqual({ status: 'terminated', close_reason: 'account_blocked' });
    const departures = await database.db.query<{ kind: string }>(
      `select d.kind from departures d join enrollments e on e.departure_id = d.id where e.referral_id = $1`,
      [enrolled!.id],
    );
    expect(departures).toEqual([{ kind: 'account_blocked' }]);
    expect((await blockApplicant(database.db, server.clock, enrolled!.applicant_id, 'again'))?.terminated).toEqual([]);
  });

  it('explains a staff command refused by role', async () => {
    const staff = apiClient(server.url, (await loginAs(server.url, 'staff', 'balapan-staff')).token);
    const res = await staff.push([newCommand('publication.withdraw', { publicationId: randomUUID() })]);
    expect(res.body[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'forbidden', params: { role: 'staff' } },
    });
  });

  it('pauses publishing in August, and keeps one referral per seat and one active referral per child in the database itself', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: junior,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    server.clock.set(new Date('2026-08-03T04:00:00Z'));
    head = apiClient(server.url, (await loginAs(server.url)).token);
    const { publicationId, outcome } = await publishFromEntry(entry, 2);
    expect(outcome.rejection?.code).toBe('august_pause');
    server.clock.set(new Date('2026-09-07T04:00:00Z'));
    head = apiClient(server.url, (await loginAs(server.url)).token);
    const published = await publishFromEntry(entry, 2);
    expect(published.outcome.status).toBe('applied');
    server.clock.set(new Date('2026-09-14T04:00:00Z'));
    const claim = await (await parent('dana')).claim(published.publicationId);
    expect(claim.body).toMatchObject({ ok: true, phase: 'open_to_all' });
    void publicationId;
    const [referral] = await database.db.query<Record<string, unknown>>('select * from referrals where id = $1', [
      claim.body.referralId,
    ]);
    const copy = (changes: Record<string, unknown>) => {
      const row = { ...referral, ...changes };
      const columns = Object.keys(row).filter((c) => !['change_txid', 'change_seq', 'rev'].includes(c));
      return database.db.query(
        `insert into referrals (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((c) => row[c]),
      );
    };
    await expect(copy({ id: randomUUID(), number: 'X-1' })).rejects.toMatchObject({ code: '23505' });
    const [otherSeat] = await database.db.query<{ id: string }>(
      `select id from seats where status = 'open' and publication_id = $1`,
      [published.publicationId],
    );
    await expect(copy({ id: randomUUID(), number: 'X-2', seat_id: otherSeat!.id })).rejects.toMatchObject({
      code: '23505',
    });
  });
});
