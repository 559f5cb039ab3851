import { writeResults, type ScenarioResult } from './harness.js';
import { bigCity } from './scenarios/big-city.js';
import { claimStorm } from './scenarios/claim-storm.js';
import { claimThroughput } from './scenarios/claim-throughput.js';
import { firstSync } from './scenarios/first-sync.js';
import { idleStreams } from './scenarios/idle-streams.js';
import { livePropagation } from './scenarios/live-propagation.js';
import { offlineBacklog } from './scenarios/offline-backlog.js';
import { printing } from './scenarios/printing.js';
import { pullPage } from './scenarios/pull-page.js';
import { streams } from './scenarios/streams.js';
import { streamStall } from './scenarios/stream-stall.js';
import { benchEnvironment, type BenchEnvironment } from './support/environment.js';

/**
 * `npm run bench [scenario …]`: each scenario against its same-run baseline; results in
 * bench/results/<scenario>.json and bench/results/summary.md. Scenarios on PostgreSQL share one
 * cluster started here (and stopped at the end).
 */
const scenarios: Record<string, (env: BenchEnvironment) => Promise<ScenarioResult | ScenarioResult[]>> = {
  'pull-page': () => pullPage(),
  'claim-storm': claimStorm,
  'claim-throughput': claimThroughput,
  'offline-backlog': offlineBacklog,
  streams,
  'live-propagation': livePropagation,
  'first-sync': firstSync,
  printing,
  'stream-stall': streamStall,
  'idle-streams': idleStreams,
  'big-city': bigCity,
};
/** Scenarios of several minutes: run only when named (`npm run bench big-city`). */
const onlyWhenNamed = new Set(['big-city']);

const only = process.argv.slice(2);
const unknown = only.filter((name) => !scenarios[name]);
if (unknown.length) {
  console.error(`Unknown scenario: ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const env = await benchEnvironment();
const results: ScenarioResult[] = [];
try {
  for (const [name, run] of Object.entries(scenarios)) {
    if (only.length ? !only.includes(name) : onlyWhenNamed.has(name)) continue;
    console.log(`▶ ${name}`);
    for (const result of [await run(env)].flat()) {
      console.log(
        `  ${result.subject.label}: median ${result.subject.median.toFixed(2)} ${result.unit}; ratio ${result.ratio.toFixed(2)}${result.notes ? `; ${result.notes}` : ''}`,
      );
      results.push(result);
    }
  }
} finally {
  await env.stop();
}
console.log(writeResults(results));
