import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.js';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { systemClock } from '../../server/clock.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { openEventStream, type EventStreamClient } from '../support/event-stream.js';
import { spawnServerProcess, type ServerProcess } from '../support/server-process.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';
import { startHeadlessApp, until } from './faults-app.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';

/** A staff account of its own (so disabling it leaves the demo accounts alone). */
async function staffAccount(database: TestDatabase) {
  const login = `end-${randomUUID().slice(0, 8)}`;
  const password = 'session-end-password';
  const id = randomUUID();
  await database.db.query(
    `insert into staff (id, kindergarten_id, login, full_name, role, password_hash, created_at)
     values ($1, $2, $3, 'Тестовая Сотрудница', 'staff', $4, now())`,
    [id, demoKindergarten.id, login, await hashPassword(password)],
  );
  return { id, login, password };
}

async function openedStream(server: TestServer, token: string): Promise<EventStreamClient> {
  const stream = await openEventStream(server.url, token);
  expect(stream.status).toBe(200);
  await stream.waitFor((e) => e.type === 'resync');
  return stream;
}

/** The stream said "sign in again" and ended; a new one is refused. */
async function expectEnded(server: TestServer, stream: EventStreamClient, token: string) {
  await stream.waitFor((e) => e.type === 'ended');
  await stream.ended;
  expect(stream.events.at(-1)).toMatchObject({ type: 'ended', reason: 'session' });
  const again = await openEventStream(server.url, token);
  expect(again.status).toBe(401);
  again.close();
}

/**
 * Issue 17, points 1 and 6: an open event stream ends within one heartbeat of its session ending,
 * for any reason, without a query per stream.
 */
