import { mkdirSync, writeFileSync } from 'node:fs';

export interface Measurement {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export interface ScenarioResult {
  scenario: string;
  unit: string;
  subject: { label: string } & Measurement;
  baseline: { label: string } & Measurement;
  /** subject / baseline (median over median): how many baselines the subject costs. */
  ratio: number;
  target?: { maxRatio?: number; minRatio?: number; met: boolean };
  notes?: string;
  /**
   * The cluster it ran on, for the scenarios run on both (`fast`: fsync, synchronous_commit and
   * full_page_writes off; `durable`: PostgreSQL's defaults). Unset: the run's default cluster.
   */
  cluster?: 'fast' | 'durable';
}

export function summarize(runs: number[]): Measurement {
  const sorted = [...runs].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, runs };
}

/** Runs `fn` `times` times after one warm-up and returns what each run measured. */
export async function repeat(times: number, fn: () => Promise<number>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

const clusterNames = {
  fast: 'fast (fsync, synchronous_commit, full_page_writes off)',
  durable: 'durable (PostgreSQL defaults: fsync, synchronous_commit, full_page_writes on)',
};

function targetCell(r: ScenarioResult, judgedElsewhere: ReadonlySet<string>): string {
  if (!r.target) return r.cluster === 'fast' && judgedElsewhere.has(r.scenario) ? 'judged on durable' : '—';
  return `${r.target.maxRatio !== undefined ? `≤ ${r.target.maxRatio}` : `≥ ${r.target.minRatio}`} ${r.target.met ? 'met' : 'NOT MET'}`;
}

function measured(label: string, m: Measurement, unit: string): string {
  return `${label}: ${m.median.toFixed(2)} ${unit} (min ${m.min.toFixed(2)}, max ${m.max.toFixed(2)})`;
}

/**
 * Writes bench/results/<scenario>.json (for a scenario run on both clusters: `{ fast, durable }`,
 * each with its own baseline) and bench/results/summary.md: one row per result, then the
 * scenarios run on both clusters beside each other. `defaultCluster`: where the others ran.
 */
export function writeResults(results: ScenarioResult[], defaultCluster: 'fast' | 'durable' = 'fast'): string {
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const byScenario = new Map<string, ScenarioResult[]>();
  for (const r of results) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  for (const [scenario, rs] of byScenario) {
    const perCluster = rs.every((r) => r.cluster) && rs.length > 1;
    const body = perCluster
      ? { scenario, at: stamp, ...Object.fromEntries(rs.map((r) => [r.cluster!, r])) }
      : { ...rs[0]!, at: stamp };
    writeFileSync(`bench/results/${scenario}.json`, JSON.stringify(body, null, 2));
  }
  // A scenario whose target is judged on its durable result: its fast row says so.
  const judged = new Set(results.filter((r) => r.target && r.cluster === 'durable').map((r) => r.scenario));
  const lines = [
    '| scenario | cluster | subject (median) | baseline (median) | ratio | target |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.cluster ?? defaultCluster} | ${measured(r.subject.label, r.subject, r.unit)} | ${measured(r.baseline.label, r.baseline, r.unit)} | ${r.ratio.toFixed(2)} | ${targetCell(r, judged)} |`,
    ),
  ];
  const paired = [...byScenario].filter(
    ([, rs]) => rs.some((r) => r.cluster === 'fast') && rs.some((r) => r.cluster === 'durable'),
  );
  const side = paired.length
    ? [
        '',
        '## Fast | durable',
        '',
        'Each cluster with its own baseline measured on it in the same run; targets are judged on the durable one.',
        '',
        '| scenario | unit | fast: subject | fast: baseline | fast: ratio | durable: subject | durable: baseline | durable: ratio | target (durable) |',
        '|---|---|---|---|---|---|---|---|---|',
        ...paired.map(([scenario, rs]) => {
          const fast = rs.find((r) => r.cluster === 'fast')!;
          const durable = rs.find((r) => r.cluster === 'durable')!;
          return `| ${scenario} | ${fast.unit} | ${fast.subject.median.toFixed(2)} | ${fast.baseline.median.toFixed(2)} | ${fast.ratio.toFixed(2)} | ${durable.subject.median.toFixed(2)} | ${durable.baseline.median.toFixed(2)} | ${durable.ratio.toFixed(2)} | ${targetCell(durable, judged)} |`;
        }),
      ]
    : [];
  const notes = results
    .filter((r) => r.notes)
    .map((r) => `- ${r.scenario}${r.cluster ? ` (${r.cluster})` : ''}: ${r.notes}`);
  const clustersUsed = [...new Set(results.map((r) => r.cluster ?? defaultCluster))]
    .map((k) => `${clusterNames[k]}`)
    .join('; ');
  const markdown = `# Benchmark results\n\nMeasured ${stamp} on ${process.platform}/${process.arch}, Node ${process.version}. Clusters: ${clustersUsed}.\n\n${lines.join('\n')}\n${side.join('\n')}\n${notes.length ? `\n## Notes\n\n${notes.join('\n')}\n` : ''}`;
  writeFileSync('bench/results/summary.md', markdown);
  return markdown;
}
