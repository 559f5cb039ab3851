import { randomUUID } from 'node:crypto';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { rejectionCodeSchema } from '../../shared/commands/rejection.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { groupId, makeApprovedEntry } from '../support/intake-fixtures.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectConverged, startHeadlessApp, until, type HeadlessApp } from './faults-app.js';

const head = { login: demoAccounts[0].login, password: demoAccounts[0].password };
const DAY = 24 * 3600 * 1000;

/**
 * Issue 7, points 3 and 4, on real PostgreSQL: two devices of one kindergarten work offline on the
 * same objects and sync one after the other (deterministic outcomes, each refusal explained);
 * a replica offline for 200 days learns of a deletion from its tombstone.
 * The headless app (faults-app.ts) is the staff app's own data layer; RxDB's open-source build
 * allows 13 open collections, so the devices' replicas are open one at a time, as on two PCs.
 */
describe('two devices and long-offline replicas on real PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestServer;
  let proxyA: FaultProxy;
  let proxyB: FaultProxy;
  let group: string;
  const open: HeadlessApp[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    server = await startTestServer(database.db, { heartbeatMs: 500 });
    server.clock.set(new Date('2026-06-05T05:00:00Z'));
    await installShippedData(database.db, server.clock);
    const port = Number(new URL(server.url).port);
    proxyA = await startFaultProxy(port);
    proxyB = await startFaultProxy(port);
    group = await groupId(database.db, 'Колокольчик');
  });
  afterAll(async () => {
    for (const app of open) await app.close().catch(() => undefined);
    await proxyA?.close();
    await proxyB?.close();
    await server?.close();
    await database?.drop();
  });

  const synced = (app: HeadlessApp) =>
    until(
      async () => (await app.db.commands.count({ selector: { status: 'pending' } }).exec()) === 0,
      'no pending command',
    );
  const offline = (proxy: FaultProxy) => {
    proxy.refuse(true);
    proxy.dropAll();
  };
  async function close(app: HeadlessApp) {
    await app.close();
    open.splice(open.indexOf(app), 1);
  }
  async function track(app: Promise<HeadlessApp>) {
    const started = await app;
    open.push(started);
    return started;
  }

  it('gives the same outcome for two devices’ offline edits of the same objects, explaining each refusal', async () => {
    const entry = await makeApprovedEntry(database.db, {
      groupId: group,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    const publish = (publicationId: string) =>
      ({
        publicationId,
        groupId: group,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2024,
        language: 'ru',
        seats: 2,
        availableFrom: '2026-09-01',
      }) as const;

    // Device A: first sync, then offline edits; the PC is switched off.
    let a = await track(startHeadlessApp(proxyA.url, head, { deviceId: 'device-a' }));
    await expectConverged(a, server.url);
    offline(proxyA);
    const capacityA = await a.send('group.setCapacity', { groupId: group, capacity: 25 });
    const publishA = await a.send('publication.publish', publish(randomUUID()));
    await close(a);

    // Device B, the same kindergarten: the same objects, also offline.
    let b = await track(startHeadlessApp(proxyB.url, head, { deviceId: 'device-b' }));
    await expectConverged(b, server.url);
    offline(proxyB);
    const capacityB = await b.send('group.setCapacity', { groupId: group, capacity: 18 });
    const publishB = await b.send('publication.publish', publish(randomUUID()));
    await close(b);

    // A comes back first, then B: each command is judged against the state the earlier ones left.
    proxyA.refuse(false);
    a = await track(a.reopen());
    await synced(a);
    await close(a);
    proxyB.refuse(false);
    b = await track(b.reopen());
    await synced(b);

    const outcome = async (id: string) => (await b.db.commands.findOne(id).exec())?.toMutableJSON();
    expect(await outcome(capacityA)).toMatchObject({ status: 'applied' });
    expect(await outcome(publishA)).toMatchObject({ status: 'applied' });
    expect(await outcome(capacityB)).toMatchObject({ status: 'applied' });
    const refused = await outcome(publishB);
    expect(refused).toMatchObject({
      status: 'rejected',
      rejection: { code: 'exceeds_source_seats', params: { remainingSeats: 0, seats: 2 } },
    });
    // Every refusal carries a code the UI translates (the catalogues test covers every code).
    expect(rejectionCodeSchema.safeParse(refused!.rejection!.code).success).toBe(true);
    const [row] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [group]);
    expect(row!.capacity).toBe(18);
    const publications = await database.db.query<{ id: string }>(
      'select id from publications where schedule_entry_id = $1',
      [entry],
    );
    expect(publications).toHaveLength(1);
    await expectConverged(b, server.url);
    await close(b);

    // A learns B's outcomes too: both replicas end equal to the server.
    a = await track(a.reopen());
    await expectConverged(a, server.url);
    await close(a);
  });

  it('removes from a replica offline for 200 days what was deleted meanwhile (tombstones outlive the longest offline period)', async () => {
    const entryId = randomUUID();
    let a = await track(startHeadlessApp(proxyA.url, head, { deviceId: 'device-a' }));
    await a.send('scheduleEntry.create', {
      entryId,
      groupId: group,
      birthYear: 2024,
      language: 'ru',
      seats: 1,
      availableFrom: '2026-09-01',
      note: '',
    });
    await until(async () => (await a.db.scheduleEntries.findOne(entryId).exec()) !== null, 'the entry in the replica');
    await synced(a);
    await close(a);

    // While the PC is off, another device deletes the entry; 200 days pass (the token expires).
    const other = await track(startHeadlessApp(proxyB.url, head, { deviceId: 'device-b' }));
    await other.send('scheduleEntry.delete', { entryId });
    await synced(other);
    expect((await other.db.commands.find({ selector: { kind: 'scheduleEntry.delete' } }).exec()).at(-1)?.status).toBe(
      'applied',
    );
    await close(other);
    server.clock.advance(200 * DAY);

    a = await track(a.reopen({ signInAgain: head }));
    await until(
      async () => (await a.db.scheduleEntries.findOne(entryId).exec()) === null,
      'the tombstone to remove the entry',
      30_000,
    );
    await expectConverged(a, server.url);
    await close(a);
  });
});
