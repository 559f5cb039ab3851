import pg from 'pg';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { commitSafePuller, insertGroups, naivePuller, newKindergarten } from '../support/pullers.js';

/**
 * The proof that the pull checkpoint never skips a committed change and never waits for one not
 * committed yet, on real PostgreSQL with concurrent connections: a transaction that took its id
 * early commits after later ones, between pulls. The server's puller (a checkpoint is a snapshot)
 * sees every row exactly once, each as soon as its transaction commits; pullers that follow a
 * sequence or a timestamp alone, written here, provably lose rows.
 */
describe('the pull checkpoint on PostgreSQL with concurrent transactions', () => {
  let database: TestDatabase;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: database.url! });
    await client.connect();
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await database.drop();
  });

  it('sees a late-committing early transaction exactly once, without waiting for it, where naive pullers lose it', async () => {
    const kindergartenId = await newKindergarten(database.db);
    const safe = commitSafePuller(database.db, kindergartenId);
    const bySeq = naivePuller(database.db, kindergartenId, 'change_seq');
    const byTime = naivePuller(database.db, kindergartenId, 'updated_at');
    const pullAll = () => Promise.all([safe.drain(), bySeq.drain(), byTime.drain()]);

    const before = await insertGroups(database.db, kindergartenId, 2);
    const early = await connect();
    await early.query('begin');
    const earlyIds = await insertGroups(early, kindergartenId, 3);
    const [{ txid }] = (await early.query('select pg_current_xact_id_if_assigned()::text as txid')).rows;
    expect(txid).toMatch(/^\d+$/);

    const middle = await connect();
    await middle.query('begin');
    const middleIds = await insertGroups(middle, kindergartenId, 2);
    const later = await insertGroups(await connect(), kindergartenId, 4);
    await pullAll();
    // What committed is sent at once, though two older transactions are still open.
    expect(safe.seen).toEqual([...before, ...later]);
    expect(bySeq.seen).toEqual([...before, ...later]);

    await early.query('commit');
    const afterEarly = await insertGroups(database.db, kindergartenId, 2);
    await pullAll();
    // The early transaction's rows, older ids than what was sent, are sent when it commits.
    expect(safe.seen).toEqual([...before, ...later, ...earlyIds, ...afterEarly]);
    await middle.query('commit');
    await pullAll();
    expect(safe.seen.slice(-2)).toEqual(middleIds);

    const all = [...before, ...earlyIds, ...middleIds, ...later, ...afterEarly];
    expect([...safe.seen].sort()).toEqual([...all].sort());
    expect(new Set(safe.seen).size).toBe(safe.seen.length);
    for (const naive of [bySeq, byTime]) {
      const missed = all.filter((id) => !naive.seen.includes(id));
      expect(missed).toEqual(expect.arrayContaining(earlyIds));
      expect(missed.length).toBeGreaterThan(0);
    }
  });

  it('sees every row exactly once while many writers commit out of order under a puller that never stops', async () => {
    const kindergartenId = await newKindergarten(database.db);
    const safe = commitSafePuller(database.db, kindergartenId);
    const bySeq = naivePuller(database.db, kindergartenId, 'change_seq');
    const writers = await Promise.all(Array.from({ length: 6 }, () => connect()));
    const written: string[] = [];
    const pause = () => new Promise((r) => setTimeout(r, Math.random() * 12));
    let writing = true;
    const pulling = (async () => {
      while (writing) {
        await Promise.all([safe.drain(3), bySeq.drain(3)]);
        await pause();
      }
    })();
    await Promise.all(
      writers.map(async (client) => {
        for (let t = 0; t < 8; t++) {
          await client.query('begin');
          for (let i = 0; i < 1 + Math.floor(Math.random() * 3); i++) {
            written.push(...(await insertGroups(client, kindergartenId, 1)));
            await pause();
          }
          await client.query('commit');
        }
      }),
    );
    writing = false;
    await pulling;
    await safe.drain(3);

    expect(written.length).toBeGreaterThanOrEqual(48);
    expect([...safe.seen].sort()).toEqual([...written].sort());
    expect(new Set(safe.seen).size).toBe(written.length);
    // (The sequence-only puller usually loses some here too; the scripted test above proves it always can.)
    expect(bySeq.seen.length).toBeLessThanOrEqual(written.length);
  });
});
