import { ADVISORY_LOCKS } from '../../server/db/advisory-locks.js';
import { runTransitions } from '../../server/intake/scheduler.js';
import { systemClock } from '../../server/clock.js';
import { seedDemo } from '../../server/demo/seed-kindergarten.js';
import { openPostgres } from '../../server/db/postgres.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';

describe('the scheduler on real PostgreSQL with several processes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemo(database.db, systemClock);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('leads from one process at a time: a round that finds the lock taken skips, and the next round catches up', async () => {
    const other = await openPostgres(database.url!, 2);
    try {
      // Another process holds the leader lock in an open transaction.
      const holding = other.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.schedulerLeader]);
        const skipped = await runTransitions(database.db, systemClock);
        expect(skipped.led).toBe(false);
      });
      await holding;
      const rounds = await Promise.all([runTransitions(database.db, systemClock), runTransitions(other, systemClock)]);
      expect(rounds.filter((r) => r.led).length).toBeGreaterThanOrEqual(1);
      expect((await runTransitions(database.db, systemClock)).led).toBe(true);
    } finally {
      await other.close();
    }
  });
});
