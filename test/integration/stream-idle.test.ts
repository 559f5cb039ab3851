import type { Db } from '../../server/db/db.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { openEventStream, type EventStreamClient } from '../support/event-stream.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';
const STREAMS = 20;
const HEARTBEATS = 5;

/** The database as the server sees it, counting every statement the server sends outside transactions. */
function countingDb(db: Db): Db & { queries: number } {
  const counting = {
    kind: db.kind,
    memo: db.memo,
    queries: 0,
    query: ((sql, params, options) => {
      counting.queries += 1;
      return db.query(sql, params, options);
    }) as Db['query'],
    exec: (sql: string) => db.exec(sql),
    transaction: ((fn) => {
      counting.queries += 1;
      return db.transaction(fn);
    }) as Db['transaction'],
    listen: (channel: string, onPayload: (payload: string) => void) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
  return counting;
}

const heartbeats = (stream: EventStreamClient) => stream.events.filter((e) => e.type === 'heartbeat').length;

/**
 * Issue 18, point 3: an idle stream costs no database query of its own — one catch-up query per
 * heartbeat per process, however many streams are open — and the catch-up still delivers a change
 * whose notification was lost.
 */
describe.each(databaseKinds)('idle streams on %s', (kind) => {
  let database: TestDatabase;
  let db: Db & { queries: number };
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = countingDb(database.db);
    server = await startTestServer(db, { heartbeatMs: 250 });
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it(`asks the database about once per heartbeat with ${STREAMS} idle streams open, not once per stream`, async () => {
    const streams: EventStreamClient[] = [];
    for (let i = 0; i < STREAMS; i++) streams.push(await openEventStream(server.url, token));
    try {
      // Every stream settled: its first look done, a heartbeat seen.
      await Promise.all(streams.map((s) => s.waitFor((e) => e.type === 'heartbeat')));
      await Promise.all(streams.map((s) => s.waitFor((e) => e.type === 'heartbeat', { after: s.events.length })));
      const before = db.queries;
      const watched = streams[0]!;
      const from = heartbeats(watched);
      await watched.waitFor(() => heartbeats(watched) >= from + HEARTBEATS, { timeoutMs: 30_000 });
      const spent = db.queries - before;
      // One catch-up per heartbeat (one more may be in flight at either edge); before, every
      // stream re-read every collection at every heartbeat (12 × 20 × 5 = 1,200).
      expect(spent).toBeLessThanOrEqual(HEARTBEATS + 2);
      expect(streams.every((s) => !s.events.some((e) => e.type === 'changes'))).toBe(true);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('still delivers a change whose notification was lost, at the next heartbeat (the per-process catch-up)', async () => {
    const stream = await openEventStream(server.url, token);
    try {
      await stream.waitFor((e) => e.type === 'heartbeat');
      const mark = stream.events.length;
      await database.db.transaction(async (tx) => {
        // As if the LISTEN connection had dropped the notification: the change commits silently.
        await tx.query('alter table groups disable trigger groups_notify');
        await tx.query('update groups set capacity = capacity + 1, updated_at = now() where id = $1', [firstGroupId]);
        await tx.query('alter table groups enable trigger groups_notify');
      });
      const [row] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [
        firstGroupId,
      ]);
      const event = await stream.waitFor((e) => e.type === 'changes' && e.collection === 'groups', { after: mark });
      expect(event.documents).toEqual([expect.objectContaining({ id: firstGroupId, capacity: row!.capacity })]);
    } finally {
      stream.close();
    }
  });
});
