import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/migrate.js';
import { openPglite } from '../../server/db/pglite.js';
import { startPostgresCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    pgliteTemplate: string;
  }
}

/**
 * Once per test run: a real PostgreSQL cluster, and a migrated PGlite database dumped to a
 * file that every test clones (creating PGlite from scratch takes seconds; loading a dump, less than one).
 */
export default async function setup(project: TestProject) {
  const [cluster, template] = await Promise.all([startPostgresCluster(), makePgliteTemplate()]);
  project.provide('postgresUrl', cluster.url);
  project.provide('pgliteTemplate', template.file);
  return async () => {
    await cluster.stop();
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
