// `npm test`'s first step: the system tools the suites need, checked before any suite starts.
// As root on Debian/Ubuntu it installs what is missing (apt-get); elsewhere it stops at once,
// naming each missing tool and the command that installs it. Plain Node (no dependencies).
//
// KG_PREFLIGHT=check never installs (as if not root); KG_PREFLIGHT_ROOT looks for the system
// files under another directory (the preflight's own test simulates a clean machine with both).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What the suites need from the system, each with the Debian package that brings it. */
export const requirements = [
  {
    tool: 'Chromium (the e2e tests: /usr/bin/chromium, or CHROMIUM_PATH)',
    debianPackage: 'chromium',
    present: (m) => (m.env.CHROMIUM_PATH ? existsSync(m.env.CHROMIUM_PATH) : m.exists('/usr/bin/chromium')),
  },
  {
    tool: 'PostgreSQL server binaries (/usr/lib/postgresql/*/bin/pg_ctl, or PG_BIN)',
    debianPackage: 'postgresql',
    present: (m) =>
      m.env.PG_BIN
        ? existsSync(join(m.env.PG_BIN, 'pg_ctl'))
        : m.list('/usr/lib/postgresql').some((version) => m.exists(`/usr/lib/postgresql/${version}/bin/pg_ctl`)),
  },
  {
    tool: "pdftoppm (poppler's page images of printed PDFs)",
    debianPackage: 'poppler-utils',
    present: (m) => m.onPath('pdftoppm'),
  },
  {
    tool: 'the DejaVu Sans font (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)',
    debianPackage: 'fonts-dejavu-core',
    present: (m) => m.exists('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  },
];

/** The machine as the preflight sees it: its environment, files (under KG_PREFLIGHT_ROOT) and PATH. */
export function machine(env = process.env) {
  const root = env.KG_PREFLIGHT_ROOT ?? '';
  const exists = (path) => existsSync(root + path);
  const list = (dir) => (exists(dir) ? readdirSync(root + dir) : []);
  const onPath = (name) =>
    (env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .some((dir) => existsSync(join(dir, name)));
  return {
    env,
    exists,
    list,
    onPath,
    mayInstall:
      env.KG_PREFLIGHT !== 'check' &&
      process.platform === 'linux' &&
      process.getuid?.() === 0 &&
      exists('/etc/debian_version') &&
      onPath('apt-get'),
  };
}

export const missingRequirements = (m) => requirements.filter((r) => !r.present(m));

export function installCommand(missing, asRoot) {
  const sudo = asRoot ? '' : 'sudo ';
  const packages = missing.map((r) => r.debianPackage).join(' ');
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages}`;
}

export function missingMessage(missing) {
  return [
    `npm test needs ${missing.length === 1 ? 'a tool' : 'tools'} this machine lacks:`,
    ...missing.map((r) => `  - ${r.tool}: Debian/Ubuntu package ${r.debianPackage}`),
    'Install them (Debian/Ubuntu; as root without sudo), then run npm test again:',
    `  ${installCommand(missing, false)}`,
  ].join('\n');
}

/** Checks the requirements; installs the missing ones where it may; otherwise returns false after saying what to do. */
export function preflight(env = process.env, log = console) {
  const m = machine(env);
  const missing = missingRequirements(m);
  if (missing.length === 0) return true;
  if (!m.mayInstall) {
    log.error(missingMessage(missing));
    return false;
  }
  const packages = missing.map((r) => r.debianPackage);
  log.log(`Installing system packages the tests need: ${packages.join(' ')}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: aptEnv }).status;
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]) !== 0) {
    log.error(`apt-get failed; install them by hand, then run npm test again:\n  ${installCommand(missing, true)}`);
    return false;
  }
  const still = missingRequirements(m);
  if (still.length > 0) {
    log.error(missingMessage(still));
    return false;
  }
  return true;
}
