import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeIin } from '../../shared/domain/iin.js';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import type { Db } from '../../server/db/db.js';
import { migrate } from '../../server/db/migrate.js';
import { openPostgres } from '../../server/db/postgres.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { systemClock } from '../../server/clock.js';
import { openTestDatabase, postgresAdminUrl, type TestDatabase } from '../support/databases.js';
import { freePort, postgresBinDir } from '../support/postgres.js';

const run = promisify(execFile);
const bin = (name: string) => join(postgresBinDir(), name);
const isRoot = process.getuid?.() === 0;
/** Server-side tools run as the postgres user when the tests run as root (PostgreSQL refuses root). */
const asPostgres = (cmd: string, args: string[]) =>
  isRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);

/** Row counts of every table of the public schema. */
async function countsPerTable(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`);
    counts[table_name] = row?.n ?? -1;
  }
  return counts;
}

/** A checksum of every row of a table, in a fixed order. */
async function checksum(db: Db, table: string): Promise<string> {
  const [row] = await db.query<{ sum: string }>(
    `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${table}" t`,
  );
  return row?.sum ?? '';
}

const checkedTables = ['kindergartens', 'staff', 'applicants', 'schedule_entries', 'audit_log', 'schema_migrations'];

/** Rows the replication pull cannot see yet: written by a transaction not older than every running one. */
async function rowsHiddenFromPull(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from kindergartens where change_txid >= pg_snapshot_xmin(pg_current_snapshot())`,
  );
  return row?.n ?? -1;
}

/** The highest change_txid of any replicated table: what the restore procedure's epoch step reads. */
async function maxChangeTxid(db: Db): Promise<bigint> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'change_txid'`,
  );
  const union = tables
    .map((t) => `select max(change_txid)::text::numeric as m from "${t.table_name}"`)
    .join(' union all ');
  const [row] = await db.query<{ m: string | null }>(`select max(m)::text as m from (${union}) all_tables`);
  return BigInt(row?.m ?? 0);
}

