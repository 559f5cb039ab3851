// Finds the Electron binary, and fetches it once (electron's own install script) when missing.
// Plain Node without dependencies: `npm start` uses it before anything is built, the Electron
// end-to-end tests to decide whether they can run. Types: electron-binary.d.mts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));

const platformExecutable = () =>
  ({ darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' })[process.platform] ?? 'electron';

/**
 * The installed binary's path, or null. Honours ELECTRON_OVERRIDE_DIST_PATH (an Electron unpacked
 * elsewhere), as electron's own launcher does.
 */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, executable ?? platformExecutable())
    : executable && join(electronDir, 'dist', executable);
  return binary && existsSync(binary) ? binary : null;
}

/** Returns the binary's path, fetching it first when absent; null when it cannot be downloaded here. */
export function ensureElectronBinary({ timeoutMs = 120_000 } = {}) {
  const existing = electronBinary();
  if (existing || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return existing;
  if (!existsSync(join(electronDir, 'install.js'))) return null;
  console.log('Fetching the Electron binary (first start only)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: timeoutMs,
  });
  if (result.status !== 0) {
    const reason =
      String(result.stderr ?? '')
        .split('\n')
        .find((line) => line.trim()) ?? 'timed out';
    console.log(`The Electron binary could not be downloaded here (${reason.trim()}).`);
    return null;
  }
  return electronBinary();
}
