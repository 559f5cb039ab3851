// `npm start`: install if needed, build the app, start the central server on the embedded
// database (or DATABASE_URL), then open the desktop app pointed at it (KG_SERVER_URL) — or, where
// the Electron binary is missing and cannot be fetched, or there is no display, serve the staff app
// in browser mode and print its URL. Closing the desktop app stops the server; Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { ensureElectronBinary } from './electron-binary.mjs';
import { ensureInstalled } from './ensure-install.mjs';

const STOP_GRACE_MS = 10_000;
const LISTEN_TIMEOUT_MS = 120_000;
/** A desktop app that fails this soon after starting did not start (missing libraries, no GPU…). */
const STARTUP_FAILURE_MS = 10_000;

ensureInstalled();
build();

const children = new Set();
let stopping = false;
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));

const server = spawnChild(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  // Readable log lines for the person at the terminal (LOG_FORMAT=json keeps pino's JSON).
  env: { ...process.env, PORT: process.env.PORT ?? '8787', LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty' },
});
server.stdout.pipe(process.stdout);
server.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`The server stopped (${signal ?? `exit code ${code}`}).`);
  shutdown(code ?? 1);
});

const serverUrl = await listeningUrl(server);
const binary = desktopUnavailableReason() ? null : ensureElectronBinary();
if (binary) openDesktopApp(binary, serverUrl);
else browserMode(serverUrl, desktopUnavailableReason() ?? 'the Electron binary is not installed');

function build() {
  const result = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('Build failed (npx electron-vite build shows why).');
    process.exit(result.status ?? 1);
  }
}

function spawnChild(command, args, options) {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The URL the server prints once it listens; a wildcard address is reached on this computer. */
function listeningUrl(child) {
  return new Promise((resolve) => {
    let seen = '';
    const timer = setTimeout(() => {
      console.error(`The server did not start within ${LISTEN_TIMEOUT_MS / 1000} s.`);
      shutdown(1);
    }, LISTEN_TIMEOUT_MS);
    child.stdout.on('data', function onData(chunk) {
      seen += String(chunk);
      const match = /Central server listening on (http:\/\/\S+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      const url = new URL(match[1]);
      if (['0.0.0.0', '[::]'].includes(url.hostname)) url.hostname = '127.0.0.1';
      resolve(url.origin);
    });
  });
}

function desktopUnavailableReason() {
  if (process.env.KG_BROWSER_ONLY) return 'KG_BROWSER_ONLY is set';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display';
  return null;
}

function openDesktopApp(binary, serverUrl) {
  const args = ['.'];
  // Chromium refuses to run as root with its sandbox (a container, a CI box): say so, then run without.
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    console.log('Running as root: the desktop app starts with --no-sandbox (do not do this on an office PC).');
    args.push('--no-sandbox');
  }
  console.log(`Opening the desktop app (server ${serverUrl})…`);
  const startedAt = Date.now();
  const app = spawnChild(binary, args, { stdio: 'inherit', env: { ...process.env, KG_SERVER_URL: serverUrl } });
  app.once('exit', (code, signal) => {
    if (stopping) return;
    if (code && Date.now() - startedAt < STARTUP_FAILURE_MS) {
      browserMode(serverUrl, `it failed to start: exit code ${code}`);
      return;
    }
    console.log('The desktop app was closed; stopping the server.');
    shutdown(code ?? (signal ? 1 : 0));
  });
}

function browserMode(serverUrl, reason) {
  console.log(
    `\nThe desktop app is not available here (${reason}); the staff app runs in browser mode:\n\n    ${serverUrl}/\n\nCtrl-C stops the server.\n`,
  );
}

/** SIGTERM to every child, SIGKILL to any still running after the grace period; a second Ctrl-C kills at once. */
function shutdown(code) {
  if (stopping) {
    for (const child of children) child.kill('SIGKILL');
    return;
  }
  stopping = true;
  if (children.size === 0) process.exit(code);
  for (const child of children) {
    child.kill('SIGTERM');
    child.once('exit', () => children.size === 0 && process.exit(code));
  }
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code);
  }, STOP_GRACE_MS).unref();
}
