import { systemClock, type Clock } from './clock.js';
import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { ChangeHub } from './events/change-hub.js';
import { buildApp } from './http/app.js';
import { startScheduler } from './intake/scheduler.js';
import { watchCalendarEnd } from './intake/calendar-end.js';
import { installShippedData } from './intake/shipped-data.js';
import type { CollectionRegistry } from './replication/core.js';

export interface RunningServer {
  /** The URL it listens on, with the real port (also when configured with port 0). */
  url: string;
  db: Db;
  close(): Promise<void>;
}

export interface StartOptions {
  /** A database opened by the caller (and closed by it); otherwise one is opened from the config. */
  db?: Db;
  clock?: Clock;
  /** The replicated collections; the production registry by default. */
  collections?: CollectionRegistry;
}

/**
 * Opens (or is given) the database, migrates it, installs the shipped calendar and settings,
 * starts the scheduler (one process leads at a time) and listens.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const db = options.db ?? (await openDatabase(config));
  const clock = options.clock ?? systemClock;
  await migrate(db);
  await installShippedData(db, clock);
  const hub = new ChangeHub();
  await hub.start(db);
  const app = await buildApp(
    {
      db,
      clock,
      hub,
      config,
      ...(options.collections ? { collections: options.collections } : {}),
    },
    {
      logLevel: config.logLevel,
      logFormat: config.logFormat ?? 'json',
      ...(config.logFile ? { logFile: config.logFile } : {}),
      trustProxy: config.trustProxy ?? false,
    },
  );
  const stopScheduler = config.schedulerIntervalMs
    ? startScheduler(db, clock, config.schedulerIntervalMs, (error) => app.log.error(error, 'scheduler round failed'))
    : () => undefined;
  const stopCalendarWatch = watchCalendarEnd(db, clock, (message) => app.log.warn(message));
  // Fastify answers with the bound address, so port 0 yields the real port.
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    // `localhost` binds both loopbacks; name the IPv4 one, which every client reaches.
    url: config.host === 'localhost' ? address.replace('[::1]', '127.0.0.1') : address,
    db,
    async close() {
      stopScheduler();
      stopCalendarWatch();
      await app.close();
      await hub.stop();
      if (!options.db) await db.close();
    },
  };
}
