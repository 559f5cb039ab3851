import { randomUUID } from 'node:crypto';
import type {
  BlockPreview,
  DepartmentAccountList,
  DepartmentApplicantList,
  DepartmentStaffList,
} from '../../shared/department/accounts.js';
import { auditPageSchema } from '../../shared/department/audit.js';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { apiClient } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  type departmentClient,
  makeDepartmentAccount,
  makeOtherCity,
  signedInDepartment,
} from '../support/department-client.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const head = demoAccounts[0];

/** Friday 5 June 2026, 10:00 in Petropavl: a queue window can be open. */
const FRIDAY = new Date('2026-06-05T05:00:00Z');

/** Each sign-in from its own address (the server trusts the proxy header): the per-address allowance is not the subject. */
let address = 1;
const from = () => ({ 'x-forwarded-for': `10.22.0.${address++}` });

async function staffLogin(url: string, login: string, password: string, deviceName = 'ПК методиста') {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from() },
    body: JSON.stringify({ login, password, deviceId: `device-${login}`, deviceName }),
  });
}
const parentLogin = (url: string, login: string, password: string) =>
  fetch(`${url}/api/parent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from() },
    body: JSON.stringify({ login, password }),
  });
const authed = (url: string, path: string, token: string) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe.each(databaseKinds)('the department console’s accounts and audit on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: ReturnType<typeof departmentClient>;
  let specialist: ReturnType<typeof departmentClient>;
  let other: ReturnType<typeof departmentClient>;

  const staffList = async (client: typeof admin, filter: Record<string, string> = {}) =>
    (await client.get(`/api/department/staff?${new URLSearchParams(filter)}`)).body as DepartmentStaffList;
  const search = async (client: typeof admin, q: string) => {
    const res = await client.get(`/api/department/applicants?${new URLSearchParams({ q })}`);
    return { status: res.status, body: res.body as DepartmentApplicantList };
  };
  const preview = async (client: typeof admin, applicantId: string) => {
    const res = await client.get(`/api/department/applicants/${applicantId}/block-preview`);
    return { status: res.status, body: res.body as BlockPreview };
  };
  const audit = async (client: typeof admin, filter: Record<string, string>) =>
    auditPageSchema.parse((await client.get(`/api/department/audit?${new URLSearchParams(filter)}`)).body);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db, { trustProxy: true });
    server.clock.set(FRIDAY);
    await installShippedData(database.db, server.clock);
    await makeOtherCity(database.db, 'accounts-city');
    await makeDepartmentAccount(database.db, { login: 'acc.admin', password: 'acc-admin-pass', role: 'admin' });
    await makeDepartmentAccount(database.db, { login: 'acc.spec', password: 'acc-spec-pass' });
    await makeDepartmentAccount(database.db, {
      login: 'acc.other',
      password: 'acc-other-pass',
      cityId: 'accounts-city',
    });
    admin = await signedInDepartment(server.url, 'acc.admin', 'acc-admin-pass');
    specialist = await signedInDepartment(server.url, 'acc.spec', 'acc-spec-pass');
    other = await signedInDepartment(server.url, 'acc.other', 'acc-other-pass');
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('lets a specialist create a staff account, reset its password (never stored), sign a lost PC out, lift its lock and disable it — its own city’s only', async () => {
    const staffId = randomUUID();
    const fields = {
      staffId,
      kindergartenId: demoKindergarten.id,
      login: 'new.teacher',
      fullName: 'Новая Воспитательница',
      role: 'staff',
    };
    // A specialist of another city can neither issue an account in this city's kindergarten nor touch its staff.
    const foreign = await other.command('staff.create', { ...fields, password: 'first-password' });
    expect(foreign.body.rejection?.code).toBe('not_found');
    expect((await specialist.command('staff.create', { ...fields, password: 'first-password' })).body.status).toBe(
      'applied',
    );
    const taken = await specialist.command('staff.create', {
      ...fields,
      staffId: randomUUID(),
      password: 'first-password',
    });
    expect(taken.body.rejection).toEqual({ code: 'login_taken', params: { login: 'new.teacher' } });

    const first = await staffLogin(server.url, 'new.teacher', 'first-password');
    expect(first.status).toBe(200);
    const firstToken = ((await first.json()) as { token: string }).token;
    const listed = (await staffList(admin, { kindergartenId: demoKindergarten.id })).staff.find(
      (s) => s.id === staffId,
    );
    expect(listed).toMatchObject({ login: 'new.teacher', disabled: false, lockedUntil: null });
    expect(listed!.devices.map((d) => d.deviceName)).toEqual(['ПК методиста']);
    expect(JSON.stringify(await staffList(other))).not.toContain(staffId);

    expect(
      (await other.command('staff.resetPassword', { staffId, password: 'their-password' })).body.rejection?.code,
    ).toBe('not_found');
    expect((await authed(server.url, '/api/auth/session', firstToken)).status).toBe(200);
    expect(
      (await specialist.command('staff.resetPassword', { staffId, password: 'second-password' })).body.status,
    ).toBe('applied');
    expect((await authed(server.url, '/api/auth/session', firstToken)).status).toBe(401);
    expect((await staffLogin(server.url, 'new.teacher', 'first-password')).status).toBe(401);
    const stored = JSON.stringify([
      await database.db.query('select payload from department_commands'),
      await database.db.query('select details from audit_log'),
    ]);
    expect(stored).not.toContain('first-password');
    expect(stored).not.toContain('second-password');

    const second = (await (await staffLogin(server.url, 'new.teacher', 'second-password')).json()) as { token: string };
    const [device] = (await staffList(admin)).staff.find((s) => s.id === staffId)!.devices;
    expect((await other.command('deviceSession.revoke', { sessionId: device!.id })).body.rejection?.code).toBe(
      'not_found',
    );
    expect((await authed(server.url, '/api/auth/session', second.token)).status).toBe(200);
    expect((await specialist.command('deviceSession.revoke', { sessionId: device!.id })).body.status).toBe('applied');
    expect((await authed(server.url, '/api/auth/session', second.token)).status).toBe(401);
    expect((await staffList(admin)).staff.find((s) => s.id === staffId)!.devices).toEqual([]);

    for (let i = 0; i < 6; i++) await staffLogin(server.url, 'new.teacher', 'wrong-password');
    expect((await staffLogin(server.url, 'new.teacher', 'second-password')).status).toBe(429);
    expect((await staffList(admin)).staff.find((s) => s.id === staffId)!.lockedUntil).not.toBeNull();
    expect((await other.command('staff.unlockSignIn', { staffId })).body.rejection?.code).toBe('not_found');
    expect((await specialist.command('staff.unlockSignIn', { staffId })).body.status).toBe('applied');
    expect((await staffLogin(server.url, 'new.teacher', 'second-password')).status).toBe(200);

    expect((await other.command('staff.disable', { staffId })).body.rejection?.code).toBe('not_found');
    expect((await specialist.command('staff.disable', { staffId })).body.status).toBe('applied');
    expect((await staffLogin(server.url, 'new.teacher', 'second-password')).status).toBe(401);
    expect((await specialist.command('staff.disable', { staffId })).body.rejection?.code).toBe('account_disabled');
    expect((await staffList(admin)).staff.find((s) => s.id === staffId)).toMatchObject({ disabled: true, devices: [] });
  });

  it('lists the own city’s department accounts with role, state and last sign-in', async () => {
    const dormant = await makeDepartmentAccount(database.db, { login: 'acc.dormant', password: 'acc-dormant-pass' });
    const { accounts } = (await admin.get('/api/department/accounts')).body as DepartmentAccountList;
    const byLogin = new Map(accounts.map((a) => [a.login, a]));
    const [session] = await database.db.query<{ at: Date }>(
      `select max(s.created_at) as at from department_sessions s
         join department_accounts a on a.id = s.account_id where a.login = 'acc.admin'`,
    );
    const lastSignInAt = new Date(session!.at).toISOString();
    expect(lastSignInAt.slice(0, 10)).toBe('2026-06-05');
    expect(byLogin.get('acc.admin')).toMatchObject({ role: 'admin', disabled: false, lastSignInAt });
    expect(byLogin.get('acc.dormant')).toMatchObject({ id: dormant, role: 'specialist', lastSignInAt: null });
    expect(byLogin.has('acc.other')).toBe(false);
  });

  it('finds applicants by a name in either spelling, by IIN (full or last four) and by login, never another city’s', async () => {
    const id = await makeApplicant(database.db, {
      birthDate: '2024-02-02',
      appliedAt: '2025-01-01T10:00:00Z',
      name: 'Жұмабекова',
      login: 'zhumabek.parent',
      password: 'parent-pass-1',
    });
    const [{ iin } = { iin: '' }] = await database.db.query<{ iin: string }>(
      'select iin from applicants where id = $1',
      [id],
    );
    const found = await search(specialist, 'жумабекова');
    expect(found.body.applicants.map((a) => a.id)).toEqual([id]);
    expect(found.body.applicants[0]).toMatchObject({ iin: `••••••••${iin.slice(8)}`, login: 'zhumabek.parent' });
    expect((await search(specialist, iin.slice(8))).body.applicants.map((a) => a.id)).toContain(id);
    expect((await search(specialist, iin)).body.applicants).toMatchObject([{ id, iin }]);
    expect((await search(specialist, 'ZHUMABEK.PARENT')).body.applicants.map((a) => a.id)).toEqual([id]);
    expect((await search(specialist, 'Тестовый Родитель')).body.total).toBeGreaterThan(0);
    expect((await search(other, 'Жұмабекова')).body).toMatchObject({ applicants: [], total: 0 });
    expect((await search(other, iin)).body.total).toBe(0);
    expect((await search(specialist, 'x')).status).toBe(400);
  });

  it('says what a block frees before it, blocks (the referral terminates, the seat returns), and an unblock restores sign-in but not the referral', async () => {
    const desk = apiClient(server.url, (await loginAs(server.url)).token);
    const applicantId = await makeApplicant(database.db, {
      birthDate: '2024-01-15',
      appliedAt: '2024-01-20T10:00:00Z',
      priority: 'out_of_turn',
      name: 'Блокируемая',
      login: 'shared.parent',
      password: 'parent-pass-2',
    });
    const publicationId = await publishApprovedSeats(database.db, desk, {
      groupId: await groupId(database.db, 'Колокольчик'),
      seats: 1,
    });
    const parent = await parentSignIn(server.url, 'shared.parent', 'parent-pass-2');
    expect((await parent.claim(publicationId)).status).toBe(200);
    const referral = async () =>
      (
        await database.db.query<{ id: string; status: string; number: string }>(
          'select id, status, number from referrals where applicant_id = $1',
          [applicantId],
        )
      )[0]!;
    const returnedSeats = async () =>
      (
        await database.db.query<{ n: number }>(
          `select count(*)::int as n from seats where publication_id = $1 and status = 'returned'`,
          [publicationId],
        )
      )[0]!.n;
    expect(await returnedSeats()).toBe(0);

    const before = await preview(specialist, applicantId);
    expect(before.body).toEqual({
      blocked: false,
      wouldTerminate: [
        {
          referralId: (await referral()).id,
          number: (await referral()).number,
          kindergartenNameRu: demoKindergarten.nameRu,
          kindergartenNameKk: expect.any(String),
          from: 'active',
          seat: 'returned_seat',
        },
      ],
      staysTerminated: [],
    });
    // The preview stored nothing.
    expect((await referral()).status).toBe('active');
    expect(await returnedSeats()).toBe(0);
    expect((await parent.referrals()).status).toBe(200);
    expect((await preview(other, applicantId)).status).toBe(404);

    expect((await other.command('applicant.block', { applicantId, reason: 'чужой' })).body.rejection?.code).toBe(
      'not_found',
    );
    const blocked = await specialist.command('applicant.block', { applicantId, reason: 'Передача доступа' });
    expect(blocked.body.status).toBe('applied');
    expect((await referral()).status).toBe('terminated');
    expect(await returnedSeats()).toBe(1);
    expect((await parent.referrals()).status).toBe(401);
    expect((await parentLogin(server.url, 'shared.parent', 'parent-pass-2')).status).toBe(403);
    expect((await specialist.command('applicant.block', { applicantId, reason: 'ещё раз' })).body.rejection?.code).toBe(
      'account_blocked',
    );
    const after = await preview(specialist, applicantId);
    expect(after.body).toMatchObject({
      blocked: true,
      wouldTerminate: [],
      staysTerminated: [{ number: (await referral()).number }],
    });
    expect((await search(specialist, 'shared.parent')).body.applicants[0]).toMatchObject({
      blockedReason: 'Передача доступа',
    });

    expect((await other.command('applicant.unblock', { applicantId })).body.rejection?.code).toBe('not_found');
    expect((await specialist.command('applicant.unblock', { applicantId })).body.status).toBe('applied');
    expect((await referral()).status).toBe('terminated');
    // The session the block ended stays ended; a new sign-in works.
    expect((await parent.referrals()).status).toBe(401);
    const again = await parentSignIn(server.url, 'shared.parent', 'parent-pass-2');
    expect((await specialist.command('applicant.unblock', { applicantId })).body.rejection?.code).toBe(
      'account_not_blocked',
    );

    // Revoke sessions; lift a sign-in lock.
    expect((await other.command('applicant.signOut', { applicantId })).body.rejection?.code).toBe('not_found');
    expect((await again.referrals()).status).toBe(200);
    expect((await specialist.command('applicant.signOut', { applicantId })).body.status).toBe('applied');
    expect((await again.referrals()).status).toBe(401);
    for (let i = 0; i < 6; i++) await parentLogin(server.url, 'shared.parent', 'wrong-password');
    expect((await parentLogin(server.url, 'shared.parent', 'parent-pass-2')).status).toBe(429);
    expect((await search(specialist, 'shared.parent')).body.applicants[0]!.lockedUntil).not.toBeNull();
    expect((await other.command('applicant.unlockSignIn', { applicantId })).body.rejection?.code).toBe('not_found');
    expect((await specialist.command('applicant.unlockSignIn', { applicantId })).body.status).toBe('applied');
    expect((await parentLogin(server.url, 'shared.parent', 'parent-pass-2')).status).toBe(200);
  });

  it('shows who did what, when and from which device, by kindergarten, account and object — its own city only', async () => {
    await staffLogin(server.url, head.login, head.password, 'ПК заведующей');
    const byHead = await audit(specialist, { account: head.login, kindergartenId: demoKindergarten.id });
    expect(byHead.entries.length).toBeGreaterThan(0);
    expect(byHead.entries.every((e) => e.actor.kind === 'staff' && e.actor.login === head.login)).toBe(true);
    expect(byHead.entries.find((e) => e.action === 'auth.login' && e.device === 'ПК заведующей')).toBeDefined();
    expect(byHead.entries.find((e) => e.action === 'publication.publish')?.device).toBe('test-device');

    const bySpecialist = await audit(admin, { account: 'acc.spec' });
    expect(bySpecialist.entries.map((e) => e.action)).toContain('department.applicant.block');
    expect(bySpecialist.entries.every((e) => e.device === 'console' && e.actor.fullName !== null)).toBe(true);
    const refused = bySpecialist.entries.find((e) => e.refused === 'account_not_blocked');
    expect(refused?.objectType).toBe('department_command');

    const [applicant] = await database.db.query<{ id: string }>(
      `select id from applicants where login = 'shared.parent'`,
    );
    const byObject = await audit(specialist, { objectId: applicant!.id });
    expect(byObject.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['department.applicant.block', 'department.applicant.unblock']),
    );
    const times = byObject.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const theirs = await audit(other, {});
    expect(theirs.entries.every((e) => e.actor.login === 'acc.other')).toBe(true);
    expect((await audit(other, { objectId: applicant!.id })).total).toBe(0);
    expect((await audit(other, { kindergartenId: demoKindergarten.id })).total).toBe(0);
    expect((await audit(other, { account: 'acc.spec' })).total).toBe(0);
    expect((await admin.get('/api/department/audit?page=0')).status).toBe(400);
  });
});
