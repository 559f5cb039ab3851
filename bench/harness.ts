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

export function writeResults(results: ScenarioResult[]): string {
  mkdirSync('bench/results', { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const r of results)
    writeFileSync(`bench/results/${r.scenario}.json`, JSON.stringify({ ...r, at: stamp }, null, 2));
  const lines = [
    '| scenario | subject (median) | baseline (median) | ratio | target |',
    '|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.subject.label}: ${r.subject.median.toFixed(2)} ${r.unit} (min ${r.subject.min.toFixed(2)}, max ${r.subject.max.toFixed(2)}) | ${r.baseline.label}: ${r.baseline.median.toFixed(2)} ${r.unit} | ${r.ratio.toFixed(2)} | ${
          r.target
            ? `${r.target.maxRatio !== undefined ? `≤ ${r.target.maxRatio}` : `≥ ${r.target.minRatio}`} ${r.target.met ? 'met' : 'NOT MET'}`
            : '—'
        } |`,
    ),
  ];
  const markdown = `# Benchmark results\n\nMeasured ${stamp} on ${process.platform}/${process.arch}, Node ${process.version}.\n\n${lines.join('\n')}\n`;
  writeFileSync('bench/results/summary.md', markdown);
  return markdown;
}
