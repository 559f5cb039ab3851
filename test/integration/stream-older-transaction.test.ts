import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { openEventStream, type ReceivedEvent } from '../support/event-stream.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';
const secondGroupId = '0191d2a0-0000-7000-8000-000000000101';
const changesOf = (id: string) => (e: ReceivedEvent) =>
  e.type === 'changes' && e.collection === 'groups' && (e.documents ?? []).some((d) => d.id === id);

/**
 * Issue 18, point 2: a change committed while an older transaction is still open (anyone's,
 * anywhere in the city: a large batch, a deadlock wait) reaches the stream at its own commit, not
 * when the older one ends — pulls read by snapshot, not below the oldest running transaction —
 * and the older transaction's own change reaches it when that one commits, never skipped. With
 * heartbeats ten minutes apart no catch-up runs: only the commits' notifications drive the
 * stream. On PostgreSQL: PGlite has one connection, so no transaction can be open beside another.
 */
describe('a change committed while an older transaction is open, on postgres', () => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    server = await startTestServer(database.db, { heartbeatMs: 600_000 });
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('reaches the stream at its own commit, and the older transaction’s change at that one’s', async () => {
    const stream = await openEventStream(server.url, token);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    try {
      await stream.waitFor((e) => e.type === 'resync');
      let began = () => {};
      const begun = new Promise<void>((resolve) => (began = resolve));
      // An older transaction holding an id, with a change of this kindergarten's, left open.
      const older = database.db.transaction(async (tx) => {
        await tx.query('update groups set capacity = capacity + 1, updated_at = now() where id = $1', [secondGroupId]);
        began();
        await released;
      });
      await begun;
      await database.db.query('update groups set capacity = capacity + 1, updated_at = now() where id = $1', [
        firstGroupId,
      ]);
      const change = await stream.waitFor(changesOf(firstGroupId), { timeoutMs: 20_000 });
      expect(change.documents!.map((d) => d.id)).toEqual([firstGroupId]);
      // The older transaction is still open: its change is not sent before it commits…
      expect(stream.events.some(changesOf(secondGroupId))).toBe(false);
      release();
      await older;
      // …and is sent when it does, though its id is older than the change already sent.
      const late = await stream.waitFor(changesOf(secondGroupId), { timeoutMs: 20_000 });
      expect(late.documents!.map((d) => d.id)).toEqual([secondGroupId]);
    } finally {
      release();
      stream.close();
    }
  });
});
