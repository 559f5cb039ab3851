import { randomUUID } from 'node:crypto';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { MAX_JSON_DEPTH } from '../../shared/domain/text.js';
import { newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { databaseFingerprint } from '../support/fingerprint.js';
import { makeApplicant } from '../support/intake-fixtures.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const NUL = '\u0000';
const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDC00';
/** A payload nested `levels` objects deep, as JSON text (JSON.stringify itself would overflow). */
const nestedJson = (levels: number) => '{"a":'.repeat(levels) + '"bottom"' + '}'.repeat(levels);

/**
 * Issue 17, point 2: hostile text never reaches a serialiser or the database. A NUL or an unpaired
 * surrogate in any string, a body nested past the limit, an instant outside 2000–2100, a checkpoint
 * past its column's range: each is a 400 naming the field, decided at the boundary, changing
 * nothing. HEAD on the event stream answers at once.
 */
describe.each(databaseKinds)('hostile text at the boundary on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let fingerprint: () => Promise<string>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    await installShippedData(database.db, server.clock);
    await makeApplicant(database.db, {
      birthDate: '2024-01-01',
      appliedAt: '2025-01-01T00:00:00Z',
      login: 'text-parent',
      password: 'pw-123456',
    });
    token = (await loginAs(server.url)).token;
    fingerprint = await databaseFingerprint(database.db);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const post = async (path: string, body: unknown, auth = true) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
  };
  const push = (command: Record<string, unknown>) =>
    post('/api/replication/v1/commands/push', [{ assumedMasterState: null, newDocumentState: command }]);
  const refusedNaming = (field: string) => ({
    status: 400,
    body: { error: 'invalid_request', message: expect.stringContaining(field) },
  });

  const hostile = [
    ['a NUL', `x${NUL}y`],
    ['a lone high surrogate', `x${LONE_HIGH}y`],
    ['a lone low surrogate', `${LONE_LOW}x`],
  ] as const;

  it.each(hostile)('refuses %s in a staff or a parent sign-in login or password with 400 naming it', async (_, bad) => {
    const before = await fingerprint();
    const head = demoAccounts[0];
    expect(await post('/api/auth/login', { login: bad, password: head.password, deviceId: 'd1' }, false)).toMatchObject(
      refusedNaming('body.login'),
    );
    expect(
      await post('/api/auth/login', { login: head.login, password: head.password, deviceId: bad }, false),
    ).toMatchObject(refusedNaming('body.deviceId'));
    expect(await post('/api/parent/login', { login: bad, password: 'pw-123456' }, false)).toMatchObject(
      refusedNaming('body.login'),
    );
    expect(await post('/api/parent/login', { login: 'text-parent', password: bad }, false)).toMatchObject(
      refusedNaming('body.password'),
    );
    expect(await fingerprint()).toBe(before);
  });

  it.each(hostile)(
    "refuses %s in a command's deviceId, kind or any payload string with 400 naming it",
    async (_, bad) => {
      const before = await fingerprint();
      const command = () => newCommand('scheduleEntry.create', { entryId: randomUUID(), note: 'fine' });
      expect(await push({ ...command(), deviceId: bad })).toMatchObject(
        refusedNaming('body.0.newDocumentState.deviceId'),
      );
      expect(await push({ ...command(), kind: bad })).toMatchObject(refusedNaming('body.0.newDocumentState.kind'));
      const withNote = command();
      expect(await push({ ...withNote, payload: { ...withNote.payload, note: bad } })).toMatchObject(
        refusedNaming('body.0.newDocumentState.payload.note'),
      );
      expect(await push({ ...withNote, payload: { deep: [{ deeper: bad }] } })).toMatchObject(
        refusedNaming('body.0.newDocumentState.payload.deep.0.deeper'),
      );
      expect(await push({ ...withNote, payload: { [bad]: 1 } })).toMatchObject(
        refusedNaming('body.0.newDocumentState.payload.'),
      );
      expect(await fingerprint()).toBe(before);
    },
  );

  it('refuses a body nested 5,000 levels, or one past the limit, with 400 and serves the next request', async () => {
    const before = await fingerprint();
    const command = newCommand('scheduleEntry.create', { entryId: randomUUID() });
    const pushText = (payload: string) =>
      post(
        '/api/replication/v1/commands/push',
        `[{"assumedMasterState":null,"newDocumentState":${JSON.stringify(command).replace(/}$/, `,"payload":${payload}}`)}}]`,
      );
    for (const levels of [5_000, 100_000, MAX_JSON_DEPTH]) {
      const res = await pushText(nestedJson(levels));
      expect({ levels, ...res }).toMatchObject({
        levels,
        status: 400,
        body: { error: 'invalid_request', message: expect.stringContaining('nested deeper than') },
      });
    }
    const deepArray = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(await post('/api/parent/login', deepArray, false)).toMatchObject({ status: 400 });
    expect(await fingerprint()).toBe(before);
    // Just inside the limit is an ordinary (here: invalid) payload, not a refused body.
    const inside = await pushText(nestedJson(MAX_JSON_DEPTH - 4));
    expect(inside.status).toBe(200);
  });

  it('refuses instants and dates outside the years 2000 to 2100 with 400 naming the field', async () => {
    const before = await fingerprint();
    for (const deviceTime of [
      '0000-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '9999-12-31T23:59:59+05:00',
    ]) {
      expect({ deviceTime, ...(await push({ ...newCommand('group.setCapacity', {}), deviceTime })) }).toMatchObject({
        deviceTime,
        ...refusedNaming('deviceTime'),
      });
    }
    expect(await fingerprint()).toBe(before);
  });

  it('refuses pull checkpoints beyond their columns (xid8, bigint) with 400 naming them, and pulls from the edges', async () => {
    const pull = async (txid: string, seq: string) => {
      const res = await fetch(`${server.url}/api/replication/v1/groups/pull?txid=${txid}&seq=${seq}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
    };
    expect(await pull('18446744073709551616', '1')).toMatchObject(refusedNaming('query.txid'));
    expect(await pull('99999999999999999999', '1')).toMatchObject(refusedNaming('query.txid'));
    expect(await pull('1', '9223372036854775808')).toMatchObject(refusedNaming('query.seq'));
    expect(await pull('1', '99999999999999999999')).toMatchObject(refusedNaming('query.seq'));
    // The largest values each column holds are answered (nothing is after them).
    expect(await pull('18446744073709551615', '9223372036854775807')).toMatchObject({
      status: 200,
      body: { documents: [] },
    });
    expect(await pull('0', '0')).toMatchObject({ status: 200 });
  });

  it('refuses hostile text in a query or path parameter with 400 naming it', async () => {
    const city = await fetch(`${server.url}/api/parent/schedule?city=a%00b`);
    expect({ status: city.status, body: await city.json() }).toMatchObject(refusedNaming('query.city'));
    const surrogate = await fetch(`${server.url}/api/parent/schedule?city=${encodeURIComponent('a')}%ED%A0%80`);
    expect(surrogate.status).toBeLessThan(500);
    const path = await fetch(`${server.url}/api/replication/v1/a%00b/pull`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect({ status: path.status, body: await path.json() }).toMatchObject(refusedNaming('params.collection'));
  });

  it('answers HEAD on the event stream at once, holding no subscription', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 10_000);
    const res = await fetch(`${server.url}/api/replication/v1/stream`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    clearTimeout(timer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(await res.text()).toBe('');
    const anonymous = await fetch(`${server.url}/api/replication/v1/stream`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
  });
});
