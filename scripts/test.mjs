// `npm test`: every check, one suite after another, each timed against its budget (README).
// Prints a closing line "N passed, N failed, N skipped" summed over the test suites.
// First the system tools the suites need (scripts/preflight.mjs), then node_modules.
// Every server any step starts logs at `trace` into this run's log directory (TEST_LOG_DIR, one
// sub-directory a step, test/support/test-logging.ts); the last step scans all of it for any
// person's data, password, login or token (issue 17, point 3; test/support/log-scan.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled } from './ensure-install.mjs';
import { preflight } from './preflight.mjs';

if (!preflight()) process.exit(1);
ensureInstalled();

const bin = (name) => join('node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'kg-test-'));
const logs = join(reports, 'logs');
// The least each step's servers write at trace (measured parts: the conformance step ~410 lines,
// one e2e file ~250, three integration files ~290, so a whole run writes several times more);
// fewer means they did not log, and a scan of them proves nothing.
const LOG_FLOORS = { integration: 1_500, conformance: 200, e2e: 500 };
const steps = [
  { name: 'typecheck', budget: 60, cmd: [process.execPath, 'scripts/typecheck.mjs'] },
  { name: 'lint', budget: 45, cmd: [bin('eslint'), '.', '--max-warnings=0'] },
  { name: 'format', budget: 30, cmd: [bin('prettier'), '--check', '--log-level=warn', '.'] },
  { name: 'unit', budget: 90, vitest: 'unit' },
  { name: 'integration', budget: 460, vitest: 'integration' },
  { name: 'conformance', budget: 45, vitest: 'conformance' },
  { name: 'build', budget: 30, cmd: [bin('electron-vite'), 'build', '--logLevel', 'warn'] },
  { name: 'electron-scan', budget: 15, cmd: [process.execPath, 'scripts/electronegativity.mjs'] },
  { name: 'electron', budget: 30, vitest: 'electron' },
  { name: 'e2e', budget: 330, vitest: 'e2e' },
  {
    name: 'log-scan',
    budget: 30,
    cmd: [
      process.execPath,
      '--import',
      'tsx',
      'test/support/log-scan-cli.ts',
      logs,
      ...Object.entries(LOG_FLOORS).map(([step, lines]) => `${step}=${lines}`),
    ],
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
let failedStep = null;
for (const step of steps) {
  const started = Date.now();
  const report = join(reports, `${step.name}.json`);
  const cmd = step.vitest
    ? [
        bin('vitest'),
        'run',
        '--project',
        step.vitest,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ]
    : step.cmd;
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(cmd[0], cmd.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, TEST_LOG_DIR: join(logs, step.name) },
  });
  const seconds = (Date.now() - started) / 1000;
  timings.push(
    `${step.name} ${seconds.toFixed(1)} s (budget ${step.budget} s)${seconds > step.budget ? ' — OVER BUDGET' : ''}`,
  );
  if (step.vitest && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  }
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

// The logs are kept for a look when the run failed; a passing run's (hundreds of MB) go.
if (failedStep) console.log(`\nThe servers' logs: ${logs}`);
else rmSync(logs, { recursive: true, force: true });
console.log(`\nTimings:\n  ${timings.join('\n  ')}`);
if (failedStep) console.log(`\nFailed at: ${failedStep}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
