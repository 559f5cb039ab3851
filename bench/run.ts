import { writeResults, type ScenarioResult } from './harness.js';
import { pullPage } from './scenarios/pull-page.js';

/** `npm run bench`: each scenario against its same-run baseline; results in bench/results/. */
const scenarios: Record<string, () => Promise<ScenarioResult>> = { 'pull-page': pullPage };

const only = process.argv.slice(2);
const results: ScenarioResult[] = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`▶ ${name}`);
  results.push(await run());
}
console.log(writeResults(results));
