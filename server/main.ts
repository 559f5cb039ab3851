import { systemClock, type Clock } from './clock.js';
import { configFromEnv, type ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { demoAccounts, seedDemo } from './demo/seed-kindergarten.js';
import { DemoClock } from './demo/demo-clock.js';
import { demoGuide } from './demo/demo-guide.js';
import { seedDemoCity } from './demo/seed-city.js';
import { startServer } from './server.js';

/** What an empty database gets: the demo city (default), the one demo kindergarten, or nothing. */
async function seed(db: Db, clock: Clock, config: ServerConfig): Promise<boolean> {
  if (config.seedDemo === 'off') return false;
  if (config.seedDemo === 'kindergarten') return seedDemo(db, clock);
  return (await seedDemoCity(db, clock, { seed: config.demoSeed ?? 1 })) !== null;
}

/**
 * `npm run server`: the central endpoint on PGlite (default) or PostgreSQL (DATABASE_URL).
 * Several processes may run on one PostgreSQL: migrations and the demo seed take advisory locks,
 * and LISTEN/NOTIFY carries changes between them. The first line printed names the URL with the
 * real port (PORT=0 picks a free one), for whoever started the process.
 */
async function main() {
  const config = configFromEnv();
  const db = await openDatabase(config);
  await migrate(db);
  // The demo clock (moved by `npm run admin -- demo:clock`): DEMO_CLOCK, on by default wherever demo data may be.
  const clock = config.demoClock ? await DemoClock.start(db) : systemClock;
  const seeded = await seed(db, clock, config);
  const server = await startServer(config, { db, clock });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Central server listening on ${server.url} — database: ${where}${seeded ? ' (demo data seeded)' : ''}`);
  if (config.seedDemo === 'kindergarten') {
    console.log(`Demo sign-in: ${demoAccounts.map((a) => `${a.login} / ${a.password} (${a.role})`).join(', ')}`);
  } else if (config.seedDemo !== 'off') {
    for (const line of await demoGuide(db, clock, server.url)) console.log(line);
  }
  const shutdown = async () => {
    try {
      await server.close();
      if (clock instanceof DemoClock) await clock.stop();
      await db.close();
      process.exit(0);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
