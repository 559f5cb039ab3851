// `node scripts/electronegativity.mjs [--allow-list FILE] [DIR…]` — the Electron security scan.
// Runs Electronegativity over the BUILT main process and preload (default: out/main out/preload;
// it cannot parse newer TypeScript syntax, so never the sources) and exits 1 on any finding that
// the allow-list (default: electron/electronegativity-allowlist.json) does not explain in writing,
// on any file it could not parse, and when no scanned file constructs a BrowserWindow (its window
// checks would then pass without looking at anything).
//
// Why not its CLI: the CLI exits 0 even with findings, and 1.10.3's CLI needs `commander`, which it
// does not declare. Its runner returns the findings as data, which this script checks.
// The scan stays offline: its attempts to fetch translations and Electron's release list are
// answered "unavailable", and the release-list check is excluded (package.json pins Electron).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Electronegativity reads only .js/.ts/.html files: the preload's .cjs is scanned under a .js name. */
function stageBuiltCode(dirs) {
  const stage = mkdtempSync(join(tmpdir(), 'kg-electronegativity-'));
  const files = [];
  for (const dir of dirs) {
    const from = resolve(root, dir);
    if (!existsSync(from)) throw new Error(`${dir} is missing: run \`npx electron-vite build\` first.`);
    const label = isAbsolute(dir) ? basename(dir) : relative(root, from);
    mkdirSync(join(stage, label), { recursive: true });
    for (const name of readdirSync(from).filter((n) => /\.[cm]?js$/.test(n))) {
      const to = join(stage, label, name.replace(/\.[cm]js$/, '.js'));
      copyFileSync(join(from, name), to);
      files.push(relative(stage, to));
    }
  }
  return { stage, files };
}

function offlineRunner() {
  const runner = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const got = require.resolve('got', { paths: [runner] });
  const unavailable = async () => {
    throw new Error('offline: the scan makes no network requests');
  };
  const exports = Object.assign(unavailable, { default: unavailable });
  require.cache[got] = { id: got, filename: got, loaded: true, exports };
  return require(runner);
}

/** An allow-list entry matches a finding by check id, file, and optionally a piece of the flagged code. */
const matches = (entry, issue) =>
  entry.id === issue.id &&
  (entry.file ?? issue.file) === issue.file &&
  (!entry.sampleIncludes || String(issue.sample ?? '').includes(entry.sampleIncludes));

async function scan(dirs) {
  const { stage, files } = stageBuiltCode(dirs);
  const electronVersion = require('electron/package.json').version;
  const log = console.log;
  console.log = () => undefined; // the runner reports its (refused) downloads on stdout
  try {
    const result = await offlineRunner()(
      {
        input: stage,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      },
      false,
    );
    const constructsWindow = files.some((f) => readFileSync(join(stage, f), 'utf8').includes('new BrowserWindow('));
    return { ...result, files, electronVersion, constructsWindow };
  } finally {
    console.log = log;
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main() {
  const { values, positionals } = parseArgs({ options: { 'allow-list': { type: 'string' } }, allowPositionals: true });
  const allowListFile = resolve(root, values['allow-list'] ?? 'electron/electronegativity-allowlist.json');
  const allowList = JSON.parse(readFileSync(allowListFile, 'utf8'));
  const unjustified = allowList.filter(
    (e) => !e.id || typeof e.justification !== 'string' || e.justification.length < 20,
  );
  if (unjustified.length)
    throw new Error(`allow-list entries need a written justification: ${JSON.stringify(unjustified)}`);

  const result = await scan(positionals.length ? positionals : ['out/main', 'out/preload']);
  const parseErrors = result.errors.filter((error) => !error.tolerable);
  const explained = [];
  const unexplained = [];
  for (const issue of result.issues) {
    const entry = allowList.find((candidate) => matches(candidate, issue));
    if (entry) explained.push({ issue, entry });
    else unexplained.push(issue);
  }
  const unused = allowList.filter((entry) => !result.issues.some((issue) => matches(entry, issue)));

  const at = (issue) => `${issue.file}${issue.location?.line ? `:${issue.location.line}` : ''}`;
  const version = require('@doyensec/electronegativity/package.json').version;
  console.log(`Electronegativity ${version}, Electron ${result.electronVersion}, ${result.files.join(', ')}:`);
  for (const { issue, entry } of explained)
    console.log(`  explained   ${issue.id} at ${at(issue)}: ${entry.justification}`);
  for (const issue of unexplained) {
    console.log(`  FINDING     ${issue.id} [${issue.severity.name}/${issue.confidence.name}] at ${at(issue)}`);
    console.log(
      `              ${issue.description}${issue.sample ? `\n              code: ${issue.sample.trim()}` : ''}`,
    );
  }
  for (const error of parseErrors) console.log(`  NOT PARSED  ${error.file}: ${error.message}`);
  if (!result.constructsWindow)
    console.log('  NO WINDOW   no scanned file has `new BrowserWindow(`: the window checks saw nothing');
  for (const entry of unused) console.log(`  (unused allow-list entry ${entry.id} ${entry.file ?? ''}: remove it)`);
  const failed = unexplained.length > 0 || parseErrors.length > 0 || !result.constructsWindow;
  console.log(
    `${failed ? 'FAILED' : 'OK'}: ${result.issues.length} finding(s), ${explained.length} explained, ` +
      `${unexplained.length} unexplained; ${parseErrors.length} file(s) not parsed`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`Electronegativity scan failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
