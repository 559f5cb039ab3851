import { migrate } from '../../server/db/migrate.js';
import { openPostgres } from '../../server/db/postgres.js';
import type { Db } from '../../server/db/db.js';
import { seedDemo } from '../../server/db/seed.js';
import { systemClock } from '../../server/clock.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres.js';
import { spawnServerProcess, type ServerProcess } from '../../test/support/server-process.js';

export interface BenchEnvironment {
  cluster: PostgresCluster;
  /** A fresh database per scenario run: its URL and a pool. */
  database(name: string): Promise<{ url: string; db: Db; drop(): Promise<void> }>;
  servers(url: string, count: number): Promise<ServerProcess[]>;
  stop(): Promise<void>;
}

/** One real PostgreSQL cluster for the whole benchmark run (the same one pgbench measures). */
export async function benchEnvironment(): Promise<BenchEnvironment> {
  const cluster = await startPostgresCluster();
  const spawned: ServerProcess[] = [];
  return {
    cluster,
    async database(name) {
      const admin = await openPostgres(cluster.url, 1);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.close();
      const url = cluster.url.replace(/\/postgres$/, `/${name}`);
      const db = await openPostgres(url, 20);
      await migrate(db);
      await seedDemo(db, systemClock);
      await installShippedData(db, systemClock);
      return {
        url,
        db,
        async drop() {
          await db.close();
          const again = await openPostgres(cluster.url, 1);
          await again.query(`drop database if exists ${name} with (force)`);
          await again.close();
        },
      };
    },
    async servers(url, count) {
      const started = await Promise.all(
        Array.from({ length: count }, () => spawnServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'error' })),
      );
      spawned.push(...started);
      return started;
    },
    async stop() {
      await Promise.all(spawned.map((s) => s.stop()));
      await cluster.stop();
    },
  };
}
