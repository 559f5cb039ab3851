import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { machine, missingMessage, missingRequirements, preflight } from '../../scripts/preflight.mjs';

const packages = ['chromium', 'postgresql', 'poppler-utils', 'fonts-dejavu-core'];
const installLine =
  'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium postgresql poppler-utils fonts-dejavu-core';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kg-preflight-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A clean machine: no system files under `root`, an empty PATH, told never to install (as if not root). */
const cleanMachineEnv = (): NodeJS.ProcessEnv => ({
  HOME: process.env.HOME,
  PATH: join(root, 'bin'),
  KG_PREFLIGHT: 'check',
  KG_PREFLIGHT_ROOT: root,
});

function touch(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
}

describe('npm test preflight', () => {
  it('stops npm test on a clean machine before the first suite, naming each missing tool and the install command', () => {
    const result = spawnSync(process.execPath, ['scripts/test.mjs'], {
      env: cleanMachineEnv(),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    for (const name of ['Chromium', 'PostgreSQL server binaries', 'pdftoppm', 'DejaVu Sans']) {
      expect(result.stderr).toContain(name);
    }
    for (const pkg of packages) expect(result.stderr).toContain(`package ${pkg}`);
    expect(result.stderr).toContain(installLine);
    // No suite started, not even the type check.
    expect(result.stdout).not.toContain('▶');
  });

  it('finds every tool where the machine has them, and names only the ones missing', () => {
    touch(join(root, 'usr/bin/chromium'));
    touch(join(root, 'usr/lib/postgresql/16/bin/pg_ctl'));
    touch(join(root, 'bin/pdftoppm'));
    expect(missingRequirements(machine(cleanMachineEnv())).map((r) => r.debianPackage)).toEqual(['fonts-dejavu-core']);

    touch(join(root, 'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'));
    const logged: unknown[] = [];
    const log = { log: (line: unknown) => logged.push(line), error: (line: unknown) => logged.push(line) };
    expect(preflight(cleanMachineEnv(), log)).toBe(true);
    expect(logged).toEqual([]);
  });

  it('takes CHROMIUM_PATH and PG_BIN where the tests take them from', () => {
    touch(join(root, 'bin/pdftoppm'));
    touch(join(root, 'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'));
    touch(join(root, 'elsewhere/chrome'));
    touch(join(root, 'pg/bin/pg_ctl'));
    const env = { ...cleanMachineEnv(), CHROMIUM_PATH: join(root, 'elsewhere/chrome'), PG_BIN: join(root, 'pg/bin') };
    expect(missingRequirements(machine(env))).toEqual([]);
    const wrong = { ...env, CHROMIUM_PATH: join(root, 'no-chrome'), PG_BIN: join(root, 'no-pg') };
    expect(missingMessage(missingRequirements(machine(wrong)))).toContain(
      'sudo apt-get install -y --no-install-recommends chromium postgresql',
    );
  });

  it('never installs when told to check only, even as root on Debian', () => {
    touch(join(root, 'etc/debian_version'));
    touch(join(root, 'bin/apt-get'));
    expect(machine(cleanMachineEnv()).mayInstall).toBe(false);
    const errors: unknown[] = [];
    expect(preflight(cleanMachineEnv(), { log: () => undefined, error: (line) => errors.push(line) })).toBe(false);
    expect(errors.join('\n')).toContain(installLine);
  });
});
