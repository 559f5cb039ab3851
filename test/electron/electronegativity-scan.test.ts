import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** scripts/electronegativity.mjs on small built-code fixtures: it must fail where the scanner alone would exit 0. */
async function scan(code: string, allowList: unknown[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'kg-scan-'));
  await mkdir(join(dir, 'main'));
  await writeFile(join(dir, 'main', 'index.cjs'), code);
  await writeFile(join(dir, 'allow.json'), JSON.stringify(allowList));
  const run = spawnSync(
    process.execPath,
    ['scripts/electronegativity.mjs', '--allow-list', join(dir, 'allow.json'), join(dir, 'main')],
    { encoding: 'utf8' },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

const secureMain = `
const { app, BrowserWindow, session } = require('electron');
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(false));
  const win = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.loadURL('app://desk/index.html');
});`;
const cspExplained = {
  id: 'CSP_GLOBAL_CHECK',
  file: 'N/A',
  justification: 'The fixture sets no CSP; the real app sets it in its protocol handler.',
};

describe('the Electronegativity check', () => {
  it('fails on a finding the allow-list does not explain, naming it', async () => {
    const insecure = secureMain
      .replace('sandbox: true', 'sandbox: false')
      .replace('contextIsolation: true', 'contextIsolation: false');
    const { status, output } = await scan(insecure, [cspExplained]);
    expect(status).toBe(1);
    expect(output).toMatch(/FINDING\s+SANDBOX_JS_CHECK/);
    expect(output).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(output).toContain('main/index.js');
  });

  it('passes when every finding is explained in writing, and says so', async () => {
    const { status, output } = await scan(secureMain, [cspExplained]);
    expect(output).toContain('OK: 1 finding(s), 1 explained, 0 unexplained');
    expect(status).toBe(0);
  });

  it('refuses an allow-list entry without a justification', async () => {
    const { status, output } = await scan(secureMain, [{ id: 'CSP_GLOBAL_CHECK', file: 'N/A' }]);
    expect(status).toBe(1);
    expect(output).toContain('need a written justification');
  });

  it('fails when no scanned file creates a window, since the window checks would have seen nothing', async () => {
    const { status, output } = await scan(`require('electron').app.quit();`, [cspExplained]);
    expect(status).toBe(1);
    expect(output).toContain('NO WINDOW');
  });
});
