import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ADVISORY_LOCKS } from './advisory-locks.js';
import type { Db, Queryable } from './db.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** A migration file's name as it is on disk: `0003_intake_transitions.sql`. */
export const migrationFile = (m: Pick<Migration, 'version' | 'name'>) =>
  `${String(m.version).padStart(4, '0')}_${m.name}.sql`;

/**
 * The sha256 of a migration's SQL, line endings made `\n` first (a Windows checkout that turns them
 * into `\r\n` is the same migration).
 */
export const migrationChecksum = (sql: string) => createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: await readFile(migrationsDir + file, 'utf8'),
    })),
  );
}

/** Applied migrations whose file is no longer what was applied: the server must not start on them. */
export class ChangedMigrationError extends Error {
  constructor(readonly files: string[]) {
    super(
      `Applied migration${files.length > 1 ? 's' : ''} changed since applied: ${files.join(', ')}. ` +
        'Restore the file as it was (git history) and put the change in a new migration; the database was not touched.',
    );
    this.name = 'ChangedMigrationError';
  }
}

/**
 * Brings the database to the latest schema, in ONE transaction under an advisory lock (so two
 * server processes starting together never race; a second one waits, then finds nothing to do):
 *
 * 1. `schema_migrations` gets its `checksum` column if it has none (databases from before it);
 * 2. every applied migration is checked against its file's sha256 (`migrationChecksum`); one
 *    recorded without a checksum (that older database) records its file's now, on this first run;
 * 3. if any applied migration's file (or name) differs, it throws `ChangedMigrationError` naming
 *    each one, and the whole transaction rolls back: nothing is applied, nothing recorded;
 * 4. every pending migration runs, in version order, and is recorded with its checksum.
 *
 * Either all pending migrations apply or none does (a failing one rolls back the ones before it).
 * Resolves to the versions applied now. `migrations` is for tests; by default the files.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<number[]> {
  const files = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migrate]);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now(), checksum text)`);
    // Altered only where the column is missing: an ALTER locks the table against readers (another
    // process's /api/ready) until this transaction ends, however long the pending migrations take.
    const withChecksum = await tx.query(
      `select 1 from information_schema.columns
       where table_schema = current_schema() and table_name = 'schema_migrations' and column_name = 'checksum'`,
    );
    if (withChecksum.length === 0) await tx.query('alter table schema_migrations add column checksum text');
    const applied = new Map(
      (
        await tx.query<{ version: number; name: string; checksum: string | null }>(
          'select version, name, checksum from schema_migrations',
        )
      ).map((r) => [Number(r.version), r]),
    );
    const changed: string[] = [];
    for (const m of files) {
      const row = applied.get(m.version);
      if (!row) continue;
      const checksum = migrationChecksum(m.sql);
      if (row.name !== m.name || (row.checksum !== null && row.checksum !== checksum)) {
        changed.push(row.name === m.name ? migrationFile(m) : `${migrationFile(row)} (now ${migrationFile(m)})`);
      } else if (row.checksum === null) {
        await tx.query('update schema_migrations set checksum = $2 where version = $1', [m.version, checksum]);
      }
    }
    if (changed.length > 0) throw new ChangedMigrationError(changed);
    const done: number[] = [];
    for (const m of files) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        migrationChecksum(m.sql),
      ]);
      done.push(m.version);
    }
    return done;
  });
}

/** The highest migration applied to the database (0 before the first); throws when it has no migration table. */
export async function schemaVersion(db: Queryable): Promise<number> {
  const rows = await db.query<{ version: number }>('select max(version) as version from schema_migrations');
  return Number(rows[0]?.version ?? 0);
}
