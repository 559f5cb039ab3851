import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { CliError } from './errors.js';

/**
 * The server's own database, migrated. For embedded PGlite it refuses two things the server
 * would not notice: a directory that holds no database yet (a wrong DATA_DIR would otherwise
 * become a new, empty database), and a database another process has open (PGlite is one
 * process; two writers corrupt it).
 */
export async function openCliDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (!config.databaseUrl) {
    if (!existsSync(join(config.dataDir, 'PG_VERSION'))) {
      throw new CliError(
        `There is no database in ${config.dataDir}. Point DATA_DIR at the server's data directory, ` +
          'or start the server once (npm run server) to create it.',
      );
    }
    const pidFile = join(config.dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      throw new CliError(
        `The database in ${config.dataDir} is open in another process: stop the server first (the embedded ` +
          `database allows one process). If no server is running (it was killed), delete ${pidFile} and retry.`,
      );
    }
  }
  const db = await openDatabase(config);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
