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
import { benchClusters, parseClusterChoice, type BenchEnvironment, type ClusterKind } from './support/environment.js';

/**
 * `npm run bench [--cluster=fast|durable|both] [scenario …]`: each scenario against its same-run
 * baseline; results in bench/results/<scenario>.json and bench/results/summary.md. Scenarios on
 * PostgreSQL share the clusters started here (and stopped at the end): the throughput scenarios
 * (`onEveryCluster`) run on both the fast cluster and the durable one, each against a baseline
 * measured on that same cluster; the others run on the fast one (or the only kind asked for).
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

/** Throughput scenarios: run on every cluster kind asked for, fast and durable beside each other. */
const onEveryCluster = new Set(['claim-throughput', 'offline-backlog', 'claim-storm']);

const choice = parseClusterChoice(process.argv.slice(2));
if ('error' in choice) {
  console.error(choice.error);
  process.exit(2);
}
const only = choice.rest;
const unknown = only.filter((name) => !scenarios[name]);
if (unknown.length) {
  console.error(`Unknown scenario: ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const clusters = benchClusters(choice.kinds);
const results: ScenarioResult[] = [];
try {
  for (const [name, run] of Object.entries(scenarios)) {
    if (only.length ? !only.includes(name) : onlyWhenNamed.has(name)) continue;
    const kinds: readonly ClusterKind[] = onEveryCluster.has(name) ? clusters.kinds : [clusters.kinds[0]!];
    for (const kind of kinds) {
      console.log(`▶ ${name} (${kind} cluster)`);
      for (const result of [await run(await clusters.get(kind))].flat()) {
        if (onEveryCluster.has(name)) result.cluster ??= kind;
        console.log(
          `  ${result.subject.label}: median ${result.subject.median.toFixed(2)} ${result.unit}; ratio ${result.ratio.toFixed(2)}${result.notes ? `; ${result.notes}` : ''}`,
        );
        results.push(result);
      }
    }
  }
} finally {
  await clusters.stop();
}
console.log(writeResults(results, clusters.kinds[0]!));
