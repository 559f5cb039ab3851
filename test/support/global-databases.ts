import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/migrate.js';
import { openPglite } from '../../server/db/pglite.js';
import { startPostgresCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One cluster per worker (`VITEST_POOL_ID`): a test file's transactions never hold back another's checkpoint. */
    postgresUrls: string[];
    pgliteTemplate: string;
  }
}

/**
 * Once per test run: a real PostgreSQL cluster per worker, and a migrated PGlite database dumped
 * to a file that every test clones (creating PGlite from scratch takes seconds; loading a dump,
 * less than one). A cluster per worker because the pull checkpoint is cluster-wide (the oldest
 * running transaction of any database holds it back): files running side by side on one cluster
 * would delay each other's pulls and streams.
 */
export default async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const [template, ...clusters] = await Promise.all([
    makePgliteTemplate(),
    ...Array.from({ length: workers }, () => startPostgresCluster()),
  ]);
  project.provide(
    'postgresUrls',
    clusters.map((cluster) => cluster.url),
  );
  project.provide('pgliteTemplate', template.file);
  return async () => {
    await Promise.all(clusters.map((cluster) => cluster.stop()));
    template.remove();
  };
}

async function makePgliteTemplate() {
  const dir = mkdtempSync(join(tmpdir(), 'kg-pglite-'));
  const db = await openPglite();
  await migrate(db);
  const dump = await db.raw.dumpDataDir('none');
  await db.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