describe.each(databaseKinds)('streams end with their session on %s', (kind) => {
  let database: TestDatabase;
  /** A heartbeat far longer than any test: what ends these streams is the notification. */
  let notified: TestServer;
  /** A short heartbeat: expiry, and the catch-up of a lost notification. */
  let beating: TestServer;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    notified = await startTestServer(database.db, { heartbeatMs: 600_000 });
    beating = await startTestServer(database.db, { heartbeatMs: 200 });
  });
  afterAll(async () => {
    await notified?.close();
    await beating?.close();
    await database?.drop();
  });

  async function admin(...argv: string[]) {
    const output = bufferOutput();
    const code = await runCli(argv, {
      db: database.db,
      clock: notified.clock,
      out: output.out,
      readStdin: async () => '',
      operator: 'test-operator',
    });
    expect({ code, errors: output.errorText() }).toEqual({ code: 0, errors: '' });
    return output;
  }

  it('ends the stream at sign-out, at once, and leaves the same account’s other device streaming', async () => {
    const one = await staffAccount(database);
    const signedOut = (await loginAs(notified.url, one.login, one.password)).token;
    const other = (await loginAs(notified.url, one.login, one.password)).token;
    const stream = await openedStream(notified, signedOut);
    const stays = await openedStream(notified, other);
    const res = await fetch(`${notified.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signedOut}` },
    });
    expect(res.status).toBe(200);
    await expectEnded(notified, stream, signedOut);
    // The other device still gets changes.
    const mark = stays.events.length;
    await database.db.query('update groups set capacity = capacity + 1, updated_at = now() where id = $1', [
      firstGroupId,
    ]);
    await stays.waitFor((e) => e.type === 'changes' && e.collection === 'groups', { after: mark });
    expect(stays.events.some((e) => e.type === 'ended')).toBe(false);
    stays.close();
  });

  it('ends the stream when the department revokes the device (admin CLI device:revoke)', async () => {
    const one = await staffAccount(database);
    const { token } = await loginAs(notified.url, one.login, one.password);
    const stream = await openedStream(notified, token);
    const [session] = await database.db.query<{ id: string }>(
      'select id from device_sessions where staff_id = $1 and revoked_at is null',
      [one.id],
    );
    await admin('device:revoke', '--session', session!.id);
    await expectEnded(notified, stream, token);
  });

  it('ends every stream of a staff account when it is disabled (admin CLI staff:disable, or by hand in SQL)', async () => {
    for (const how of ['cli', 'sql'] as const) {
      const one = await staffAccount(database);
      const tokens = [
        (await loginAs(notified.url, one.login, one.password)).token,
        (await loginAs(notified.url, one.login, one.password)).token,
      ];
      const streams = await Promise.all(tokens.map((t) => openedStream(notified, t)));
      if (how === 'cli') await admin('staff:disable', '--login', one.login);
      // By hand: the account disabled, its sessions left unrevoked.
      else await database.db.query('update staff set disabled_at = now() where id = $1', [one.id]);
      for (const [i, stream] of streams.entries()) await expectEnded(notified, stream, tokens[i]!);
    }
  });

  it('ends the stream at the first heartbeat after the session expires on the server clock', async () => {
    const one = await staffAccount(database);
    const { token } = await loginAs(beating.url, one.login, one.password);
    const stream = await openedStream(beating, token);
    await stream.waitFor((e) => e.type === 'heartbeat');
    expect(stream.events.some((e) => e.type === 'ended')).toBe(false);
    beating.clock.advance(31 * 24 * 3600 * 1000);
    try {
      await expectEnded(beating, stream, token);
    } finally {
      beating.clock.advance(-31 * 24 * 3600 * 1000);
    }
  });

  it('ends the stream at the next heartbeat when the session_ended notification was lost (the per-process catch-up)', async () => {
    const one = await staffAccount(database);
    const { token } = await loginAs(beating.url, one.login, one.password);
    const stream = await openedStream(beating, token);
    await database.db.transaction(async (tx) => {
      // As if the notification were lost: the revocation commits without announcing itself.
      await tx.query('alter table device_sessions disable trigger device_sessions_ended');
      await tx.query('update device_sessions set revoked_at = now() where staff_id = $1', [one.id]);
      await tx.query('alter table device_sessions enable trigger device_sessions_ended');
    });
    await expectEnded(beating, stream, token);
  });

  it('makes the desk say "sign in again" when its stream ends, keeping a command made afterwards pending', async () => {
    const one = await staffAccount(database);
    const app = await startHeadlessApp(notified.url, { login: one.login, password: one.password });
    try {
      await until(() => app.replication.status$.value.connection === 'live', 'the desk to go live');
      await database.db.query('update device_sessions set revoked_at = now() where staff_id = $1', [one.id]);
      // Nothing pulls or pushes meanwhile: only the ended stream can tell the desk.
      await until(() => app.replication.status$.value.connection === 'unauthorized', 'the desk to say sign in again');
      const id = await app.send('group.setCapacity', { groupId: firstGroupId, capacity: 17 });
      await until(async () => (await app.db.commands.findOne(id).exec()) !== null, 'the command in the replica');
      // The server refuses the revoked session: the command stays pending on the PC, the status stays.
      expect((await app.db.commands.findOne(id).exec())?.get('status')).toBe('pending');
      expect(app.replication.status$.value.connection).toBe('unauthorized');
    } finally {
      await app.stop();
    }
  });
});

describe('streams end with their session across server processes (PostgreSQL)', () => {
  let database: TestDatabase;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemo(database.db, systemClock);
    // A heartbeat far longer than the test: only the notification can end the stream in time.
    processes = await Promise.all(
      [0, 1].map(() => spawnServerProcess({ DATABASE_URL: database.url!, HEARTBEAT_MS: '600000', SEED_DEMO: 'off' })),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database?.drop();
  });

  it('ends a stream on process B when its session is signed out through process A, and when A’s department revokes another', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const one = await staffAccount(database);
    for (const end of ['logout', 'revoke'] as const) {
      const { token } = await loginAs(a.url, one.login, one.password);
      const stream = await openEventStream(b.url, token);
      expect(stream.status).toBe(200);
      await stream.waitFor((e) => e.type === 'resync');
      if (end === 'logout') {
        const res = await fetch(`${a.url}/api/auth/logout`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
      } else {
        await database.db.query(
          'update device_sessions set revoked_at = now() where revoked_at is null and staff_id = $1',
          [one.id],
        );
      }
      await stream.waitFor((e) => e.type === 'ended');
      await stream.ended;
      expect((await openEventStream(b.url, token)).status).toBe(401);
    }
  });
});
