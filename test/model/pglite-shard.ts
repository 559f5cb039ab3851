import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { Harness } from './harness.js';
import { assertModel, settingsFromEnv } from './run.js';

/** Sequences `npm test` runs, split over the shard files the integration project runs side by side. */
export const MODEL_SEQUENCES = 300;
export const MODEL_SHARDS = 6;

/**
 * One part of the model's run on PGlite (docs/rules.md, "Invariants and the model"): random
 * sequences of the head's, parents', the department's and the clock's actions, each step checked
 * against the model and the database invariants, each sequence ended by a full pull and replayed
 * without scheduler rounds. `MODEL_RUNS` is the total over the parts; a replay (`MODEL_SEED` and
 * `MODEL_PATH`) runs its one sequence in whichever part file is run. A failure prints both.
 */
export function describeModelShard(shard: number): void {
  describe(`the intake model on PGlite (part ${shard} of ${MODEL_SHARDS})`, () => {
    let database: TestDatabase;
    let harness: Harness;

    beforeAll(async () => {
      database = await openTestDatabase('pglite');
      harness = new Harness(database.db);
      await harness.start();
    }, 300_000);
    afterAll(async () => {
      await harness?.close();
      await database?.drop();
    });

    it('finds every sequence of actions keeping the intake invariants and the model, with or without the scheduler', async () => {
      const settings = settingsFromEnv({ runs: MODEL_SEQUENCES });
      settings.runs = Math.ceil(settings.runs / MODEL_SHARDS);
      const { sequences, steps } = await assertModel(harness, settings);
      // A replay (MODEL_PATH) runs the one sequence it names.
      expect(sequences).toBeGreaterThanOrEqual(settings.path === undefined ? settings.runs : 1);
      expect(steps / sequences).toBeGreaterThanOrEqual(settings.minSteps);
    }, 900_000);
  });
}
