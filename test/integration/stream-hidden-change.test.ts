import type { Db } from '../../server/db/db.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { openEventStream, type ReceivedEvent } from '../support/event-stream.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';
const hasGroup = (e: ReceivedEvent) =>
  e.type === 'changes' && e.collection === 'groups' && (e.documents ?? []).some((d) => d.id === firstGroupId);

/** The database as the server sees it, counting the stream's looks at the groups table (its pulls). */
function countingGroupPulls(db: Db): Db & { groupPulls: number } {
  const counting = {
    kind: db.kind,
    memo: db.memo,
    groupPulls: 0,
    query: ((sql, params, options) => {
      if (/from groups\s/.test(sql) && sql.includes('order by change_txid, change_seq')) counting.groupPulls++;
      return db.query(sql, params, options);
    }) as Db['query'],
    exec: (sql: string) => db.exec(sql),
    transaction: ((fn) => db.transaction(fn)) as Db['transaction'],
    listen: (channel: string, onPayload: (payload: string) => void) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
  return counting;
}

/**
 * Issue 18, point 2: a change committed behind an older open transaction (of anyone, anywhere in
 * the city) is not commit-safe when its notification arrives. It reaches the stream when that
 * transaction commits — not at the next heartbeat's catch-up once the stream's back-off re-looks
 * have run out. On PostgreSQL: PGlite has one connection, so no transaction can be open beside
 * another.
 */
describe('a change hidden behind an older transaction, on postgres', () => {
  let database: TestDatabase;
  let db: Db & { groupPulls: number };
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    db = countingGroupPulls(database.db);
    // Heartbeats ten minutes apart: no catch-up runs during the test.
    server = await startTestServer(db, { heartbeatMs: 600_000 });
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('reaches the stream as soon as the transaction hiding it commits, after the re-looks ran out', async () => {
    const stream = await openEventStream(server.url, token);
    try {
      await stream.waitFor((e) => e.type === 'resync');
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let began = () => {};
      const begun = new Promise<void>((resolve) => (began = resolve));
      // An older transaction holding an id: a city-wide calendar day touched, left open.
      const older = database.db.transaction(async (tx) => {
        await tx.query(
          `update calendar_days set updated_at = now() where date = (select min(date) from calendar_days)`,
        );
        began();
        await released;
      });
      await begun;
      const before = db.groupPulls;
      await database.db.query('update groups set capacity = capacity + 1, updated_at = now() where id = $1', [
        firstGroupId,
      ]);
      // The notified look and its four back-off re-looks (25 ms … 1.6 s) all find it hidden.
      await vi.waitFor(() => expect(db.groupPulls - before).toBeGreaterThanOrEqual(5), {
        timeout: 20_000,
        interval: 20,
      });
      expect(stream.events.some(hasGroup)).toBe(false);
      release();
      await older;
      const change = await stream.waitFor(hasGroup, { timeoutMs: 20_000 });
      expect(change.documents).toContainEqual(expect.objectContaining({ id: firstGroupId }));
    } finally {
      stream.close();
    }
  });
});
