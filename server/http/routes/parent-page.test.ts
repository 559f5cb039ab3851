import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { PARENT_PAGE_CSP, parentPageRoutes } from './parent-page.js';

/**
 * The parent page's routes serve the built page (out/parent/, made by `npm run build`) by name,
 * only its HTML, script and style, each under the page's CSP; before a build they answer 404.
 */
describe('the parent page’s routes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parent-page-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function appServing(pageDir: string) {
    const app = Fastify({ logger: false });
    parentPageRoutes(app, pageDir);
    await app.ready();
    return app;
  }

  it('serves the built page, its script and its style with their types and the page’s CSP', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1);');
    writeFileSync(join(dir, 'style.css'), 'body {}');
    const app = await appServing(dir);
    const page = await app.inject({ method: 'GET', url: '/parent/' });
    expect([page.statusCode, page.headers['content-type'], page.body]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<!doctype html><title>page</title>',
    ]);
    expect(page.headers['content-security-policy']).toBe(PARENT_PAGE_CSP);
    const script = await app.inject({ method: 'GET', url: '/parent/app.js' });
    expect([script.statusCode, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    const style = await app.inject({ method: 'GET', url: '/parent/style.css' });
    expect([style.statusCode, style.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await app.inject({ method: 'GET', url: '/parent' })).headers.location).toBe('/parent/');
    await app.close();
  });

  it('serves nothing else of the directory: no other kind of file, no sub-directory, no path out of it', async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'notes.txt'), 'not for the browser');
    writeFileSync(join(dir, 'app.js.map'), '{}');
    mkdirSync(join(dir, 'inner.js'));
    writeFileSync(join(dir, 'inner.js', 'x.js'), '');
    const app = await appServing(dir);
    for (const url of [
      '/parent/notes.txt',
      '/parent/app.js.map',
      '/parent/inner.js',
      '/parent/inner.js/x.js',
      '/parent/..%2Fpackage.json',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    await app.close();
  });

  it('answers 404 on every path before the page is built', async () => {
    const app = await appServing(join(dir, 'missing'));
    for (const url of ['/parent/', '/parent/app.js', '/parent/style.css']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.json()]).toEqual([url, 404, { error: 'not_found' }]);
    }
    await app.close();
  });
});
