import { randomUUID } from 'node:crypto';
import { loadMigrations } from '../../server/db/migrate.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';

describe.each(databaseKinds)('the central server on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it('reports health and readiness with the migrated schema version', async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const ready = await (await fetch(`${server.url}/api/ready`)).json();
    const latest = Math.max(...(await loadMigrations()).map((m) => m.version));
    expect(ready).toMatchObject({ status: 'ready', database: kind, schemaVersion: latest });
  });

  it('signs a staff member in and refuses a wrong password without saying which part was wrong', async () => {
    const ok = await loginAs(server.url);
    expect(ok.kindergarten.id).toBe(demoKindergarten.id);
    const bad = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'head', password: 'wrong', deviceId: 'd' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'invalid_credentials' });
  });

  it('refuses replication without a session token', async () => {
    const res = await fetch(`${server.url}/api/replication/v1/groups/pull`);
    expect(res.status).toBe(401);
  });

  it('serves the kindergarten its own groups, in pages, and never another kindergarten’s', async () => {
    const otherId = randomUUID();
    await database.db.query(
      `insert into kindergartens (id, name_ru, name_kk, city, city_id, created_at, updated_at) values ($1, 'Другой', 'Басқа', 'X', 'petropavl', now(), now())`,
      [otherId],
    );
    await database.db.query(
      `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at) values ($1, $2, 'Чужая', 'junior', 'ru', 10, now())`,
      [randomUUID(), otherId],
    );
    const api = apiClient(server.url, token);
    const first = await api.pull('groups', null, 4);
    expect(first.body.documents).toHaveLength(4);
    const rest = await api.pull('groups', first.body.checkpoint, 100);
    const names = [...first.body.documents, ...rest.body.documents].map((d) => d.name);
    expect(names).toHaveLength(6);
    expect(names).not.toContain('Чужая');
    const after = await api.pull('groups', rest.body.checkpoint, 100);
    expect(after.body.documents).toEqual([]);
  });

  it('applies group.setCapacity once, and answers a re-pushed command with its stored outcome', async () => {
    const api = apiClient(server.url, token);
    const command = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 18 });
    const first = await api.push([command]);
    expect(first.status).toBe(200);
    expect(first.body[0]).toMatchObject({ id: command.id, status: 'applied', rejection: null });
    const [before] = await database.db.query<{ rev: number; capacity: number }>(
      'select rev, capacity from groups where id = $1',
      [firstGroupId],
    );
    const again = await api.push([command]);
    expect(again.body[0]).toMatchObject({ id: command.id, status: 'applied', executedAt: first.body[0]!.executedAt });
    const [after] = await database.db.query<{ rev: number; capacity: number }>(
      'select rev, capacity from groups where id = $1',
      [firstGroupId],
    );
    expect(after).toEqual(before);
    expect(after!.capacity).toBe(18);
  });

  it('rejects, with a reason code, a command whose payload breaks the schema or whose group is not ours', async () => {
    const api = apiClient(server.url, token);
    const tooBig = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 500 });
    const unknownGroup = newCommand('group.setCapacity', { groupId: randomUUID(), capacity: 5 });
    const unknownKind = newCommand('group.explode', {});
    const res = await api.push([tooBig, unknownGroup, unknownKind]);
    expect(res.body.map((d) => [d.status, (d.rejection as { code: string }).code])).toEqual([
      ['rejected', 'invalid_payload'],
      ['rejected', 'not_found'],
      ['rejected', 'unknown_kind'],
    ]);
    const [group] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [
      firstGroupId,
    ]);
    expect(group!.capacity).toBe(18);
  });

  it('refuses a malformed push body as a whole and changes nothing', async () => {
    const api = apiClient(server.url, token);
    const countCommands = async () =>
      (await database.db.query<{ n: number }>('select count(*)::int as n from commands'))[0]!.n;
    const before = await countCommands();
    const valid = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 3 });
    const res = await api.push([valid, { id: 'not-a-uuid', kind: 'group.setCapacity' }]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request' });
    expect(await countCommands()).toBe(before);
  });

  it('tells an outdated app to update with 426', async () => {
    const res = await fetch(`${server.url}/api/replication/v0/groups/pull`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: 'upgrade_required' });
  });

  it('streams a committed change to the kindergarten’s open event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/replication/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const messages: Array<{ type: string; collection?: string; documents?: Array<{ capacity?: number }> }> = [];
    const readUntil = async (predicate: () => boolean) => {
      let buffer = '';
      while (!predicate()) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        for (const part of parts) if (part.startsWith('data: ')) messages.push(JSON.parse(part.slice(6)));
      }
    };
    await readUntil(() => messages.some((m) => m.type === 'resync'));
    await apiClient(server.url, token).push([newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 21 })]);
    await readUntil(() => messages.some((m) => m.collection === 'groups'));
    controller.abort();
    const change = messages.find((m) => m.collection === 'groups');
    expect(change?.documents?.[0]?.capacity).toBe(21);
  });
});

describe('the desktop app’s origin', () => {
  it('may call the server cross-origin, and no other origin may', async () => {
    const database = await openTestDatabase('pglite');
    const server = await startTestServer(database.db);
    try {
      const preflight = (origin: string) =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const desk = await preflight('app://desk');
      expect(desk.status).toBe(204);
      expect(desk.headers.get('access-control-allow-origin')).toBe('app://desk');
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
      await database.drop();
    }
  });
});

describe('the sign-in rate limit', () => {
  it('counts per address on public routes, whatever Authorization header the caller invents', async () => {
    const database = await openTestDatabase('pglite');
    const server = await startTestServer(database.db);
    try {
      const attempt = (i: number) =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer invented-${i}` },
          // A new login each time: the per-account lock (session-limits.test.ts) would answer first.
          body: JSON.stringify({ login: `nobody-${i}`, password: 'wrong', deviceId: 'd' }),
        }).then((r) => r.status);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await attempt(i));
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
