import { newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { openEventStream, type ReceivedEvent } from '../support/event-stream.js';
import { startReplicationServer } from '../support/replication-server.js';
import { createKindergartenWithHead, insertGroup, replicationClient } from '../support/replication-client.js';
import { HUMANS } from '../support/test-collection.js';
import { loginAs, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';
const hasDocument = (collection: string, id: string) => (e: ReceivedEvent) =>
  e.type === 'changes' && e.collection === collection && (e.documents ?? []).some((d) => d.id === id);

/** The event stream, which RxDB's conformance suite never exercises (it calls reSync()). */
describe.each(databaseKinds)('the replication event stream on %s', (kind) => {
  let database: TestDatabase;
  // Heartbeats a minute apart: whatever arrives sooner came through LISTEN/NOTIFY.
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startReplicationServer(database.db, { heartbeatMs: 60_000 });
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it('refuses a stream without a live session', async () => {
    const stream = await openEventStream(server.url, 'not-a-token');
    expect(stream.status).toBe(401);
  });

  it('sends resync first, with the heartbeat period, on every connect and reconnect', async () => {
    for (let connection = 0; connection < 3; connection++) {
      const stream = await openEventStream(server.url, token);
      expect(stream.status).toBe(200);
      await stream.waitFor(() => true);
      expect(stream.events[0]).toMatchObject({ type: 'resync', heartbeatMs: 60_000 });
      stream.close();
    }
  });

  it('delivers a committed change to the open stream at once (no heartbeat needed)', async () => {
    const stream = await openEventStream(server.url, token);
    await stream.waitFor((e) => e.type === 'resync');
    const command = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 22 });
    const started = performance.now();
    await replicationClient(server.url, token).push('commands', [{ newDocumentState: command }]);
    const change = await stream.waitFor(hasDocument('groups', firstGroupId), { timeoutMs: 10_000 });
    expect(change.documents).toContainEqual(expect.objectContaining({ id: firstGroupId, capacity: 22 }));
    expect(change.at - started).toBeLessThan(10_000);
    const outcome = await stream.waitFor(hasDocument('commands', command.id));
    expect(outcome.documents).toContainEqual(expect.objectContaining({ id: command.id, status: 'applied' }));
    // Each change once, with the checkpoint a pull would resume from.
    const groupChanges = stream.events.filter(hasDocument('groups', firstGroupId));
    expect(groupChanges).toHaveLength(1);
    const resumed = await replicationClient(server.url, token).pull('groups', change.checkpoint, 10);
    expect(resumed.body.documents.map((d) => d.id)).not.toContain(firstGroupId);
    stream.close();
  });

  it('never sends one kindergarten the changes of another', async () => {
    const other = await createKindergartenWithHead(database.db, server.url, 'Соседний');
    const theirGroup = await insertGroup(database.db, other.kindergartenId, 'Их группа');
    const ours = await openEventStream(server.url, token);
    const theirs = await openEventStream(server.url, other.token);
    await Promise.all([ours.waitFor((e) => e.type === 'resync'), theirs.waitFor((e) => e.type === 'resync')]);

    const theirCommand = newCommand('group.setCapacity', { groupId: theirGroup, capacity: 9 });
    await replicationClient(server.url, other.token).push('commands', [{ newDocumentState: theirCommand }]);
    await theirs.waitFor(hasDocument('groups', theirGroup));
    await theirs.waitFor(hasDocument('commands', theirCommand.id));
    // A later change of ours arrives on our stream: had theirs been sent to us, it would be there by now.
    const ourCommand = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 23 });
    await replicationClient(server.url, token).push('commands', [{ newDocumentState: ourCommand }]);
    await ours.waitFor(hasDocument('commands', ourCommand.id));
    await ours.waitFor(hasDocument('groups', firstGroupId));

    const idsIn = (events: ReceivedEvent[]) => events.flatMap((e) => (e.documents ?? []).map((d) => d.id));
    expect(idsIn(ours.events)).not.toContain(theirGroup);
    expect(idsIn(ours.events)).not.toContain(theirCommand.id);
    expect(idsIn(theirs.events)).not.toContain(firstGroupId);
    expect(idsIn(theirs.events)).not.toContain(ourCommand.id);
    ours.close();
    theirs.close();
  });

  it('carries the changes of every registered collection, a test-only pushable one too', async () => {
    // NOTIFY wakes a stream for the production collections; any collection is caught up at the
    // latest on the next heartbeat (the safety net for lost notifications).
    const fast = await startReplicationServer(database.db, { heartbeatMs: 200 });
    const stream = await openEventStream(fast.url, token);
    await stream.waitFor((e) => e.type === 'resync');
    const human = { passportId: 'streamed-1', firstName: 'Ерлан', lastName: 'Стримов', age: 40, _deleted: false };
    await replicationClient(fast.url, token).push(HUMANS, [{ newDocumentState: human }]);
    const change = await stream.waitFor(
      (e) => e.collection === HUMANS && (e.documents ?? []).some((d) => d.passportId === 'streamed-1'),
      { timeoutMs: 5_000 },
    );
    expect(change.documents).toContainEqual(human);
    stream.close();
    await fast.close();
  });

  it('sends heartbeats at the configured period, and ends open streams when the server closes', async () => {
    const periodMs = 200;
    const fast = await startReplicationServer(database.db, { heartbeatMs: periodMs });
    const stream = await openEventStream(fast.url, token);
    const resync = await stream.waitFor((e) => e.type === 'resync');
    expect(resync.heartbeatMs).toBe(periodMs);
    const beats = () => stream.events.filter((e) => e.type === 'heartbeat');
    await stream.waitFor(() => beats().length >= 5, { timeoutMs: 10_000 });
    // Measured by the server's own clock (serverTime): timers never fire early, and the median
    // shrugs off one late beat on a loaded machine.
    const sent = beats().map((e) => Date.parse(e.serverTime!));
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(periodMs * 0.9);
    const median = [...gaps].sort((x, y) => x - y)[Math.floor(gaps.length / 2)]!;
    expect(median).toBeLessThan(periodMs * 2);

    await fast.close();
    await expect(stream.ended).resolves.toBeUndefined();
  });
});