describe('PostgreSQL backup (pg_dump) and restore (pg_restore)', () => {
  let source: TestDatabase;
  let dir: string;
  const adminUrl = () => postgresAdminUrl();
  const databaseUrl = (base: string, name: string) => base.replace(/\/postgres$/, `/${name}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-backup-'));
    if (isRoot) chownSync(dir, ...postgresIds());
    source = await openTestDatabase('postgres');
    // Consume transaction ids, as a long-running city server has: the data below then carries
    // change_txid values higher than a freshly created PostgreSQL server has reached.
    await source.db.exec(`create temporary table burn (i int);
      do $$ begin for i in 1..3000 loop begin insert into burn values (i); exception when others then null; end; end loop; end $$;`);
    await seedData(source.db, dir);
  });
  afterAll(async () => {
    await source?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function dump(): Promise<string> {
    const file = join(dir, 'city.dump');
    await run(bin('pg_dump'), ['--format=custom', '--file', file, '--dbname', source.url!]);
    return file;
  }

  it('restores a custom-format dump into a fresh database with the same rows, and migrate() has nothing to do', async () => {
    const file = await dump();
    const name = `restored_${process.pid}`;
    const admin = await openPostgres(adminUrl(), 1);
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    try {
      await run(bin('pg_restore'), [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        databaseUrl(adminUrl(), name),
        file,
      ]);
      const restored = await openPostgres(databaseUrl(adminUrl(), name), 2);
      try {
        const counts = await countsPerTable(restored);
        expect(counts).toEqual(await countsPerTable(source.db));
        expect(counts).toMatchObject({ kindergartens: 2, applicants: 12, schedule_entries: 1 });
        for (const table of checkedTables)
          expect(await checksum(restored, table)).toBe(await checksum(source.db, table));
        const seq = 'select last_value::text as v from change_seq';
        expect(await restored.query(seq)).toEqual(await source.db.query(seq));
        expect(await migrate(restored)).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  });

  it('onto a new PostgreSQL server, keeps replication checkpoints valid once the transaction-id epoch is moved on', async () => {
    const file = await dump();
    const cluster = await newCluster(join(dir, 'new-server'));
    try {
      await cluster.start();
      let db = await openPostgres(cluster.url, 2);
      await db.query('create database city');
      await db.close();
      const cityUrl = databaseUrl(cluster.url, 'city');
      await run(bin('pg_restore'), [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        cityUrl,
        file,
      ]);

      db = await openPostgres(cityUrl, 2);
      // The new server's transaction counter is behind the restored change_txid values: the
      // replication pull would not see the restored rows, and new writes would sort before the
      // checkpoints replicas already hold.
      expect(await rowsHiddenFromPull(db)).toBeGreaterThan(0);
      const restoredMax = await maxChangeTxid(db);
      await db.close();

      // The documented step: stop, move the epoch past the restored values, start.
      await cluster.stop();
      const epoch = (restoredMax >> 32n) + 1n;
      await asPostgres(bin('pg_resetwal'), ['-e', String(epoch), '-D', cluster.data]);
      await cluster.start();

      db = await openPostgres(cityUrl, 2);
      try {
        expect(await rowsHiddenFromPull(db)).toBe(0);
        expect(await countsPerTable(db)).toEqual(await countsPerTable(source.db));
        await db.query(`update kindergartens set address = 'после восстановления' where id = $1`, [
          demoKindergarten.id,
        ]);
        const [changed] = await db.query<{ txid: string }>(
          'select change_txid::text as txid from kindergartens where id = $1',
          [demoKindergarten.id],
        );
        expect(BigInt(changed!.txid)).toBeGreaterThan(restoredMax);
        expect(await migrate(db)).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }
  });
});

/** The department's everyday data, written through the admin CLI. */
async function seedData(db: Db, dir: string) {
  await seedDemo(db, systemClock);
  const admin = async (...argv: string[]) => {
    const output = bufferOutput();
    const code = await runCli(argv, { db, clock: systemClock, out: output.out, operator: 'backup-test' });
    if (code !== 0) throw new Error(`${argv[0]} failed: ${output.errorText()}`);
    return output.lines;
  };
  const [secondId] = await admin(
    'kindergarten:create',
    '--name-ru',
    'Ясли-сад № 7',
    '--name-kk',
    '№ 7 бөбекжай',
    '--city',
    'petropavl',
  );
  await admin(
    'staff:create',
    '--kindergarten',
    secondId!,
    '--login',
    'backup.head',
    '--full-name',
    'Б',
    '--role',
    'head',
  );
  const header = 'iin,last_name,first_name,birth_date,language,priority,applied_at,choices,representative_full_name';
  const rows = Array.from({ length: 12 }, (_, i) => {
    const birth = `2022-0${(i % 9) + 1}-1${i % 10}`;
    const iin = [i * 10, i * 10 + 1].map((s) => tryIin(birth, s)).find(Boolean)!;
    return `${iin},Фамилия${i},Имя${i},${birth},${i % 2 ? 'ru' : 'kk'},general,2023-01-0${(i % 9) + 1} 10:00,"${demoKindergarten.id};${secondId}",Родитель ${i}`;
  });
  const file = join(dir, 'queue.csv');
  writeFileSync(file, [header, ...rows].join('\n'));
  await admin('queue:import', '--city', 'petropavl', '--file', file);
  await db.query(
    `insert into schedule_entries (id, kindergarten_id, birth_year, language, seats, available_from, status, submitted_at, updated_at)
     values ('0191d2a0-0000-7000-8000-00000000e001', $1, 2021, 'ru', 5, '2026-09-01', 'submitted', now(), now())`,
    [demoKindergarten.id],
  );
  await admin('schedule:approve', '--entry', '0191d2a0-0000-7000-8000-00000000e001');
}

function tryIin(birthDate: string, serial: number): string | null {
  try {
    return makeIin(birthDate, 'female', serial);
  } catch {
    return null;
  }
}

function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return [id('-u'), id('-g')];
}

/** A second, empty PostgreSQL server: the machine a backup is restored onto after losing the first. */
async function newCluster(root: string) {
  const data = join(root, 'data');
  mkdirSync(root, { recursive: true });
  if (isRoot) chownSync(root, ...postgresIds());
  await asPostgres(bin('initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  return {
    data,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await asPostgres(bin('pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
      running = true;
    },
    async stop() {
      if (!running) return;
      await asPostgres(bin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
  };
}
