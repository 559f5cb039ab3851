// `npm start`: install if needed, build the app, start the central server on the embedded
// database (or DATABASE_URL), then open the desktop app — or, where the Electron binary is
// unavailable, serve the staff app in browser mode and print its URL.
import { spawn, spawnSync } from 'node:child_process';
import { ensureInstalled } from './ensure-install.mjs';
import { ensureElectronBinary } from './electron-binary.mjs';

ensureInstalled();

const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('Build failed (npx electron-vite build shows why).');
  process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '8787';
const serverUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PORT: port },
});
server.stdout.pipe(process.stdout);

const children = [server];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
server.on('exit', (code) => {
  if (code) console.error(`The server stopped (exit code ${code}).`);
  stop();
  process.exit(code ?? 0);
});

await new Promise((resolve) => {
  server.stdout.on('data', (chunk) => {
    if (String(chunk).includes('Central server listening')) resolve(undefined);
  });
});

const binary = process.env.KG_BROWSER_ONLY ? null : ensureElectronBinary();
if (binary) {
  console.log('Opening the desktop app…');
  const app = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, KG_SERVER_URL: serverUrl } });
  children.push(app);
  app.on('exit', stop);
} else {
  console.log(
    `\nThe desktop app is not available on this machine; the staff app runs in browser mode:\n\n    ${serverUrl}/\n`,
  );
}
