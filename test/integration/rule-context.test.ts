import { systemClock } from '../../server/clock.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { ruleContextForCity, ruleContextForKindergarten } from '../../server/intake/rule-context.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';

/**
 * Every claim and command reads the calendar and the settings through a per-process cache kept
 * under a version the database bumps with every write to either (migration 0006). What the cache
 * answers must always be what the database holds for the reader.
 */
describe.each(databaseKinds)('the rule context cache on %s', (kind) => {
  let database: TestDatabase;
  let holiday: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, systemClock);
    await installShippedData(database.db, systemClock);
    const [row] = await database.db.query<{ date: string }>(
      `select min(date)::text as date from calendar_days where kind = 'holiday' and extract(isodow from date) < 6`,
    );
    holiday = row!.date;
  });
  afterAll(() => database.drop());

  const context = () => ruleContextForKindergarten(database.db, demoKindergarten.id);

  it('answers a calendar edit committed by anyone (another process, the admin CLI) at once', async () => {
    expect((await context()).calendar.isWorkingDay(holiday)).toBe(false);
    const cached = await context();
    expect(cached.calendar).toBe((await context()).calendar);
    await database.db.query(`update calendar_days set kind = 'working_day' where date = $1`, [holiday]);
    expect((await context()).calendar.isWorkingDay(holiday)).toBe(true);
    await database.db.query(`update calendar_days set kind = 'holiday' where date = $1`, [holiday]);
    expect((await context()).calendar.isWorkingDay(holiday)).toBe(false);
  });

  it('answers a settings edit at once, and a city without settings gets the defaults', async () => {
    const before = (await ruleContextForCity(database.db, 'petropavl')).settings;
    const changed = { ...before, maxChoices: before.maxChoices === 3 ? 4 : 3 };
    await database.db.query(
      `insert into regional_settings (city_id, settings, updated_at) values ('petropavl', $1, now())
       on conflict (city_id) do update set settings = excluded.settings, updated_at = now()`,
      [JSON.stringify(changed)],
    );
    expect((await ruleContextForCity(database.db, 'petropavl')).settings.maxChoices).toBe(changed.maxChoices);
  });

  it('never keeps what a rolled-back transaction saw', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.query(`update calendar_days set kind = 'working_day' where date = $1`, [holiday]);
        // Read (and cached) inside the transaction, with its own uncommitted edit.
        expect((await ruleContextForCity(tx, 'petropavl')).calendar.isWorkingDay(holiday)).toBe(true);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await context()).calendar.isWorkingDay(holiday)).toBe(false);
    // A later committed edit gets a version the rolled-back one never had.
    await database.db.query(`update calendar_days set source = source || ' ' where date = $1`, [holiday]);
    expect((await context()).calendar.isWorkingDay(holiday)).toBe(false);
  });
});
