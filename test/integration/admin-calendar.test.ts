import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { loadCalendar } from '../../server/intake/rule-context.js';
import { collectionPolicies } from '../../server/replication/collections.js';
import { pullChanges } from '../../server/replication/core.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { databaseKinds, openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/databases.js';

const clock = { now: () => new Date('2026-05-20T05:00:00Z') };

/** A seeded database of the kind, and the admin CLI run in-process against it. */
function useAdmin(kind: DatabaseKind) {
  const ctx = {} as { database: TestDatabase };
  beforeAll(async () => {
    ctx.database = await openTestDatabase(kind);
    await seedDemo(ctx.database.db, clock);
    await installShippedData(ctx.database.db, clock);
  });
  afterAll(async () => {
    await ctx.database?.drop();
  });
  return {
    get database() {
      return ctx.database;
    },
    async admin(...argv: string[]) {
      const output = bufferOutput();
      const code = await runCli(argv, { db: ctx.database.db, clock, out: output.out, operator: 'test' });
      return { code, text: output.text(), errors: output.errorText() };
    },
  };
}

describe.each(databaseKinds)('the department edits the working-day calendar on %s', (kind) => {
  const cli = useAdmin(kind);
  const admin = cli.admin;

  it('ships 2024–2027 and finds each shipped year consistent with the rules', async () => {
    for (const year of ['2024', '2025', '2026']) {
      const result = await admin('calendar:check', '--year', year);
      expect(result).toMatchObject({ code: 0, text: `${year}: the table agrees with the rules.` });
    }
  });

  it('prints the working days counted and the closing instant for a publication on a Friday', async () => {
    const result = await admin('calendar:workdays', '--from', '2026-06-05T15:00+05:00', '--days', '3');
    expect(result.code).toBe(0);
    expect(result.text).toContain('1. 2026-06-08 Monday');
    expect(result.text).toContain('3. 2026-06-10 Wednesday');
    expect(result.text).toContain('= 2026-06-10T18:59:59.999Z');
  });

  it('adds a decreed transfer that the next computation and every replica see', async () => {
    const before = await loadCalendar(cli.database.db);
    expect(before.isWorkingDay('2026-06-08')).toBe(true);
    const set = await admin(
      'calendar:set',
      '--date',
      '2026-06-08',
      '--kind',
      'day_off',
      '--name-ru',
      'Перенос',
      '--name-kk',
      'Ауыстыру',
      '--name-en',
      'Transfer',
      '--source',
      'Test order No. 1',
    );
    expect(set.code).toBe(0);
    expect((await loadCalendar(cli.database.db)).isWorkingDay('2026-06-08')).toBe(false);
    const shifted = await admin('calendar:workdays', '--from', '2026-06-05T15:00+05:00', '--days', '3');
    expect(shifted.text).toContain('= 2026-06-11T18:59:59.999Z');
    const pulled = await pullChanges(cli.database.db, collectionPolicies.calendarDays, demoKindergarten.id, null, 1000);
    expect(pulled.documents.find((d) => d.id === '2026-06-08')).toMatchObject({
      kind: 'day_off',
      source: 'Test order No. 1',
    });
    expect(await admin('calendar:check', '--year', '2026')).toMatchObject({
      text: expect.stringContaining('2026-06-08'),
    });
    expect((await admin('calendar:delete', '--date', '2026-06-08')).code).toBe(0);
    expect((await loadCalendar(cli.database.db)).isWorkingDay('2026-06-08')).toBe(true);
  });

  it('refuses a working day on a weekday, a bad date, and an unknown kind, changing nothing', async () => {
    const count = async () =>
      (await cli.database.db.query<{ n: number }>('select count(*)::int as n from calendar_days'))[0]!.n;
    const before = await count();
    expect(
      (
        await admin(
          'calendar:set',
          '--date',
          '2026-06-09',
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
        )
      ).code,
    ).toBe(1);
    expect(
      (
        await admin(
          'calendar:set',
          '--date',
          '2026-02-30',
          '--kind',
          'holiday',
          '--name-ru',
          'x',
          '--name-kk',
          'x',
          '--name-en',
          'x',
          '--source',
          'x',
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await admin(
          'calendar:set',
          '--date',
          '2026-06-09',
          '--kind',
          'party',
          '--name-ru',
          'x',
          '--name-kk',
          'x',
          '--name-en',
          'x',
          '--source',
          'x',
        )
      ).code,
    ).toBe(2);
    expect(await count()).toBe(before);
  });
});

describe.each(databaseKinds)('the department sets a city’s regional settings on %s', (kind) => {
  const cli = useAdmin(kind);
  const admin = cli.admin;

  it('shows the defaults with their units, changes them, and every replica receives the change', async () => {
    expect((await admin('settings:show', '--city', 'petropavl')).text).toContain('queue window: 3 working days');
    const set = await admin(
      'settings:set',
      '--city',
      'petropavl',
      '--patch',
      '{"queueWindow":{"length":1,"unit":"calendar_days"},"augustPause":null}',
    );
    expect(set).toMatchObject({ code: 0, text: expect.stringContaining('queue window: 1 calendar days') });
    expect(set.text).toContain('August publication pause: off');
    const pulled = await pullChanges(
      cli.database.db,
      collectionPolicies.regionalSettings,
      demoKindergarten.id,
      null,
      10,
    );
    expect(pulled.documents[0]).toMatchObject({
      id: 'petropavl',
      settings: { queueWindow: { length: 1, unit: 'calendar_days' }, augustPause: null },
    });
  });

  it('refuses a setting out of its range or unknown, changing nothing', async () => {
    const before = await admin('settings:show', '--city', 'petropavl', '--json');
    expect((await admin('settings:set', '--city', 'petropavl', '--patch', '{"minimumAgeMonths":-3}')).code).toBe(1);
    expect((await admin('settings:set', '--city', 'petropavl', '--patch', '{"windowLength":3}')).code).toBe(1);
    expect((await admin('settings:set', '--city', 'petropavl', '--patch', 'not json')).code).toBe(2);
    expect((await admin('settings:set', '--city', 'nowhere', '--patch', '{}')).code).toBe(1);
    expect((await admin('settings:show', '--city', 'petropavl', '--json')).text).toBe(before.text);
  });
});
