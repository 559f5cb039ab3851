import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { Harness } from './harness.js';
import { assertModel, settingsFromEnv } from './run.js';

/**
 * The long run of the intake model on real PostgreSQL, with a full pull through the replication API
 * after every step (not only at the end): `npm run test:model -- --runs 2000` (docs/rules.md).
 */
describe('the intake model on PostgreSQL (long run)', () => {
  let database: TestDatabase;
  let harness: Harness;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', 4);
    harness = new Harness(database.db);
    await harness.start();
  });
  afterAll(async () => {
    await harness?.close();
    await database?.drop();
  });

  it(
    'finds every sequence keeping the invariants and the model, checked on a full pull after every step',
    async () => {
      const settings = settingsFromEnv({ runs: 2000, pullEachStep: true, maxSteps: 40 });
      const { sequences } = await assertModel(harness, settings);
      expect(sequences).toBeGreaterThanOrEqual(settings.runs);
    },
    24 * 3600_000,
  );
});
