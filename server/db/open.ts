import { mkdirSync } from 'node:fs';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** DATABASE_URL selects PostgreSQL; without it the embedded PGlite database in `dataDir` is used. */
export async function openDatabase(config: {
  databaseUrl?: string | undefined;
  databasePoolSize?: number | undefined;
  dataDir: string;
}): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize);
  mkdirSync(config.dataDir, { recursive: true });
  return openPglite({ dataDir: config.dataDir });
}
