import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeApplicant } from '../support/intake-fixtures.js';
import { brokenObjectOf, type JsonSchema } from '../support/json-schema-arbitrary.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

interface Operation {
  'x-tenancy': string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

/** Every row count in the database: a refused request must leave all of them as they were. */
async function snapshot(database: TestDatabase) {
  const tables = await database.db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    if (table_name === 'device_sessions' || table_name === 'parent_sessions' || table_name === 'audit_log') continue;
    const [row] = await database.db.query<{ n: number }>(`select count(*)::int as n from ${table_name}`);
    counts[table_name] = row!.n;
  }
  return counts;
}

describe.each(databaseKinds)('hostile and malformed input on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let staffToken: string;
  let parentToken: string;
  let operations: Array<{ method: string; path: string; op: Operation }>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    await installShippedData(database.db, server.clock);
    staffToken = (await loginAs(server.url)).token;
    await makeApplicant(database.db, {
      birthDate: '2024-01-01',
      appliedAt: '2025-01-01T00:00:00Z',
      login: 'hostile-parent',
      password: 'pw-123456',
    });
    parentToken = (await parentSignIn(server.url, 'hostile-parent', 'pw-123456')).token;
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const send = (method: string, path: string, body: string | undefined, contentType = 'application/json') => {
    const concrete = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      name === 'collection' ? 'commands' : randomUUID(),
    );
    const token = path.startsWith('/api/parent/') ? parentToken : staffToken;
    return fetch(`${server.url}${concrete}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
  };
  const withBodies = () => operations.filter((o) => o.op.requestBody && !o.path.endsWith('/login'));

  it('answers malformed JSON on every route that takes a body with 400 invalid_json and changes nothing', async () => {
    expect(withBodies().length).toBeGreaterThanOrEqual(2);
    const before = await snapshot(database);
    for (const { method, path } of withBodies()) {
      const res = await send(method, path, '{"broken": ');
      expect({ path, status: res.status, body: await res.json() }).toMatchObject({
        path,
        status: 400,
        body: { error: 'invalid_json' },
      });
    }
    expect(await snapshot(database)).toEqual(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    for (const { method, path } of withBodies()) {
      const res = await send(method, path, 'capacity=5', 'application/x-www-form-urlencoded');
      expect({ path, status: res.status }).toEqual({ path, status: 415 });
    }
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const huge = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });
    for (const { method, path } of withBodies()) {
      const res = await send(method, path, huge);
      expect({ path, status: res.status, error: ((await res.json()) as { error: string }).error }).toEqual({
        path,
        status: 413,
        error: 'payload_too_large',
      });
    }
  });

  it('refuses an oversized batch of commands as a whole', async () => {
    const rows = Array.from({ length: 501 }, () => ({
      assumedMasterState: null,
      newDocumentState: { id: randomUUID() },
    }));
    const res = await send('POST', '/api/replication/v1/commands/push', JSON.stringify(rows));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('500') });
  });

  it('answers every body generated from the schemas and broken in one way with a 400 naming the field, changing nothing', async () => {
    const before = await snapshot(database);
    for (const { method, path, op } of withBodies()) {
      const schema = op.requestBody!.content['application/json'].schema;
      const objectSchema = schema.type === 'array' ? schema.items! : schema;
      await fc.assert(
        fc.asyncProperty(brokenObjectOf(objectSchema), async ({ body, field }) => {
          const payload = schema.type === 'array' ? [body] : body;
          const res = await send(method, path, JSON.stringify(payload));
          const answer = (await res.json()) as { error?: string; message?: string };
          expect({ path, field, status: res.status, error: answer.error }).toEqual({
            path,
            field,
            status: 400,
            error: 'invalid_request',
          });
          expect(answer.message).toContain(field === 'zzUnknownField' ? 'zzUnknownField' : field);
        }),
        { numRuns: 15 },
      );
    }
    expect(await snapshot(database)).toEqual(before);
  });
});
