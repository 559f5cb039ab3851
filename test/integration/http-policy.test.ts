import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeApplicant } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

interface Operation {
  security?: Array<Record<string, unknown>>;
  responses: Record<string, unknown>;
}
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

/**
 * Issue 17, points 7 and 8: one header policy on every response (API routes of the OpenAPI document,
 * errors, 404s, the staff app's page, fallback and assets, the parent page, the update feed), and an
 * OpenAPI document whose declared security is what each route enforces.
 */
describe.each(databaseKinds)('the HTTP policy on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let staffToken: string;
  let parentToken: string;
  let doc: OpenApi;
  let rendererDir: string;
  let operations: Array<{ method: string; path: string; op: Operation }>;

  beforeAll(async () => {
    // A built staff app's shape (index.html, hashed assets, the service worker) served as browser mode serves it.
    rendererDir = mkdtempSync(join(tmpdir(), 'kg-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(
      join(rendererDir, 'index.html'),
      '<!doctype html><title>desk</title><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(rendererDir, 'sw.js'), 'self.addEventListener("fetch", () => undefined);');
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db, { rendererDir });
    await installShippedData(database.db, server.clock);
    staffToken = (await loginAs(server.url)).token;
    await makeApplicant(database.db, {
      birthDate: '2024-01-01',
      appliedAt: '2025-01-01T00:00:00Z',
      login: 'policy-parent',
      password: 'pw-123456',
    });
    parentToken = (await parentSignIn(server.url, 'policy-parent', 'pw-123456')).token;
    doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const concrete = (path: string) =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === 'collection' ? 'groups' : randomUUID()));
  const call = (method: string, path: string, token?: string) => {
    const controller = new AbortController();
    return fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body: '{}' } : {}),
      signal: controller.signal,
    }).then(async (res) => {
      const streaming = (res.headers.get('content-type') ?? '').includes('text/event-stream');
      if (!streaming) await res.arrayBuffer();
      controller.abort();
      return res;
    });
  };
  const policyOf = (res: Response) => ({
    nosniff: res.headers.get('x-content-type-options'),
    referrer: res.headers.get('referrer-policy'),
    csp: (res.headers.get('content-type') ?? '').startsWith('text/html')
      ? (res.headers.get('content-security-policy') ?? 'missing')
      : 'not html',
  });
  const expectPolicy = (what: string, res: Response) =>
    expect({ what, ...policyOf(res) }).toEqual({
      what,
      nosniff: 'nosniff',
      referrer: 'no-referrer',
      csp: expect.not.stringMatching(/^missing$/),
    });

  it('sends nosniff and a referrer policy on every route of the OpenAPI document, signed in or not, and on its errors', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const { method, path } of operations) {
      if (path.endsWith('/logout')) continue; // would end the sessions the others use; checked unsigned below
      const token = path.startsWith('/api/parent/') ? parentToken : staffToken;
      expectPolicy(`${method} ${path} signed in`, await call(method, concrete(path), token));
      expectPolicy(`${method} ${path} anonymous`, await call(method, concrete(path)));
    }
    expectPolicy('unknown API route', await call('GET', '/api/nothing-here'));
    expectPolicy('other protocol version', await call('GET', '/api/replication/v0/groups/pull'));
    expectPolicy(
      'malformed JSON',
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken": ',
      }),
    );
  });

  it('sends the same policy, and a CSP on HTML, on the staff app, its fallback page, its assets, its service worker, the parent page and the update feed', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/sw.js',
      '/groups/some/deep/link',
      '/assets/app.js',
      '/assets/app.css',
      '/assets/missing.js',
      '/parent',
      '/parent/',
      '/parent/app.js',
      '/parent/style.css',
      '/parent/nothing',
      '/updates/latest.yml',
      '/updates/../etc/passwd',
      '/favicon.ico',
    ]) {
      const res = await call('GET', path);
      expectPolicy(path, res);
    }
    const page = await call('GET', '/');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const fallback = await call('GET', '/groups/some/deep/link');
    expect(fallback.headers.get('content-type')).toContain('text/html');
    expect(fallback.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The service worker is the page's own script under the same policy, which allows it and no other.
    const worker = await call('GET', '/sw.js');
    expect(worker.headers.get('content-type')).toContain('javascript');
    expect(worker.headers.get('content-security-policy')).toBe(page.headers.get('content-security-policy'));
    expect(page.headers.get('content-security-policy')).toContain("worker-src 'self';");
  });

  it('declares security for every route that needs a session, and the route enforces exactly what it declares', async () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'departmentSession',
      'deviceSession',
      'parentSession',
    ]);
    const mismatches: string[] = [];
    for (const { method, path, op } of operations) {
      const declared = (op.security ?? []).flatMap((s) => Object.keys(s));
      const res = await call(method, concrete(path));
      const enforced = res.status === 401;
      if (declared.length > 0 !== enforced)
        mismatches.push(`${method} ${path}: declares [${declared}], answers ${res.status}`);
      if (enforced !== Object.hasOwn(op.responses, '401')) mismatches.push(`${method} ${path}: 401 documented wrongly`);
      // A staff token does not open a parent route, nor a parent token a staff route.
      if (declared.includes('parentSession') && (await call(method, concrete(path), staffToken)).status !== 401)
        mismatches.push(`${method} ${path}: a staff token passed a parent route`);
      if (declared.includes('departmentSession')) {
        for (const token of [staffToken, parentToken])
          if ((await call(method, concrete(path), token)).status !== 401)
            mismatches.push(`${method} ${path}: a staff or parent token passed a department route`);
      }
      if (declared.includes('deviceSession') && !path.endsWith('/logout')) {
        if ((await call(method, concrete(path), parentToken)).status !== 401)
          mismatches.push(`${method} ${path}: a parent token passed a staff route`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('documents 426 on every route that names the protocol version, and those routes answer it to another version', async () => {
    const versioned = operations.filter((o) => o.path.startsWith('/api/replication/v1/'));
    expect(versioned.length).toBeGreaterThanOrEqual(3);
    for (const { path, op } of operations) {
      expect({ path, documents426: Object.hasOwn(op.responses, '426') }).toEqual({
        path,
        documents426: path.startsWith('/api/replication/v1/'),
      });
    }
    for (const { method, path } of versioned) {
      const res = await call(method, concrete(path).replace('/v1/', '/v0/'), staffToken);
      expect({ path, status: res.status }).toEqual({ path, status: 426 });
    }
  });
});
