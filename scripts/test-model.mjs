// `npm run test:model -- [--runs N] [--seed S] [--path P] [--actions a,b]`: the long run of the intake
// model on real PostgreSQL, a full pull after every step (docs/rules.md, "Invariants and the model").
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    actions: { type: 'string' },
    'min-steps': { type: 'string' },
    'max-steps': { type: 'string' },
  },
});
const env = { ...process.env };
if (values.runs) env.MODEL_RUNS = values.runs;
if (values.seed) env.MODEL_SEED = values.seed;
if (values.path) env.MODEL_PATH = values.path;
if (values.actions) env.MODEL_ACTIONS = values.actions;
if (values['min-steps']) env.MODEL_MIN_STEPS = values['min-steps'];
if (values['max-steps']) env.MODEL_MAX_STEPS = values['max-steps'];
const result = spawnSync(join('node_modules', '.bin', 'vitest'), ['run', '--project', 'model'], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
