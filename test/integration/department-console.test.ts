import { randomUUID } from 'node:crypto';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { departmentKindergartenListSchema, departmentScheduleListSchema } from '../../shared/department/schedule.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  departmentClient,
  departmentLogin,
  makeDepartmentAccount,
  makeOtherCity,
  makeSubmittedEntry,
  signedInDepartment,
} from '../support/department-client.js';
import { groupId } from '../support/intake-fixtures.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const NOW = new Date('2026-05-20T05:00:00Z');

describe.each(databaseKinds)('the department console API on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let otherKindergarten: string;
  let specialist: ReturnType<typeof departmentClient>;
  let otherCity: ReturnType<typeof departmentClient>;

  const entryStatus = async (id: string) =>
    (
      await database.db.query<{ status: string; decision_note: string }>(
        'select status, decision_note from schedule_entries where id = $1',
        [id],
      )
    )[0];
  const admin = async (...argv: string[]) => {
    const output = bufferOutput();
    const code = await runCli(argv, {
      db: database.db,
      clock: { now: () => new Date(NOW) },
      out: output.out,
      readStdin: async () => '',
      operator: 'test-operator',
    });
    return { code, ...output };
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db, { trustProxy: true });
    server.clock.set(NOW);
    await installShippedData(database.db, server.clock);
    otherKindergarten = await makeOtherCity(database.db);
    await makeDepartmentAccount(database.db, { login: 'spec', password: 'spec-password-1' });
    await makeDepartmentAccount(database.db, { login: 'astana', password: 'astana-password', cityId: 'astana' });
    specialist = await signedInDepartment(server.url, 'spec', 'spec-password-1');
    otherCity = await signedInDepartment(server.url, 'astana', 'astana-password');
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('creates a department admin by the CLI whose printed password signs in, and disabling it ends its sessions', async () => {
    const created = await admin(
      'department:create',
      '--city',
      'petropavl',
      '--login',
      'gorono.admin',
      '--full-name',
      'Ахметова Сауле',
      '--role',
      'admin',
    );
    expect(created.code).toBe(0);
    const password = created.lines.find((l) => l.startsWith('password: '))!.slice('password: '.length);
    const signedIn = await departmentLogin(server.url, 'gorono.admin', password, '10.0.0.6');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ account: { role: 'admin' }, city: { id: 'petropavl' } });
    const client = departmentClient(server.url, signedIn.body.token);
    expect((await client.get('/api/department/session')).status).toBe(200);
    expect(
      (await admin('department:create', '--city', 'nowhere', '--login', 'x.y.z', '--full-name', 'X', '--role', 'admin'))
        .code,
    ).toBe(1);
    expect((await admin('department:disable', '--login', 'gorono.admin')).code).toBe(0);
    expect((await client.get('/api/department/session')).status).toBe(401);
    expect((await departmentLogin(server.url, 'gorono.admin', password, '10.0.0.6')).status).toBe(401);
    const [audit] = await database.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action in ('admin.department:create', 'admin.department:disable')`,
    );
    expect(audit!.n).toBe(2);
  });

  it('answers each entry in the shared shape, its instants as the domain’s ISO text', async () => {
    const ours = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id, language: 'kk' });
    const [stored] = await database.db.query<{ submitted_at: Date }>(
      'select submitted_at from schedule_entries where id = $1',
      [ours],
    );
    const list = departmentScheduleListSchema.parse((await specialist.schedule()).body);
    expect(list.entries.find((e) => e.id === ours)).toMatchObject({
      kindergartenId: demoKindergarten.id,
      kindergartenNameRu: demoKindergarten.nameRu,
      language: 'kk',
      status: 'submitted',
      submittedAt: new Date(stored!.submitted_at).toISOString(),
      decidedAt: null,
    });
    const kindergartens = departmentKindergartenListSchema.parse(
      (await specialist.get('/api/department/kindergartens')).body,
    );
    expect(kindergartens).toContainEqual({
      id: demoKindergarten.id,
      nameRu: demoKindergarten.nameRu,
      nameKk: demoKindergarten.nameKk,
    });
  });

  it('lists only its own city’s submitted entries, filtered by kindergarten, dates, age group, language and state', async () => {
    const ours = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id, language: 'kk' });
    const theirs = await makeSubmittedEntry(database.db, { kindergartenId: otherKindergarten });
    const list = await specialist.schedule();
    expect(list.status).toBe(200);
    const ids = list.body.entries.map((e) => e.id);
    expect(ids).toContain(ours);
    expect(ids).not.toContain(theirs);
    expect(list.body.entries.find((e) => e.id === ours)).toMatchObject({ ageGroup: 'junior', language: 'kk' });
    expect((await otherCity.schedule()).body.entries.map((e) => e.id)).toEqual([theirs]);
    const ids2 = async (filter: Record<string, string>) =>
      (await specialist.schedule(filter)).body.entries.map((e) => e.id);
    expect(await ids2({ language: 'kk' })).toContain(ours);
    expect(await ids2({ language: 'ru' })).not.toContain(ours);
    expect(await ids2({ ageGroup: 'junior' })).toContain(ours);
    expect(await ids2({ ageGroup: 'middle' })).not.toContain(ours);
    expect(await ids2({ from: '2026-09-02' })).not.toContain(ours);
    expect(await ids2({ to: '2026-09-01', kindergartenId: demoKindergarten.id })).toContain(ours);
    expect(await ids2({ kindergartenId: otherKindergarten })).toEqual([]);
    expect(await ids2({ status: 'approved' })).not.toContain(ours);
    expect((await specialist.schedule({ language: 'de' })).status).toBe(400);
    const kindergartens = (await specialist.get('/api/department/kindergartens')).body as Array<{ id: string }>;
    expect(kindergartens.map((k) => k.id)).toEqual([demoKindergarten.id]);
  });

  it('approves an entry exactly once, audited, and the head can publish its seats at once', async () => {
    const junior = await groupId(database.db, 'Колокольчик');
    const entry = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id });
    const commandId = randomUUID();
    const first = await specialist.command('scheduleEntry.approve', { entryIds: [entry] }, commandId);
    expect(first.body).toMatchObject({ status: 'applied', rejection: null });
    expect((await entryStatus(entry))!.status).toBe('approved');
    const audit = () =>
      database.db.query(`select 1 from audit_log where object_id = $1 and department_account_id is not null`, [entry]);
    expect(await audit()).toHaveLength(1);
    const again = await specialist.command('scheduleEntry.approve', { entryIds: [entry] }, commandId);
    expect(again.body).toEqual(first.body);
    expect(await audit()).toHaveLength(1);
    // Another account sending the same id learns nothing and changes nothing.
    const stolen = await otherCity.command('scheduleEntry.approve', { entryIds: [entry] }, commandId);
    expect(stolen.body).toMatchObject({ status: 'rejected', rejection: { code: 'forbidden' } });
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const published = await head.push([
      newCommand('publication.publish', {
        publicationId: randomUUID(),
        groupId: junior,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2024,
        language: 'ru',
        seats: 3,
        availableFrom: '2026-09-01',
      }),
    ]);
    expect(published.body[0]).toMatchObject({ status: 'applied' });
  });

  it('returns an entry with its reason, which the head sees, edits and submits again', async () => {
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const entryId = randomUUID();
    const fields = { groupId: null, birthYear: 2023, language: 'ru', seats: 2, availableFrom: '2026-09-01', note: '' };
    expect((await head.push([newCommand('scheduleEntry.create', { entryId, ...fields })])).body[0]).toMatchObject({
      status: 'applied',
    });
    expect((await head.push([newCommand('scheduleEntry.submit', { entryId })])).body[0]).toMatchObject({
      status: 'applied',
    });
    const noReason = await specialist.command('scheduleEntry.return', { entryId, reason: '  ' });
    expect(noReason.body).toMatchObject({ status: 'rejected', rejection: { code: 'invalid_payload' } });
    const returned = await specialist.command('scheduleEntry.return', { entryId, reason: 'Мест в группе меньше' });
    expect(returned.body.status).toBe('applied');
    const pulled = await head.pull('scheduleEntries', null, 1000);
    expect(pulled.body.documents.find((d) => d.id === entryId)).toMatchObject({
      status: 'rejected',
      decisionNote: 'Мест в группе меньше',
    });
    // Returned is not approvable; the head edits (a draft again) and submits.
    const early = await specialist.command('scheduleEntry.approve', { entryIds: [entryId] });
    expect(early.body).toMatchObject({ rejection: { code: 'wrong_schedule_status', params: { status: 'rejected' } } });
    expect(
      (await head.push([newCommand('scheduleEntry.update', { entryId, ...fields, seats: 1 })])).body[0],
    ).toMatchObject({ status: 'applied' });
    expect((await head.push([newCommand('scheduleEntry.submit', { entryId })])).body[0]).toMatchObject({
      status: 'applied',
    });
    expect((await specialist.command('scheduleEntry.approve', { entryIds: [entryId] })).body.status).toBe('applied');
  });

  it('bulk-approves all of the listed entries or none, and never another city’s', async () => {
    const a = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id });
    const b = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id });
    const foreign = await makeSubmittedEntry(database.db, { kindergartenId: otherKindergarten });
    const mixed = await specialist.command('scheduleEntry.approve', { entryIds: [a, b, foreign] });
    expect(mixed.body).toMatchObject({ status: 'rejected', rejection: { code: 'not_found', params: { id: foreign } } });
    expect([
      (await entryStatus(a))!.status,
      (await entryStatus(b))!.status,
      (await entryStatus(foreign))!.status,
    ]).toEqual(['submitted', 'submitted', 'submitted']);
    const returnForeign = await specialist.command('scheduleEntry.return', { entryId: foreign, reason: 'нет' });
    expect(returnForeign.body.rejection?.code).toBe('not_found');
    expect((await specialist.command('scheduleEntry.approve', { entryIds: [a, b] })).body.status).toBe('applied');
    expect([(await entryStatus(a))!.status, (await entryStatus(b))!.status]).toEqual(['approved', 'approved']);
    expect((await specialist.command('scheduleEntry.approve', { entryIds: [a, a] })).body.rejection?.code).toBe(
      'invalid_payload',
    );
    expect((await specialist.command('nonsense.kind', {})).body.rejection?.code).toBe('unknown_kind');
  });

  it('refuses every console route without a department session, and a department token elsewhere', async () => {
    const staffToken = (await loginAs(server.url)).token;
    const routes: Array<[string, string]> = [
      ['GET', '/api/department/session'],
      ['GET', '/api/department/kindergartens'],
      ['GET', '/api/department/schedule'],
      ['POST', '/api/department/commands'],
      ['POST', '/api/department/logout'],
    ];
    for (const [method, path] of routes) {
      for (const authorization of [undefined, `Bearer ${staffToken}`]) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: authorization
            ? { authorization, 'content-type': 'application/json' }
            : { 'content-type': 'application/json' },
          ...(method === 'POST'
            ? { body: JSON.stringify({ id: randomUUID(), kind: 'scheduleEntry.approve', payload: {} }) }
            : {}),
        });
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    }
    const staffRoute = await fetch(`${server.url}/api/auth/session`, {
      headers: { authorization: `Bearer ${specialist.token}` },
    });
    expect(staffRoute.status).toBe(401);
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security: unknown[] }>>;
    };
    for (const [method, path] of routes) {
      expect(doc.paths[path]![method.toLowerCase()]!.security).toEqual([{ departmentSession: [] }]);
    }
    expect(doc.paths['/api/department/login']!.post!.security).toEqual([]);
  });

  it('locks a department sign-in after repeated wrong passwords, and the CLI lifts the lock', async () => {
    await makeDepartmentAccount(database.db, { login: 'locked.one', password: 'right-password' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await departmentLogin(server.url, 'locked.one', 'wrong', '10.0.0.7')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect((await departmentLogin(server.url, 'locked.one', 'right-password', '10.0.0.7')).status).toBe(429);
    expect((await admin('department:unlock', '--login', 'locked.one')).code).toBe(0);
    expect((await departmentLogin(server.url, 'locked.one', 'right-password', '10.0.0.7')).status).toBe(200);
  });

  it('lets a department administrator issue and disable accounts of its own city only, never storing the password', async () => {
    await makeDepartmentAccount(database.db, { login: 'city.admin', password: 'admin-password', role: 'admin' });
    const cityAdmin = departmentClient(
      server.url,
      (await departmentLogin(server.url, 'city.admin', 'admin-password', '10.0.0.8')).body.token,
    );
    const accountId = randomUUID();
    const fields = { accountId, login: 'new.spec', fullName: 'Новый Специалист', role: 'specialist' };
    const bySpecialist = await specialist.command('departmentAccount.create', { ...fields, password: 'new-spec-pass' });
    expect(bySpecialist.body.rejection?.code).toBe('forbidden');
    const created = await cityAdmin.command('departmentAccount.create', { ...fields, password: 'new-spec-pass' });
    expect(created.body.status).toBe('applied');
    const taken = await cityAdmin.command('departmentAccount.create', {
      ...fields,
      accountId: randomUUID(),
      password: 'other-password',
    });
    expect(taken.body.rejection).toEqual({ code: 'login_taken', params: { login: 'new.spec' } });
    const stored = await database.db.query<{ payload: unknown }>('select payload from department_commands');
    expect(JSON.stringify(stored)).not.toContain('new-spec-pass');
    const audited = await database.db.query<{ details: unknown }>('select details from audit_log');
    expect(JSON.stringify(audited)).not.toContain('new-spec-pass');
    const newcomer = await departmentLogin(server.url, 'new.spec', 'new-spec-pass', '10.0.0.8');
    expect(newcomer.body).toMatchObject({ account: { role: 'specialist' }, city: { id: 'petropavl' } });
    // Another city's account is not this administrator's to disable.
    const [astana] = await database.db.query<{ id: string }>(
      `select id from department_accounts where login = 'astana'`,
    );
    expect((await cityAdmin.command('departmentAccount.disable', { accountId: astana!.id })).body.rejection?.code).toBe(
      'not_found',
    );
    expect((await otherCity.get('/api/department/session')).status).toBe(200);
    // An administrator cannot disable their own account, and it stays signed in.
    const [self] = await database.db.query<{ id: string }>(
      `select id from department_accounts where login = 'city.admin'`,
    );
    expect((await cityAdmin.command('departmentAccount.disable', { accountId: self!.id })).body.rejection).toEqual({
      code: 'own_account',
      params: {},
    });
    expect((await cityAdmin.get('/api/department/session')).status).toBe(200);
    expect((await cityAdmin.command('departmentAccount.disable', { accountId })).body.status).toBe('applied');
    expect((await departmentClient(server.url, newcomer.body.token).get('/api/department/session')).status).toBe(401);
    expect((await cityAdmin.command('departmentAccount.disable', { accountId })).body.rejection?.code).toBe(
      'account_disabled',
    );
  });
});
