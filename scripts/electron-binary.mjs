// Finds the Electron binary, fetching it once (electron's own install script) when missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = 'node_modules/electron';

export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Returns the binary's path, or null when it is absent and cannot be downloaded here. */
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
