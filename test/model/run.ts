import fc from 'fast-check';
import { actionArbitraries, openingArbitrary, type Action } from './actions.js';
import { canonicalDocuments, documentDifferences } from './canonical.js';
import type { Harness, Snapshot } from './harness.js';
import { invariantViolations } from './invariants.js';
import { ModelMismatch, System, type RunOptions } from './system.js';
import { worldArbitrary, type WorldSpec } from './world.js';

/**
 * One sequence against the real server: the world laid out, every action run and checked (the
 * model's prediction, the database invariants, the model's expected state), then a full pull
 * through the replication API checked by the same invariants and against the database.
 */
export async function runSequence(
  h: Harness,
  world: WorldSpec,
  actions: Iterable<fc.AsyncCommand<System, System>>,
  options: RunOptions,
): Promise<{ log: string[]; pulled: Snapshot; sys: System }> {
  await h.reset(world);
  const sys = new System(h, world, options);
  await fc.asyncModelRun(() => ({ model: sys, real: sys }), actions);
  const now = h.clock.now();
  const pulled = await h.pull();
  const direct = { ...(await h.snapshot()), commands: pulled.commands };
  const problems = invariantViolations(pulled, now);
  const known = (id: string) => sys.isKnownId(id);
  const differences = documentDifferences(canonicalDocuments(pulled, known), canonicalDocuments(direct, known), 6, [
    'pulled',
    'read',
  ]);
  if (differences.length)
    problems.push(`the full pull differs from what the database holds:\n  ${differences.join('\n  ')}`);
  if (problems.length)
    throw new ModelMismatch(`full pull at the end (${now.toISOString()}):\n  ${problems.join('\n  ')}`);
  return { log: sys.log, pulled, sys };
}

/**
 * The sequence twice: with the scheduler rounds it draws, then with none. Every outcome and every
 * pulled document (display stamps aside) must be the same: no decision depends on whether a job ran.
 */
export async function checkSequence(
  h: Harness,
  world: WorldSpec,
  actions: Iterable<fc.AsyncCommand<System, System>>,
  pullEachStep = false,
): Promise<string[]> {
  const withJobs = await runSequence(h, world, actions, { scheduler: true, pullEachStep });
  const withoutJobs = await runSequence(h, world, actions, {
    scheduler: false,
    pullEachStep: false,
    checkEachStep: pullEachStep,
  });
  const outcomes = (log: string[]) => log.filter((line) => !line.startsWith('schedulerRound'));
  const a = outcomes(withJobs.log);
  const b = outcomes(withoutJobs.log);
  const first = a.findIndex((line, i) => line !== b[i]);
  if (first >= 0 || a.length !== b.length) {
    throw new ModelMismatch(
      `without scheduler rounds, step ${first} answered differently:\n  with: ${a[first]}\n  without: ${b[first]}`,
    );
  }
  const known = (id: string) => withJobs.sys.isKnownId(id);
  const differences = documentDifferences(
    canonicalDocuments(withJobs.pulled, known),
    canonicalDocuments(withoutJobs.pulled, known),
  );
  if (differences.length) {
    throw new ModelMismatch(`without scheduler rounds the pulled documents differ:\n  ${differences.join('\n  ')}`);
  }
  return withJobs.log;
}

export interface ModelRunSettings {
  runs: number;
  seed?: number;
  path?: string;
  minSteps: number;
  maxSteps: number;
  only: ReadonlySet<string> | null;
  pullEachStep: boolean;
  timeoutMs?: number;
  /** MODEL_STATS=1: print how often each action answered what (to see what the generators reach). */
  stats: boolean;
}

/** Settings from the environment: MODEL_RUNS, MODEL_SEED, MODEL_PATH, MODEL_MIN_STEPS, MODEL_MAX_STEPS, MODEL_ACTIONS. */
export function settingsFromEnv(defaults: Partial<ModelRunSettings> = {}): ModelRunSettings {
  const env = process.env;
  const number = (name: string) => (env[name] ? Number(env[name]) : undefined);
  return {
    runs: number('MODEL_RUNS') ?? defaults.runs ?? 300,
    seed: number('MODEL_SEED') ?? defaults.seed,
    path: env.MODEL_PATH ?? defaults.path,
    minSteps: number('MODEL_MIN_STEPS') ?? defaults.minSteps ?? 20,
    maxSteps: number('MODEL_MAX_STEPS') ?? defaults.maxSteps ?? 28,
    only: env.MODEL_ACTIONS ? new Set(env.MODEL_ACTIONS.split(',')) : (defaults.only ?? null),
    pullEachStep: env.MODEL_PULL_EACH_STEP === '1' || (defaults.pullEachStep ?? false),
    stats: env.MODEL_STATS === '1',
    ...(defaults.timeoutMs ? { timeoutMs: defaults.timeoutMs } : {}),
  };
}

/** The property: random worlds and action sequences, each checked with and without scheduler rounds. */
export async function assertModel(h: Harness, s: ModelRunSettings): Promise<{ sequences: number; steps: number }> {
  let sequences = 0;
  let steps = 0;
  const tally = new Map<string, number>();
  const sequence = fc
    .commands(actionArbitraries(s.only), { maxCommands: s.maxSteps, size: 'max' })
    .filter((cmds) => [...cmds].length >= s.minSteps);
  await fc.assert(
    fc.asyncProperty(worldArbitrary, openingArbitrary, sequence, async (world, opening, cmds) => {
      sequences += 1;
      const actions = [...opening, ...(cmds as Iterable<Action>)];
      steps += actions.length;
      const log = await h.timed('sequence', () => checkSequence(h, world, actions, s.pullEachStep));
      for (const line of log) {
        // `head.cancel(3) [departure.cancel] → ok`: the action's name and what it answered.
        const key = line.startsWith('jump') ? 'jump' : line.replace(/\(.*?\)/, '');
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
    }),
    {
      numRuns: s.runs,
      ...(s.seed !== undefined ? { seed: s.seed } : {}),
      ...(s.path !== undefined ? { path: s.path } : {}),
      ...(s.timeoutMs ? { interruptAfterTimeLimit: s.timeoutMs, markInterruptAsFailure: false } : {}),
      endOnFailure: false,
      reporter: (details) => {
        if (!details.failed) return;
        throw new Error(
          `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}\nReplay: MODEL_SEED=${details.seed} MODEL_PATH=${details.counterexamplePath ?? ''}`,
        );
      },
    },
  );
  if (s.stats) {
    const lines = [...tally].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${String(n).padStart(6)}  ${k}`);
    const times = [...h.timings].map(
      ([k, t]) => `${k} ${Math.round(t.ms)} ms / ${t.calls} = ${(t.ms / t.calls).toFixed(1)} ms`,
    );
    console.log(`${sequences} sequences, ${steps} steps:\n${lines.join('\n')}\n${times.join('\n')}`);
  }
  return { sequences, steps };
}
