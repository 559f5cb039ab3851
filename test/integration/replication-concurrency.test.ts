import pg from 'pg';
import { newCommand } from '../support/api-client.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReplicationServer } from '../support/replication-server.js';
import { insertGroup, replicationClient } from '../support/replication-client.js';
import { HUMANS } from '../support/test-collection.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { loginAs, type TestServer } from '../support/test-server.js';

/**
 * Concurrent pushes through the real server on real PostgreSQL (PGlite is one connection:
 * it would serialize them). Exactly-once comes from the database, not from process memory.
 */
describe('concurrent pushes on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestServer;
  let tokens: string[];
  let blocker: pg.Client;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', 20);
    server = await startReplicationServer(database.db);
    // Several devices of the same kindergarten, each with its own session.
    tokens = await Promise.all([0, 1, 2, 3].map(() => loginAs(server.url).then((s) => s.token)));
    blocker = new pg.Client({ connectionString: database.url! });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker.end();
    await server.close();
    await database.drop();
  });

  const row = async (groupId: string) =>
    (
      await database.db.query<{ rev: number; capacity: number }>('select rev, capacity from groups where id = $1', [
        groupId,
      ])
    )[0]!;
  const audits = async (commandId: string) =>
    (
      await database.db.query<{ n: number }>('select count(*)::int as n from audit_log where object_id = $1', [
        commandId,
      ])
    )[0]!.n;
  /** Waits until `n` backends of this database wait on a lock. */
  const waitForBlocked = async (n: number) => {
    for (let i = 0; i < 400; i++) {
      const [r] = await database.db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (r!.n >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${n} pushes reached the lock`);
  };

  it('executes a command pushed at once over several connections exactly once, answering all with its outcome', async () => {
    const groupId = await insertGroup(database.db, demoKindergarten.id, 'Гонка');
    const before = await row(groupId);
    const command = newCommand('group.setCapacity', { groupId, capacity: 17 });
    // Hold the group's row so that every push gets past "seen before?" and into its own transaction.
    await blocker.query('begin');
    await blocker.query('select 1 from groups where id = $1 for update', [groupId]);
    const pushes = Array.from({ length: 8 }, (_, i) =>
      replicationClient(server.url, tokens[i % tokens.length]!).push('commands', [{ newDocumentState: command }]),
    );
    await waitForBlocked(8);
    await blocker.query('commit');
    const results = await Promise.all(pushes);

    for (const result of results) expect(result.status).toBe(200);
    const outcomes = results.map((r) => r.body[0]);
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(outcomes[0]).toMatchObject({ id: command.id, status: 'applied' });
    expect(await audits(command.id)).toBe(1);
    expect(await row(groupId)).toEqual({ rev: before.rev + 1, capacity: 17 });
  });

  it('executes every one of many different commands pushed at once', async () => {
    const groups = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertGroup(database.db, demoKindergarten.id, `Параллельно ${i}`)),
    );
    const shared = groups[0]!;
    const before = await row(shared);
    const commands = [
      ...groups.map((groupId, i) => newCommand('group.setCapacity', { groupId, capacity: 30 + i })),
      ...[1, 2, 3, 4, 5].map((i) => newCommand('group.setCapacity', { groupId: shared, capacity: 40 + i })),
    ];
    const results = await Promise.all(
      commands.map((command, i) =>
        replicationClient(server.url, tokens[i % tokens.length]!).push('commands', [{ newDocumentState: command }]),
      ),
    );
    for (const [i, result] of results.entries()) {
      expect(result.body).toEqual([expect.objectContaining({ id: commands[i]!.id, status: 'applied' })]);
      expect(await audits(commands[i]!.id)).toBe(1);
    }
    for (const [i, groupId] of groups.entries()) if (i > 0) expect((await row(groupId)).capacity).toBe(30 + i);
    // Six commands changed the shared group: six revisions, the last writer's capacity.
    expect((await row(shared)).rev).toBe(before.rev + 6);
  });

  it('lets exactly one of several concurrent writers of one document win; the others get its master state', async () => {
    const api = (i: number) => replicationClient(server.url, tokens[i % tokens.length]!);
    const doc = (firstName: string) => ({
      passportId: 'race-1',
      firstName,
      lastName: 'Гонка',
      age: 5,
      _deleted: false,
    });
    const inserts = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => api(i).push(HUMANS, [{ newDocumentState: doc(`w${i}`) }])),
    );
    const insertWinners = inserts.filter((r) => r.body.length === 0);
    expect(insertWinners).toHaveLength(1);
    const [master] = (await api(0).pullAll(HUMANS)).documents.filter((d) => d.passportId === 'race-1');
    for (const r of inserts) if (r.body.length) expect(r.body).toEqual([master]);

    await blocker.query('begin');
    await blocker.query(`select 1 from replication_test_humans where passport_id = 'race-1' for update`);
    const updates = [0, 1, 2, 3, 4, 5].map((i) =>
      api(i).push(HUMANS, [{ assumedMasterState: master, newDocumentState: doc(`u${i}`) }]),
    );
    await waitForBlocked(6);
    await blocker.query('commit');
    const results = await Promise.all(updates);
    const winners = results.filter((r) => r.body.length === 0);
    expect(winners).toHaveLength(1);
    const [after] = (await api(0).pullAll(HUMANS)).documents.filter((d) => d.passportId === 'race-1');
    for (const r of results) if (r.body.length) expect(r.body).toEqual([after]);
    const [stored] = await database.db.query<{ rev: number }>(
      `select rev from replication_test_humans where passport_id = 'race-1'`,
    );
    expect(stored!.rev).toBe(2);
  });
  it('never deadlocks two pushes that write the same documents in opposite orders', async () => {
    const api = (i: number) => replicationClient(server.url, tokens[i]!);
    const doc = (passportId: string, firstName: string) => ({ passportId, firstName, lastName: 'Л', _deleted: false });
    const [x, y] = [doc('lock-x', 'x0'), doc('lock-y', 'y0')];
    await api(0).push(HUMANS, [{ newDocumentState: x }, { newDocumentState: y }]);
    // Both pushes wait on rows the blocker holds; released together, unordered locking would deadlock.
    await blocker.query('begin');
    await blocker.query(`select 1 from replication_test_humans where passport_id in ('lock-x', 'lock-y') for update`);
    const forward = api(1).push(HUMANS, [
      { assumedMasterState: x, newDocumentState: doc('lock-x', 'x1') },
      { assumedMasterState: y, newDocumentState: doc('lock-y', 'y1') },
    ]);
    const backward = api(2).push(HUMANS, [
      { assumedMasterState: y, newDocumentState: doc('lock-y', 'y2') },
      { assumedMasterState: x, newDocumentState: doc('lock-x', 'x2') },
    ]);
    await waitForBlocked(2);
    await blocker.query('commit');
    const results = await Promise.all([forward, backward]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    // One push wrote both documents; the other got both back as conflicts.
    expect(results.map((r) => r.body.length).sort()).toEqual([0, 2]);
  });
});
