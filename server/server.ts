import { systemClock, type Clock } from './clock.js';
import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { ChangeHub } from './events/change-hub.js';
import { buildApp } from './http/app.js';

export interface RunningServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** Opens (or is given) the database, migrates it, and listens. */
export async function startServer(
  config: ServerConfig,
  options: { db?: Db; clock?: Clock } = {},
): Promise<RunningServer> {
  const db = options.db ?? (await openDatabase(config));
  await migrate(db);
  const hub = new ChangeHub();
  await hub.start(db);
  const app = await buildApp({ db, clock: options.clock ?? systemClock, hub, config }, { logLevel: config.logLevel });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    db,
    async close() {
      await app.close();
      await hub.stop();
      if (!options.db) await db.close();
    },
  };
}
