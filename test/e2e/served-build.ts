import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';

/**
 * A copy of the built staff app for a server to serve, which a test can replace by a "new build":
 * the build id (index.html's `<meta name="desk-build">`, the same id in sw.js) changes, so the
 * page and the service worker differ from the ones the browser has kept.
 */
export class ServedBuild {
  readonly dir = mkdtempSync(join(tmpdir(), 'kg-served-build-'));

  constructor() {
    cpSync('out/renderer', this.dir, { recursive: true });
  }

  /** The build id the server serves now. */
  id(): string {
    const id = /<meta name="desk-build" content="([0-9a-z]+)"/.exec(readFileSync(join(this.dir, 'index.html'), 'utf8'));
    if (!id?.[1]) throw new Error('index.html carries no desk-build id');
    return id[1];
  }

  /** Serves a new build under `next` from now on: index.html and sw.js carry the new id. */
  publish(next: string): void {
    const current = this.id();
    for (const file of ['index.html', 'sw.js']) {
      const path = join(this.dir, file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(current)) throw new Error(`${file} does not carry the build id ${current}`);
      writeFileSync(path, text.replaceAll(current, next));
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The build id of the page the browser shows. */
export const shownBuild = (page: Page) =>
  page.evaluate(() => document.querySelector('meta[name="desk-build"]')?.getAttribute('content') ?? null);

/** The caches the page's origin holds (the service worker's shell caches), once its worker is active. */
export const keptShells = (page: Page) =>
  page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return (await caches.keys()).sort();
  });

/** What the server answers an app speaking an older replication protocol (server/http/routes/replication.ts). */
export const upgradeRequired = (route: Route) =>
  route.fulfill({
    status: 426,
    contentType: 'application/json',
    body: JSON.stringify({
      error: 'upgrade_required',
      message: 'This server speaks replication v2; update the app.',
      serverVersion: 2,
    }),
  });
