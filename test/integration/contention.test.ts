import { randomUUID } from 'node:crypto';
import { openPostgres } from '../../server/db/postgres.js';
import type { Db } from '../../server/db/db.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, makeApprovedEntry, publishApprovedSeats } from '../support/intake-fixtures.js';
import { someoneWaitsFor, watchLocks, type LockWatcher } from '../support/lock-waits.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The deadlocks found from outside (issue 18), reproduced on real PostgreSQL with the interleaving
 * forced by a barrier lock and by waiting on pg_locks until each side is blocked: no cycle of lock
 * waits may form, and every request is answered without a 5xx.
 */
describe('contention on real PostgreSQL: no deadlock by construction', () => {
  let database: TestDatabase;
  let db: Db;
  let server: TestServer;
  let locks: LockWatcher;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', 1);
    // A deadlock stays visible as a cycle of waits for 5 s before PostgreSQL breaks it, long
    // enough for the watcher to see it on a busy machine. The server's connections open after this.
    const name = new URL(database.url!).pathname.slice(1);
    await database.db.query(`alter database ${name} set deadlock_timeout = '5s'`);
    db = await openPostgres(database.url!, 10);
    server = await startTestServer(db);
  }, 60_000);
  beforeEach(async () => {
    locks = await watchLocks(database.url!);
  });
  afterEach(async () => {
    await locks.close();
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await database?.drop();
  });

  const capacityOf = async (id: string) =>
    (await db.query<{ capacity: number }>('select capacity from groups where id = $1', [id]))[0]!.capacity;

  it('lets parents claim a publication while a head’s batch locks its group and withdraws it', async () => {
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const group = await groupId(db, 'Колокольчик');
    const publicationId = await publishApprovedSeats(db, head, { groupId: group, seats: 3 });
    // Open to all: any eligible parent may claim now.
    await db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(Date.now() - 60_000),
    ]);
    await makeApplicant(db, {
      birthDate: '2024-02-02',
      appliedAt: '2025-01-10T05:00:00Z',
      login: 'race-parent',
      password: 'secret-1',
    });
    const parent = await parentSignIn(server.url, 'race-parent', 'secret-1');

    // The barrier holds the publication (as a concurrent writer would): the batch stops there.
    await locks.barrier.query('begin');
    await locks.barrier.query('select 1 from publications where id = $1 for no key update', [publicationId]);
    const batch = head.push([
      newCommand('group.setCapacity', { groupId: group, capacity: await capacityOf(group) }),
      newCommand('publication.withdraw', { publicationId }),
    ]);
    await locks.until('the batch waits for the barrier', (w) => someoneWaitsFor(w, locks.barrierPid));
    // The parent claims while the batch holds the group: the claim takes a seat, then needs a
    // key-share lock on the group and the publication for its referral's foreign keys.
    let claimAnswered = false;
    const claim = parent.claim(publicationId).finally(() => {
      claimAnswered = true;
    });
    await locks.until('the claim is answered or waits behind the batch', (w) => claimAnswered || w.size >= 2);
    await locks.barrier.query('commit');
    let batchAnswered = false;
    void batch.finally(() => {
      batchAnswered = true;
    });
    await locks.until('both are answered', () => claimAnswered && batchAnswered);

    expect(locks.cycles).toEqual([]);
    const claimed = await claim;
    expect(claimed.status).toBe(200);
    const pushed = await batch;
    expect(pushed.status).toBe(200);
    expect(pushed.body.map((c) => c.status)).toEqual(['applied', 'applied']);
    const seats = await db.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from seats where publication_id = $1 group by status order by status',
      [publicationId],
    );
    expect(seats).toEqual([
      { status: 'claimed', n: 1 },
      { status: 'withdrawn', n: 2 },
    ]);
  });

  it('lets two devices of one kindergarten push batches touching the same groups in opposite orders', async () => {
    const deviceA = apiClient(server.url, (await loginAs(server.url)).token);
    const deviceB = apiClient(server.url, (await loginAs(server.url)).token);
    const [first, second] = [await groupId(db, 'Солнышко'), await groupId(db, 'Радуга')] as [string, string];
    const entry = await makeApprovedEntry(db, {
      groupId: null,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
      status: 'draft',
    });
    const capacity = (id: string) =>
      capacityOf(id).then((c) => newCommand('group.setCapacity', { groupId: id, capacity: c }));
    const entryEdit = newCommand('scheduleEntry.update', {
      entryId: entry,
      groupId: null,
      birthYear: 2024,
      language: 'ru',
      seats: 3,
      availableFrom: '2026-09-01',
      note: 'contention',
    });

    // Device A: the first group, then the entry (held by the barrier), then the second group.
    await locks.barrier.query('begin');
    await locks.barrier.query('select 1 from schedule_entries where id = $1 for no key update', [entry]);
    const batchA = deviceA.push([await capacity(first), entryEdit, await capacity(second)]);
    await locks.until('device A waits for the barrier', (w) => someoneWaitsFor(w, locks.barrierPid));
    const waitingA = [...(await locks.waits()).keys()][0]!;
    // Device B: the second group, then the first — it ends up waiting behind device A.
    const batchB = deviceB.push([await capacity(second), await capacity(first)]);
    await locks.until('device B waits for device A', (w) => someoneWaitsFor(w, waitingA));
    await locks.barrier.query('commit');
    const answered = { a: false, b: false };
    void batchA.finally(() => (answered.a = true));
    void batchB.finally(() => (answered.b = true));
    await locks.until('both are answered', () => answered.a && answered.b);

    expect(locks.cycles).toEqual([]);
    const [a, b] = [await batchA, await batchB];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.map((c) => c.status)).toEqual(['applied', 'applied', 'applied']);
    expect(b.body.map((c) => c.status)).toEqual(['applied', 'applied']);
    const [edited] = await db.query<{ seats: number }>('select seats from schedule_entries where id = $1', [entry]);
    expect(edited!.seats).toBe(3);
  });

  it('answers 429 server_busy with Retry-After, changing nothing, when the database keeps aborting a claim', async () => {
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const publicationId = await publishApprovedSeats(db, head, { groupId: await groupId(db, 'Колокольчик'), seats: 1 });
    await db.query('update publications set window_closes_at = $2 where id = $1', [
      publicationId,
      new Date(Date.now() - 60_000),
    ]);
    await makeApplicant(db, {
      birthDate: '2024-03-03',
      appliedAt: '2025-01-11T05:00:00Z',
      login: 'busy-parent',
      password: 'secret-1',
    });
    const parent = await parentSignIn(server.url, 'busy-parent', 'secret-1');
    // Every referral insert is aborted as a deadlock victim would be, however often it is retried.
    const trigger = `busy_${randomUUID().slice(0, 8)}`;
    await db.exec(`
      create function ${trigger}() returns trigger language plpgsql as $$
        begin raise exception 'forced deadlock' using errcode = '40P01'; end $$;
      create trigger ${trigger} before insert on referrals for each row execute function ${trigger}();`);
    try {
      const res = await fetch(`${server.url}/api/parent/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${parent.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ publicationId }),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ error: 'server_busy' });
    } finally {
      await db.exec(`drop trigger ${trigger} on referrals; drop function ${trigger}();`);
    }
    const referrals = await db.query('select 1 from referrals where publication_id = $1', [publicationId]);
    expect(referrals).toEqual([]);
    // Once the contention is gone, the same claim goes through.
    expect((await parent.claim(publicationId)).status).toBe(200);
  });

  it('answers a push 429 server_busy when the database keeps aborting it, and keeps nothing of it', async () => {
    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const group = await groupId(db, 'Ақбота');
    const trigger = `busy_${randomUUID().slice(0, 8)}`;
    await db.exec(`
      create function ${trigger}() returns trigger language plpgsql as $$
        begin raise exception 'forced serialization failure' using errcode = '40001'; end $$;
      create trigger ${trigger} before update on groups for each row execute function ${trigger}();`);
    const before = await capacityOf(group);
    const command = newCommand('group.setCapacity', { groupId: group, capacity: before + 1 });
    try {
      const res = await head.push([command]);
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ error: 'server_busy' });
    } finally {
      await db.exec(`drop trigger ${trigger} on groups; drop function ${trigger}();`);
    }
    expect(await db.query('select 1 from commands where id = $1', [command.id])).toEqual([]);
    expect(await capacityOf(group)).toBe(before);
  });
});
