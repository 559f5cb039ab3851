import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import type { PullResponse, PushRow, ReplicatedCollection, WireDocument } from '../../shared/replication/protocol.js';
import { ReplicationApi, ServerError } from '../../renderer/src/data/server-api.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { groupId } from '../support/intake-fixtures.js';
import { spawnServerProcess, type ServerProcess } from '../support/server-process.js';
import { expectConverged, startHeadlessApp, until, type HeadlessApp } from './faults-app.js';

const head = { login: demoAccounts[0].login, password: demoAccounts[0].password };

/**
 * Real faults between the app's data layer and a real server process on real PostgreSQL, with a
 * fault-injecting proxy in between (test/support/fault-proxy.ts): the server killed with SIGKILL
 * in the middle of a push batch, connections dropped or cut mid-response, the server restarted
 * under open streams, a stream buffered silent, a slow link. After each: no command lost, none
 * executed twice, executed in the order made, and the replica equal to the server.
 */
describe('faults on real PostgreSQL, through a fault-injecting proxy', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let proxy: FaultProxy;
  let app: HeadlessApp;
  let group: string;
  let capacity = 30;

  const startServer = async () => {
    server = await spawnServerProcess({
      DATABASE_URL: database.url!,
      HEARTBEAT_MS: '500',
      SCHEDULER_INTERVAL_MS: '0',
      RENDERER_DIR: 'missing-renderer',
    });
    proxy?.retarget(Number(new URL(server.url).port));
  };

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await startServer();
    proxy = await startFaultProxy(Number(new URL(server.url).port));
    app = await startHeadlessApp(proxy.url, head);
    group = await groupId(database.db, 'Колокольчик');
    await until(() => app.replication.status$.value.connection === 'live', 'the stream to go live');
  }, 90_000);
  let stopped = false;
  afterAll(async () => {
    if (!stopped) await app?.stop();
    await proxy?.close();
    await server?.stop();
    await database?.drop();
  });

  /** Makes `n` capacity changes of one group on the device, each with the next value: their order shows. */
  async function makeCommands(n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      capacity = capacity >= 59 ? 30 : capacity + 1;
      ids.push(await app.send('group.setCapacity', { groupId: group, capacity }));
    }
    return ids;
  }

  /** Every command executed exactly once, in the order the device made them, and the last one's value kept. */
  async function expectExecutedOnceInOrder(ids: string[]) {
    await until(async () => {
      const [row] = await database.db.query<{ n: number }>(
        'select count(*)::int as n from commands where id = any($1)',
        [ids],
      );
      return row!.n === ids.length;
    }, `all ${ids.length} commands on the server`);
    const executed = await database.db.query<{ id: string }>(
      'select id from commands where id = any($1) order by change_txid, change_seq',
      [ids],
    );
    expect(executed.map((r) => r.id)).toEqual(ids);
    const audits = await database.db.query<{ object_id: string; n: number }>(
      `select object_id, count(*)::int as n from audit_log where object_id = any($1) group by object_id having count(*) > 1`,
      [ids],
    );
    expect(audits).toEqual([]);
    const [row] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [group]);
    expect(row!.capacity).toBe(capacity);
    await until(
      async () => (await app.db.commands.count({ selector: { status: 'pending' } }).exec()) === 0,
      'no pending command left',
    );
    await expectConverged(app, proxy.url);
  }

  it('loses nothing and executes nothing twice when the server is killed (SIGKILL) in the middle of a push batch', async () => {
    const before = await database.db.query<{ n: number }>('select count(*)::int as n from commands');
    const ids = await makeCommands(200);
    // Kill the server as soon as the first commands of the batch are committed.
    await until(
      async () => {
        const [row] = await database.db.query<{ n: number }>('select count(*)::int as n from commands');
        return row!.n > before[0]!.n;
      },
      'the push to start',
      30_000,
    );
    await server.kill('SIGKILL');
    const [partial] = await database.db.query<{ n: number }>(
      'select count(*)::int as n from commands where id = any($1)',
      [ids],
    );
    expect(partial!.n).toBeLessThan(ids.length);
    await until(() => app.replication.status$.value.connection !== 'live', 'the app to notice');
    await startServer();
    await expectExecutedOnceInOrder(ids);
  });

  it('recovers from connections dropped mid-stream and mid-push, and from responses cut after a few bytes', async () => {
    const ids = await makeCommands(40);
    proxy.dropAll();
    // Every connection now dies after 200 bytes of answer: pushes reach the server, their answers do not.
    proxy.cutAfter(200);
    await until(async () => {
      const [row] = await database.db.query<{ n: number }>(
        'select count(*)::int as n from commands where id = any($1)',
        [ids],
      );
      return row!.n > 0;
    }, 'a push to reach the server through the cut connections');
    proxy.dropAll();
    proxy.cutAfter(null);
    await expectExecutedOnceInOrder(ids);
  });

  it('resumes the stream after the server restarts under it, without losing a change', async () => {
    await until(() => app.replication.status$.value.connection === 'live', 'the stream to be live');
    const ids = await makeCommands(5);
    await server.stop();
    await database.db.query(`update groups set name = name, updated_at = now() where id = $1`, [group]);
    await startServer();
    await until(() => app.replication.status$.value.connection === 'live', 'the stream to come back', 30_000);
    await expectExecutedOnceInOrder(ids);
  });

  it('falls back to pulling when a proxy buffers the stream silent, and says so', async () => {
    await until(() => app.replication.status$.value.connection === 'live', 'the stream to be live');
    proxy.holdStreams(true);
    proxy.dropAll();
    await until(
      () => app.replication.status$.value.connection === 'fallback',
      'the app to notice the silent stream',
      20_000,
    );
    // A change made by someone else while the stream is silent arrives by pull.
    const newName = `Колокольчик ${Date.now()}`;
    await database.db.query(`update groups set name = $2 where id = $1`, [group, newName]);
    await until(
      async () => (await app.db.groups.findOne(group).exec())?.name === newName,
      'the change to arrive by pull',
      15_000,
    );
    const ids = await makeCommands(3);
    await expectExecutedOnceInOrder(ids);
    proxy.holdStreams(false);
    proxy.dropAll();
    await until(() => app.replication.status$.value.connection === 'live', 'the stream to be live again', 20_000);
  });

  it('keeps up with a slow server (every chunk delayed)', async () => {
    proxy.delay(150);
    try {
      const ids = await makeCommands(20);
      await expectExecutedOnceInOrder(ids);
    } finally {
      proxy.delay(0);
    }
  });

  it('keeps every pending command when the server says the app is outdated (426), and says "update the app"', async () => {
    // RxDB's open-source build allows 13 open collections: one replica at a time.
    await app.stop();
    stopped = true;
    const outdated = await startHeadlessApp(proxy.url, head, { api: (url, token) => new OutdatedApi(url, token) });
    try {
      const id = await outdated.send('group.setCapacity', { groupId: group, capacity: 33 });
      await until(
        () => outdated.replication.status$.value.connection === 'outdated',
        'the app to learn it is outdated',
      );
      // It keeps retrying (and being refused); no later answer hides the state, no command is lost.
      let refusals = 0;
      const counting = outdated.replication.status$.subscribe(
        (st) => (refusals += st.connection === 'outdated' ? 1 : 0),
      );
      await until(() => refusals >= 4, 'the app to retry and be refused again');
      counting.unsubscribe();
      expect(outdated.replication.status$.value.connection).toBe('outdated');
      const [row] = await database.db.query<{ n: number }>('select count(*)::int as n from commands where id = $1', [
        id,
      ]);
      expect(row!.n).toBe(0);
      expect((await outdated.db.commands.findOne(id).exec())?.status).toBe('pending');
    } finally {
      await outdated.stop();
    }
  });
});

/** The app's API with every URL naming protocol version 0: an app from before the current protocol. */
class OutdatedApi extends ReplicationApi {
  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.serverUrl}${path}`, { ...init, headers: { ...this.authHeaders, ...init.headers } });
    } catch (error) {
      throw new ServerError(0, 'network', String(error));
    }
    const body = (await res.json()) as { error?: string; message?: string };
    if (!res.ok) throw new ServerError(res.status, body.error ?? '', body.message ?? '');
    return body as T;
  }
  override pull(collection: ReplicatedCollection): Promise<PullResponse> {
    return this.call(`/api/replication/v0/${collection}/pull?limit=200`);
  }
  override push(collection: ReplicatedCollection, rows: PushRow[]): Promise<WireDocument[]> {
    return this.call(`/api/replication/v0/${collection}/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
  }
  override get streamUrl(): string {
    return `${this.serverUrl}/api/replication/v0/stream`;
  }
}
