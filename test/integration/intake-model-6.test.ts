import { describeModelShard } from '../model/pglite-shard.js';

// Part 6 of the intake model's run on PGlite (test/model/pglite-shard.ts, docs/rules.md).
describeModelShard(6);
