import { loadMigrations, migrate, migrationChecksum, type Migration } from '../../server/db/migrate.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { spawnServerProcess } from '../support/server-process.js';

const recorded = (database: TestDatabase) =>
  database.db.query<{ version: number; name: string; checksum: string | null }>(
    'select version, name, checksum from schema_migrations order by version',
  );

/** A new migration no database has yet: proves whether pending migrations were applied. */
const extra: Migration = {
  version: 9001,
  name: 'probe',
  sql: 'create table migration_probe (id integer primary key);',
};
const probeExists = async (database: TestDatabase) =>
  (await database.db.query(`select to_regclass('migration_probe') is not null as found`))[0]!.found === true;

describe.each(databaseKinds)('migration checksums on %s', (kind) => {
  let database: TestDatabase;
  let files: Migration[];

  beforeAll(async () => {
    files = await loadMigrations();
  });
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database?.drop();
  });

  it('records the sha256 of every applied migration, and a second run has nothing to do', async () => {
    expect(await recorded(database)).toEqual(
      files.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })),
    );
    expect(files.every((m) => /^[0-9a-f]{64}$/.test(migrationChecksum(m.sql)))).toBe(true);
    expect(await migrate(database.db)).toEqual([]);
  });

  it('refuses an applied migration whose file changed, naming it, and applies nothing', async () => {
    const edited = files.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql}\n-- an edit after release\n` } : m));
    const before = await recorded(database);
    await expect(migrate(database.db, [...edited, extra])).rejects.toThrow(
      /Applied migration changed since applied: 0002_intake_domain\.sql\. Restore the file/,
    );
    expect(await probeExists(database)).toBe(false);
    expect(await recorded(database)).toEqual(before);
  });

  it('names every changed or renamed applied migration', async () => {
    const edited = files.map((m) =>
      m.version === 1 ? { ...m, sql: m.sql.replace(/;/, '; ') } : m.version === 4 ? { ...m, name: 'renamed' } : m,
    );
    await expect(migrate(database.db, edited)).rejects.toThrow(
      'Applied migrations changed since applied: 0001_init.sql, 0004_demo_clock.sql (now 0004_renamed.sql).',
    );
  });

  it('takes a file with Windows line endings as the same migration', async () => {
    const crlf = files.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }));
    expect(await migrate(database.db, crlf)).toEqual([]);
  });

  it('records the checksums of a database migrated before checksums, on its first run, then checks them', async () => {
    await database.db.query('alter table schema_migrations drop column checksum');
    expect(await migrate(database.db, [...files, extra])).toEqual([extra.version]);
    expect(await recorded(database)).toEqual(
      [...files, extra].map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })),
    );
    const edited = files.map((m) => (m.version === 3 ? { ...m, sql: `${m.sql} ` } : m));
    await expect(migrate(database.db, edited)).rejects.toThrow('0003_intake_transitions.sql');
  });

  it('trusts an older database’s files on its first run, and holds them to those from then on', async () => {
    await database.db.query('alter table schema_migrations drop column checksum');
    const edited = files.map((m) => (m.version === 5 ? { ...m, sql: `${m.sql} ` } : m));
    // Without recorded checksums the edit cannot be seen: the first run trusts the files it finds…
    expect(await migrate(database.db, edited)).toEqual([]);
    // …and from then on holds them to it.
    await expect(migrate(database.db, files)).rejects.toThrow('0005_termination_note.sql');
  });
});

describe('a server process on a database whose applied migration changed', () => {
  it('refuses to start, naming the migration', async () => {
    const database = await openTestDatabase('postgres', 1);
    try {
      await database.db.query(`update schema_migrations set checksum = repeat('0', 64) where version = 3`);
      await expect(spawnServerProcess({ DATABASE_URL: database.url!, SEED_DEMO: 'off' })).rejects.toThrow(
        /server exited with 1:[\s\S]*Applied migration changed since applied: 0003_intake_transitions\.sql/,
      );
    } finally {
      await database.drop();
    }
  });
});
