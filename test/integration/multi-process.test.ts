import { randomBytes } from 'node:crypto';
import { postgresAdminUrl } from '../support/databases.js';
import { AdjustableClock } from '../../server/clock.js';
import { openPostgres } from '../../server/db/postgres.js';
import { migrate } from '../../server/db/migrate.js';
import { seedDemo } from '../../server/demo/seed-kindergarten.js';
import type { Db } from '../../server/db/db.js';
import { newCommand } from '../support/api-client.js';
import { openEventStream, type ReceivedEvent } from '../support/event-stream.js';
import { replicationClient } from '../support/replication-client.js';
import { spawnServerProcess, type ServerProcess } from '../support/server-process.js';
import { loginAs } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';

/** A database of the test cluster with nothing in it: not even migrated. */
async function emptyDatabase() {
  const adminUrl = postgresAdminUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(adminUrl, 1);
  await admin.query(`create database ${name}`);
  await admin.close();
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const again = await openPostgres(adminUrl, 1);
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    },
  };
}

const count = async (db: Db, table: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

/** Stateless processes behind a load balancer: two real `server/main.ts` processes on one PostgreSQL. */
describe('several server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  let db: Db;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await emptyDatabase();
    // Both start at once on an empty database: they migrate and seed it together.
    processes = await Promise.all(
      [0, 1].map(() =>
        spawnServerProcess({ DATABASE_URL: database.url, HEARTBEAT_MS: '60000', SEED_DEMO: 'kindergarten' }),
      ),
    );
    db = await openPostgres(database.url, 2);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await db?.close();
    await database?.drop();
  });

  it('start together on an empty database: each reports its real port, one seeds, both serve', async () => {
    const [a, b] = processes;
    for (const p of processes) expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(a!.url).not.toBe(b!.url);
    expect(processes.filter((p) => p.output().includes('(demo data seeded)'))).toHaveLength(1);
    expect(await count(db, 'kindergartens')).toBe(1);
    expect(await count(db, 'staff')).toBe(2);
    expect(await count(db, 'groups')).toBe(6);
    for (const p of processes) expect((await fetch(`${p.url}/api/ready`)).status).toBe(200);
  });

  it('carries a change committed through one process to a stream opened on the other', async () => {
    for (const [writer, reader] of [processes, [...processes].reverse()] as ServerProcess[][]) {
      const writerToken = (await loginAs(writer!.url)).token;
      const stream = await openEventStream(reader!.url, (await loginAs(reader!.url)).token);
      await stream.waitFor((e) => e.type === 'resync');
      const command = newCommand('group.setCapacity', {
        groupId: firstGroupId,
        capacity: 10 + Math.floor(Math.random() * 20),
      });
      const pushed = await replicationClient(writer!.url, writerToken).push('commands', [
        { newDocumentState: command },
      ]);
      expect(pushed.body[0]).toMatchObject({ status: 'applied' });
      // Heartbeats are a minute apart: only LISTEN/NOTIFY can bring it this soon.
      const change = await stream.waitFor(
        (e: ReceivedEvent) => e.collection === 'groups' && (e.documents ?? []).some((d) => d.id === firstGroupId),
        { timeoutMs: 10_000 },
      );
      expect(change.documents).toContainEqual(
        expect.objectContaining({ id: firstGroupId, capacity: command.payload.capacity }),
      );
      stream.close();
    }
  });

  it('seeds once when several processes try at the same moment (advisory lock)', async () => {
    const fresh = await emptyDatabase();
    const pools = await Promise.all([0, 1, 2, 3].map(() => openPostgres(fresh.url, 2)));
    try {
      await migrate(pools[0]!);
      const seeded = await Promise.all(pools.map((pool) => seedDemo(pool, new AdjustableClock())));
      expect(seeded.filter(Boolean)).toHaveLength(1);
      expect(await count(pools[0]!, 'kindergartens')).toBe(1);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
      await fresh.drop();
    }
  });

  it('stops on SIGTERM with exit code 0, ending its open event streams', async () => {
    const [a] = processes;
    const stream = await openEventStream(a!.url, (await loginAs(a!.url)).token);
    await stream.waitFor((e) => e.type === 'resync');
    expect(await a!.stop()).toBe(0);
    await expect(stream.ended).resolves.toBeUndefined();
  });
});
