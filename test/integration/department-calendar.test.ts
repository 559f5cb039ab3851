import { randomUUID } from 'node:crypto';
import type { CalendarPreview, DepartmentCalendarYear, DepartmentSettings } from '../../shared/department/calendar.js';
import { defaultRegionalSettings } from '../../shared/rules/index.js';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { loadSettings } from '../../server/intake/rule-context.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { apiClient } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeDepartmentAccount, makeOtherCity, signedInDepartment } from '../support/department-client.js';
import { groupId, makeApplicant, publishApprovedSeats } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

/** Wednesday 20 May 2026, 10:00 in Petropavl. Kurban Ait (27 May) is a holiday of the shipped table. */
const NOW = new Date('2026-05-20T05:00:00Z');
const FRIDAY = '2026-05-22';
const day = (date: string, kind: string) => ({
  date,
  kind,
  nameRu: 'Перенос',
  nameKk: 'Ауыстыру',
  nameEn: 'Transfer',
  source: 'Приказ Министра труда (тест)',
  provisional: false,
});

describe.each(databaseKinds)('the department’s calendar and settings on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof signedInDepartment>>;
  let specialist: Awaited<ReturnType<typeof signedInDepartment>>;
  let otherCity: Awaited<ReturnType<typeof signedInDepartment>>;
  let windowId: string;
  let referralId: string;

  const stored = async () => ({
    window: (
      await database.db.query<{ at: Date }>('select window_closes_at as at from publications where id = $1', [windowId])
    )[0]!.at.toISOString(),
    deadline: (
      await database.db.query<{ at: Date }>('select contract_deadline as at from referrals where id = $1', [referralId])
    )[0]!.at.toISOString(),
  });
  const calendarRow = async (date: string) =>
    (
      await database.db.query<{ kind: string }>('select kind from calendar_days where date = $1 and not deleted', [
        date,
      ])
    )[0]?.kind ?? null;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    server.clock.set(NOW);
    await installShippedData(database.db, server.clock);
    await makeOtherCity(database.db, 'calendar-city');
    await installShippedData(database.db, server.clock);
    await makeDepartmentAccount(database.db, { login: 'cal.admin', password: 'admin-password', role: 'admin' });
    await makeDepartmentAccount(database.db, { login: 'cal.spec', password: 'spec-password' });
    await makeDepartmentAccount(database.db, {
      login: 'cal.other',
      password: 'other-password',
      cityId: 'calendar-city',
      role: 'admin',
    });
    admin = await signedInDepartment(server.url, 'cal.admin', 'admin-password');
    specialist = await signedInDepartment(server.url, 'cal.spec', 'spec-password');
    otherCity = await signedInDepartment(server.url, 'cal.other', 'other-password');
    // An open queue window (21, 22, 25 May) and a contract deadline (21, 22, 25, 26, 28 May).
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const junior = await groupId(database.db, 'Колокольчик');
    windowId = await publishApprovedSeats(database.db, head, { groupId: junior, seats: 2 });
    const claimed = await publishApprovedSeats(database.db, head, { groupId: junior, seats: 1 });
    await database.db.query('update publications set window_closes_at = $2 where id = $1', [
      claimed,
      new Date(NOW.getTime() - 1),
    ]);
    await makeApplicant(database.db, {
      birthDate: '2024-03-01',
      appliedAt: '2025-01-10T04:00:00Z',
      login: 'cal.parent',
      password: 'secret-1',
    });
    const claim = await (await parentSignIn(server.url, 'cal.parent', 'secret-1')).claim(claimed);
    expect(claim.status).toBe(200);
    referralId = claim.body.referralId as string;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('shows a year with each day’s source and the rules’ check, the same national table to every city', async () => {
    const year = (await admin.get('/api/department/calendar?year=2026')).body as DepartmentCalendarYear;
    expect(year).toMatchObject({ year: 2026, today: '2026-05-20', discrepancies: [] });
    expect(year.years).toEqual(expect.arrayContaining([2024, 2025, 2026, 2027]));
    expect(year.days.find((d) => d.date === '2026-05-27')).toMatchObject({ kind: 'holiday', provisional: true });
    expect(year.days.every((d) => d.source.length > 0)).toBe(true);
    expect((await otherCity.get('/api/department/calendar?year=2026')).body).toEqual(year);
    expect((await admin.get('/api/department/calendar?year=1999')).status).toBe(400);
    expect((await admin.get('/api/department/calendar')).status).toBe(400);
  });

  it('previews an edit with the city’s open windows and deadlines it would have changed, and a specialist’s edit changes none of them', async () => {
    const before = await stored();
    expect(before).toEqual({ window: '2026-05-25T18:59:59.999Z', deadline: '2026-05-28T18:59:59.999Z' });
    const preview = (await admin.get(`/api/department/calendar/preview?date=${FRIDAY}&kind=day_off`))
      .body as CalendarPreview;
    expect(preview.refusal).toBeNull();
    expect(preview.discrepanciesAfter).toBe(1);
    expect(preview.affected.map((a) => [a.object, a.id, a.storedEnd, a.editedEnd])).toEqual([
      ['window', windowId, before.window, '2026-05-26T18:59:59.999Z'],
      ['deadline', referralId, before.deadline, '2026-05-29T18:59:59.999Z'],
    ]);
    // Another city's department sees none of this city's windows and deadlines.
    expect(
      ((await otherCity.get(`/api/department/calendar/preview?date=${FRIDAY}&kind=day_off`)).body as CalendarPreview)
        .affected,
    ).toEqual([]);
    const id = randomUUID();
    const set = await specialist.command('calendarDay.set', day(FRIDAY, 'day_off'), id);
    expect(set.body).toMatchObject({ status: 'applied', rejection: null });
    expect(await calendarRow(FRIDAY)).toBe('day_off');
    expect(await stored()).toEqual(before);
    // Once: the same id answers its outcome and writes nothing more.
    expect((await specialist.command('calendarDay.set', day(FRIDAY, 'day_off'), id)).body).toEqual(set.body);
    const audit = await database.db.query<{ details: { before: unknown; after: { kind: string } }; author: string }>(
      `select details, department_account_id as author from audit_log where action = 'department.calendarDay.set' and object_type = 'calendar_day' and object_id = $1`,
      [FRIDAY],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ before: null, after: { kind: 'day_off' } });
    const [author] = await database.db.query<{ id: string }>(
      `select id from department_accounts where login = 'cal.spec'`,
    );
    expect(audit[0]!.author).toBe(author!.id);
    // The year's check now names the edit; removing it restores the table, still changing nothing stored.
    const year = (await admin.get('/api/department/calendar?year=2026')).body as DepartmentCalendarYear;
    expect(year.discrepancies).toEqual([{ date: FRIDAY, issue: 'extra', have: 'day_off', want: null }]);
    const removal = (await admin.get(`/api/department/calendar/preview?date=${FRIDAY}`)).body as CalendarPreview;
    expect(removal.affected.map((a) => a.editedEnd)).toEqual([before.window, before.deadline]);
    expect((await specialist.command('calendarDay.delete', { date: FRIDAY })).body.status).toBe('applied');
    expect(await calendarRow(FRIDAY)).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('refuses past dates, kinds the weekday does not allow and a missing row, changing nothing', async () => {
    const refusal = async (kindName: string, payload: Record<string, unknown>) =>
      (await specialist.command(kindName, payload)).body.rejection;
    expect(await refusal('calendarDay.set', day('2026-05-19', 'holiday'))).toEqual({
      code: 'calendar_date_past',
      params: { date: '2026-05-19', today: '2026-05-20' },
    });
    expect(await refusal('calendarDay.delete', { date: '2026-05-01' })).toMatchObject({ code: 'calendar_date_past' });
    expect(await refusal('calendarDay.set', day('2026-05-21', 'working_day'))).toMatchObject({
      code: 'calendar_working_day_not_weekend',
    });
    expect(await refusal('calendarDay.set', day('2026-05-23', 'day_off'))).toMatchObject({
      code: 'calendar_day_off_on_weekend',
    });
    expect(await refusal('calendarDay.delete', { date: '2026-06-03' })).toMatchObject({
      code: 'calendar_day_not_found',
    });
    expect(await refusal('calendarDay.set', { ...day('2026-05-23', 'working_day'), source: '' })).toMatchObject({
      code: 'invalid_payload',
    });
    const preview = (await admin.get('/api/department/calendar/preview?date=2026-05-19&kind=holiday'))
      .body as CalendarPreview;
    expect(preview).toMatchObject({ refusal: { code: 'calendar_date_past' }, affected: [] });
    for (const date of ['2026-05-19', '2026-05-21', '2026-05-23']) expect(await calendarRow(date)).toBeNull();
    expect(await calendarRow('2026-05-01')).toBe('holiday');
    // The CLI keeps the same weekday rule (shared/calendar/edit.ts).
    const output = bufferOutput();
    const code = await runCli(
      [
        'calendar:set',
        '--date',
        '2026-05-21',
        '--kind',
        'working_day',
        '--name-ru',
        'x',
        '--name-kk',
        'x',
        '--name-en',
        'x',
        '--source',
        'x',
      ],
      { db: database.db, clock: server.clock, out: output.out, readStdin: async () => '', operator: 'test' },
    );
    expect(code).toBe(1);
    expect(output.errors.join('\n')).toContain('only a Saturday or Sunday can be made a working day');
  });

  it('changes the city’s settings from a stated instant, shown in force by the first read after it, audited, and only its own city’s', async () => {
    const read = async (who = specialist) => (await who.get('/api/department/settings')).body as DepartmentSettings;
    expect(await read()).toMatchObject({ cityId: 'petropavl', settings: defaultRegionalSettings, pending: null });
    const later = new Date(NOW.getTime() + 3600_000).toISOString();
    const next = { ...defaultRegionalSettings, queueWindow: { length: 2, unit: 'working_days' as const } };
    const past = await specialist.command('regionalSettings.change', {
      settings: next,
      effectiveFrom: new Date(NOW.getTime() - 1000).toISOString(),
    });
    expect(past.body.rejection).toMatchObject({ code: 'settings_effective_past' });
    const bad = await specialist.command('regionalSettings.change', {
      settings: { ...next, queueWindow: { length: 0, unit: 'working_days' } },
      effectiveFrom: null,
    });
    expect(bad.body.rejection).toMatchObject({
      code: 'invalid_payload',
      params: { field: 'settings.queueWindow.length' },
    });
    const stated = await specialist.command('regionalSettings.change', { settings: next, effectiveFrom: later });
    expect(stated.body.status).toBe('applied');
    expect(await read()).toMatchObject({
      settings: defaultRegionalSettings,
      pending: { settings: next, effectiveFrom: later },
    });
    expect((await loadSettings(database.db, 'petropavl')).queueWindow.length).toBe(3);
    // Another city's department sees and changes only its own settings.
    expect(await read(otherCity)).toMatchObject({ cityId: 'calendar-city', pending: null });
    const theirs = { ...defaultRegionalSettings, maxChoices: 2 };
    expect(
      (await otherCity.command('regionalSettings.change', { settings: theirs, effectiveFrom: null })).body.status,
    ).toBe('applied');
    expect((await read(otherCity)).settings.maxChoices).toBe(2);
    expect((await read()).settings.maxChoices).toBe(4);
    // The stated instant comes (no scheduler runs here): the console's next read shows the change in
    // force at once, having put it in force first; the head's next pull gets it.
    server.clock.set(new Date(NOW.getTime() + 3600_000));
    expect((await loadSettings(database.db, 'petropavl')).queueWindow.length).toBe(3);
    expect(await read()).toMatchObject({ settings: next, effectiveFrom: later, pending: null });
    expect((await loadSettings(database.db, 'petropavl')).queueWindow.length).toBe(2);
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const pulled = await head.pull('regionalSettings', null, 10);
    expect(pulled.body.documents[0]).toMatchObject({ settings: next });
    // The window stored before keeps its end.
    expect((await stored()).window).toBe('2026-05-25T18:59:59.999Z');
    const audit = await database.db.query<{ object_id: string; details: { effectiveFrom: string; state: string } }>(
      `select object_id, details from audit_log
        where action = 'department.regionalSettings.change' and object_type = 'regional_settings' order by id`,
    );
    expect(audit.map((a) => [a.object_id, a.details.state])).toEqual([
      ['petropavl', 'pending'],
      ['calendar-city', 'in_force'],
    ]);
    expect(audit[0]!.details.effectiveFrom).toBe(later);
    server.clock.set(NOW);
  });
});
