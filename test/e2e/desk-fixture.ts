import type { Browser, BrowserContext, Page } from 'playwright-core';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { assertRendererBuilt, launchChromium } from './browser.js';

/** Wednesday 3 June 2026, 10:00 in Petropavl: summer intake, a plain working week. */
export const TEST_NOW = new Date('2026-06-03T05:00:00.000Z');

export interface DeskFixture {
  server: TestServer;
  browser: Browser;
  /** Console errors the page reported; a CSP violation fails the test that caused it. */
  cspViolations: string[];
  newPage(options?: { lockAfterMs?: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export interface DeskFixtureOptions {
  /** The built staff app the server serves (default out/renderer): a copy a test may change. */
  rendererDir?: string;
  /**
   * The browser-mode service worker (the app shell kept for offline reloads) is blocked unless a
   * test file allows it: caching the whole shell in every fresh context costs seconds the other
   * files do not need.
   */
  serviceWorkers?: 'allow' | 'block';
}

/** One server (on a cloned PGlite database, clock at TEST_NOW) and one Chromium per test file. */
export async function startDeskFixture(fixtureOptions: DeskFixtureOptions = {}): Promise<DeskFixture> {
  assertRendererBuilt();
  const database: TestDatabase = await openTestDatabase('pglite');
  const server = await startTestServer(database.db, {
    serveRenderer: true,
    heartbeatMs: 1_000,
    ...(fixtureOptions.rendererDir ? { rendererDir: fixtureOptions.rendererDir } : {}),
  });
  server.clock.set(TEST_NOW);
  await installShippedData(server.db, server.clock);
  const browser = await launchChromium();
  const cspViolations: string[] = [];
  return {
    server,
    browser,
    cspViolations,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        locale: 'ru-RU',
        serviceWorkers: fixtureOptions.serviceWorkers ?? 'block',
      });
      if (options.lockAfterMs) {
        await context.addInitScript(
          (ms) => window.localStorage.setItem('lock-after-ms', String(ms)),
          options.lockAfterMs,
        );
      }
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          cspViolations.push(message.text());
        }
      });
      page.on('pageerror', (error) => console.error('page error:', error));
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
      await database.drop();
    },
  };
}

/**
 * The usual shape of an e2e test file: one desk for the file, a fresh browser context for each
 * test (closed after it, with any the test opened through `renew`), and no CSP violation in any
 * test. `use` receives each test's desk, context and page.
 */
export function deskPerTest(
  use: (opened: { desk: DeskFixture; context: BrowserContext; page: Page }) => void,
  options: DeskFixtureOptions | (() => DeskFixtureOptions) = {},
) {
  let desk: DeskFixture | undefined;
  const contexts: BrowserContext[] = [];
  /** Opens a fresh context and page in place of the test's current ones (closed after the test). */
  const renew = async (options?: { lockAfterMs?: number }) => {
    const next = await desk!.newPage(options);
    contexts.push(next.context);
    use({ desk: desk!, ...next });
  };
  beforeAll(async () => {
    desk = await startDeskFixture(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await desk?.close();
  });
  beforeEach(() => renew());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(desk!.cspViolations.splice(0)).toEqual([]);
  });
  return { renew };
}
