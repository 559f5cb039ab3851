import { existsSync } from 'node:fs';
import { judgeLogScan, scanLogDir } from './log-scan.js';

/**
 * `npm test`'s `log-scan` step: `node --import tsx test/support/log-scan-cli.ts <dir> <step>=<least lines>…`.
 * Scans the run's log directory (test/support/log-scan.ts) and fails naming each finding's file and
 * line, the value masked, and each step that wrote fewer lines than its floor.
 */
const [dir, ...floorArgs] = process.argv.slice(2);
const floors = Object.fromEntries(floorArgs.map((arg) => [arg.split('=')[0]!, Number(arg.split('=')[1])]));
if (!dir || !floorArgs.length || Object.values(floors).some((n) => !Number.isInteger(n))) {
  console.error('usage: log-scan-cli.ts <log directory> <step>=<least number of lines>…');
  process.exit(2);
}
if (!existsSync(dir)) {
  console.error(`log-scan: ${dir} does not exist: no step collected logs`);
  process.exit(1);
}
const started = Date.now();
const scan = scanLogDir(dir);
const problems = judgeLogScan(scan, floors);
console.log(
  `log-scan: ${scan.lines} lines (${Object.entries(scan.linesByStep)
    .map(([step, n]) => `${step} ${n}`)
    .join(', ')}) ` +
    `in ${scan.files} files, ${scan.secrets} values looked for, ` +
    `${scan.findings.length} findings (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
const SHOWN = 40;
for (const problem of problems.slice(0, SHOWN)) console.error(`  ${problem}`);
if (problems.length > SHOWN) console.error(`  … and ${problems.length - SHOWN} more`);
process.exit(problems.length ? 1 : 0);
