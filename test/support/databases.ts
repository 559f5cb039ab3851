import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Db } from '../../server/db/db.js';
import { migrate } from '../../server/db/migrate.js';
import { openPglite } from '../../server/db/pglite.js';
import { openPostgres } from '../../server/db/postgres.js';
import { recordPersonalData } from './test-logging.js';

export type DatabaseKind = 'pglite' | 'postgres';
export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase {
  db: Db;
  /** For PostgreSQL: the URL of this test's own database (other connections, other processes). */
  url: string | null;
  drop(): Promise<void>;
}

/** This worker's PostgreSQL cluster (its `postgres` database, for creating and dropping others). */
export function postgresAdminUrl(): string {
  const urls = inject('postgresUrls');
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return urls[(worker - 1) % urls.length]!;
}

/**
 * A fresh, migrated database of the given kind, isolated from every other test. Its `drop` first
 * notes the people's data it holds for the run's log scan (test/support/test-logging.ts).
 */
export async function openTestDatabase(kind: DatabaseKind, poolSize = 10): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = await readFile(inject('pgliteTemplate'));
    const db = await openPglite({ loadDataDir: new Blob([template]) });
    return {
      db,
      url: null,
      async drop() {
        await recordPersonalData(db);
        await db.close();
      },
    };
  }
  const adminUrl = postgresAdminUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(adminUrl, 1);
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = await openPostgres(url, poolSize);
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await recordPersonalData(db);
      await db.close();
      const again = await openPostgres(adminUrl, 1);
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}
