import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { demoAccounts, seedDemo } from './db/seed.js';
import { startServer } from './server.js';

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
  const seeded = config.seedDemo === 'off' ? false : await seedDemo(db, systemClock);
  const server = await startServer(config, { db });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  console.log(`Central server listening on ${server.url} — database: ${where}${seeded ? ' (demo data seeded)' : ''}`);
  console.log(`Demo sign-in: ${demoAccounts.map((a) => `${a.login} / ${a.password} (${a.role})`).join(', ')}`);
  const shutdown = async () => {
    try {
      await server.close();
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
