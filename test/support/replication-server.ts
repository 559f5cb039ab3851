import { AdjustableClock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { seedDemo } from '../../server/demo/seed-kindergarten.js';
import type { CollectionRegistry } from '../../server/replication/core.js';
import { startServer } from '../../server/server.js';
import { recordPersonalData, testLogging } from './test-logging.js';
import { collectionsWithHumans, createHumansTable } from './test-collection.js';
import type { TestServer } from './test-server.js';

/**
 * The real central server on a free port with the demo kindergarten seeded, replicating the
 * given registry (by default the production collections plus the pushable test collection).
 */
export async function startReplicationServer(
  db: Db,
  options: { heartbeatMs?: number; collections?: CollectionRegistry } = {},
): Promise<TestServer> {
  const clock = new AdjustableClock();
  await seedDemo(db, clock);
  await createHumansTable(db);
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '',
      sessionTtlMs: 24 * 3600 * 1000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      rendererDir: null,
      ...testLogging(),
    },
    { db, clock, collections: options.collections ?? collectionsWithHumans },
  );
  return {
    url: server.url,
    db,
    clock,
    close: async () => {
      await recordPersonalData(db);
      await server.close();
    },
  };
}
