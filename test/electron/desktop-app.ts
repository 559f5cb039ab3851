import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Why the desktop tests cannot run on this machine, or null when they can. */
export function whyDesktopCannotRun(): string | null {
  if (!electronBinary()) return 'skipped: Electron binary not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'skipped: no display for Electron (run under xvfb-run)';
  }
  return null;
}

export interface DesktopApp {
  app: ElectronApplication;
  page: Page;
  /** Console errors about the Content Security Policy: a violation fails the test that caused it. */
  cspViolations: string[];
}

/**
 * The built desktop app (out/), as `npm start` runs it: talking to the given server, with its
 * settings and vault in userDataDir (KG_VAULT_PLAINTEXT: a test machine has no OS keychain).
 */
export async function launchDesktopApp(serverUrl: string, userDataDir: string): Promise<DesktopApp> {
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(`${root}/${built}`)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  }
  const app = await _electron.launch({
    executablePath: electronBinary() ?? undefined,
    args: [root],
    cwd: root,
    env: {
      ...(process.env as Record<string, string>),
      KG_SERVER_URL: serverUrl,
      KG_USER_DATA_DIR: userDataDir,
      KG_VAULT_PLAINTEXT: '1',
    },
    timeout: 30_000,
  });
  const page = await app.firstWindow();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => console.error('page error:', error));
  return { app, page, cspViolations };
}
