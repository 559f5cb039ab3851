import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { assertRendererBuilt, launchChromium } from '../../test/e2e/browser.js';
import { SignInPage } from '../../test/e2e/pages/sign-in-page.js';

export { assertRendererBuilt, launchChromium };
export type { Browser, Page };

/** A fresh context (the e2e tests' viewport and locale) and a page in it. */
export async function freshPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return { context, page };
}

/** Opens the staff app served by `serverUrl` and signs in as the demo head; resolves at the click. */
export async function signInAsHead(page: Page, serverUrl: string): Promise<number> {
  const signIn = new SignInPage(page);
  await signIn.open(serverUrl);
  const head = demoAccounts[0];
  await page.getByLabel(/Логин|Login/).fill(head.login);
  await page.getByLabel(/Пароль|Құпиясөз|Password/).fill(head.password);
  const clickedAt = Date.now();
  await page.getByRole('button', { name: /Войти|Кіру|Sign in/ }).click();
  return clickedAt;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/** The smallest static http server over `dir` (pages must be served over http, not file://). */
export async function staticServer(
  dir: string,
  extra: Record<string, () => string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const dynamic = extra[path];
    if (dynamic) {
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(dynamic());
      return;
    }
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** bench/browser/echo-sse.mjs as its own process: its URL, and a stop. */
export async function startEchoServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['bench/browser/echo-sse.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    child.stdout.on('data', (c: Buffer) => resolve(/http:\S+/.exec(String(c))![0])),
  );
  return { url, stop: () => void child.kill('SIGTERM') };
}
