import { randomUUID } from 'node:crypto';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReplicationServer } from '../support/replication-server.js';
import {
  createKindergartenWithHead,
  insertGroup,
  replicationClient,
  type Document,
} from '../support/replication-client.js';
import { loginAs, type TestServer } from '../support/test-server.js';

/** Pull: checkpoints, paging, ties, validation against the registry; and the 426 for other versions. */
describe.each(databaseKinds)('replication pull on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let api: ReturnType<typeof replicationClient>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startReplicationServer(database.db);
    api = replicationClient(server.url, (await loginAs(server.url)).token);
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  describe('pull', () => {
    it('validates the collection against the registry, the limit and the checkpoint', async () => {
      expect((await api.pull('nonexistent')).status).toBe(404);
      expect((await api.pull('nonexistent')).body).toMatchObject({ error: 'unknown_collection' });
      expect((await api.pull('no-such$name')).status).toBe(400);
      expect((await api.pull('groups', null, 0)).status).toBe(400);
      expect((await api.pull('groups', null, 1001)).status).toBe(400);
      const half = await fetch(`${server.url}/api/replication/v1/groups/pull?txid=5`, {
        headers: { authorization: `Bearer ${(await loginAs(server.url)).token}` },
      });
      expect(half.status).toBe(400);
      expect(await half.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('respects the limit and resumes exactly after the checkpoint of the last row', async () => {
      const other = await createKindergartenWithHead(database.db, server.url, 'Пейджинг');
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push(await insertGroup(database.db, other.kindergartenId, `Группа ${i}`));
      const client = replicationClient(server.url, other.token);
      const pages: Document[][] = [];
      let checkpoint = null;
      for (;;) {
        const page = await client.pull('groups', checkpoint, 3);
        expect(page.body.documents.length).toBeLessThanOrEqual(3);
        if (page.body.documents.length === 0) {
          // Nothing new: the checkpoint may move on (to the pull's snapshot), and from it nothing comes.
          expect((await client.pull('groups', page.body.checkpoint, 3)).body.documents).toEqual([]);
          break;
        }
        pages.push(page.body.documents);
        checkpoint = page.body.checkpoint;
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
      expect(pages.flat().map((d) => d.id)).toEqual(ids);
      expect((await client.pull('groups', null, 100)).body.documents.map((d) => d.id)).toEqual(ids);

      await database.db.query('update groups set capacity = 7 where id = $1', [ids[1]]);
      const after = await client.pull('groups', checkpoint, 3);
      expect(after.body.documents).toEqual([expect.objectContaining({ id: ids[1], capacity: 7, rev: 2 })]);
    });

    it('reads a checkpoint of the form before snapshots (txid and seq alone) as the position it was', async () => {
      const other = await createKindergartenWithHead(database.db, server.url, 'Старый чекпоинт');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await insertGroup(database.db, other.kindergartenId, `Группа ${i}`));
      const positions = await database.db.query<{ txid: string; seq: string }>(
        'select change_txid::text as txid, change_seq::text as seq from groups where id = any($1) order by change_txid, change_seq',
        [ids],
      );
      const client = replicationClient(server.url, other.token);
      // A replica of the earlier protocol had been sent the first two rows.
      const legacy = { txid: positions[1]!.txid, seq: positions[1]!.seq };
      const rest = await client.pullAll('groups', legacy, 2);
      expect(rest.documents.map((d) => d.id)).toEqual(ids.slice(2));
      // A checkpoint written now, read by a server that reads only txid and seq, misses nothing
      // after it (it may send again what a transaction still running elsewhere in the cluster held back).
      expect(rest.checkpoint).toMatchObject({ snapshot: expect.stringMatching(/^\d+:\d+:/) });
      const { snapshot: _snapshot, upTo: _upTo, ...legacyForm } = rest.checkpoint!;
      const later = await insertGroup(database.db, other.kindergartenId, 'Группа позже');
      const again = (await client.pullAll('groups', legacyForm, 2)).documents.map((d) => String(d.id));
      expect(again).toContain(later);
      expect(again.every((id) => id === later || ids.includes(id))).toBe(true);
    });

    it('pages through many rows of one transaction (one txid) with small limits, each row once', async () => {
      const other = await createKindergartenWithHead(database.db, server.url, 'Одна транзакция');
      const before = await insertGroup(database.db, other.kindergartenId, 'до');
      const inOne = await database.db.transaction(async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < 25; i++) {
          const [row] = await tx.query<{ id: string }>(
            `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
             values ($1, $2, $3, 'middle', 'kk', 10, now()) returning id`,
            [randomUUID(), other.kindergartenId, `Тот же txid ${i}`],
          );
          ids.push(row!.id);
        }
        return ids;
      });
      const after = await insertGroup(database.db, other.kindergartenId, 'после');
      const [tie] = await database.db.query<{ txids: number }>(
        'select count(distinct change_txid)::int as txids from groups where id = any($1)',
        [inOne],
      );
      expect(tie!.txids).toBe(1);

      const client = replicationClient(server.url, other.token);
      for (const limit of [1, 4, 7]) {
        const { documents } = await client.pullAll('groups', null, limit);
        expect(documents.map((d) => d.id)).toEqual([before, ...inOne, after]);
      }
    });
  });

  it('tells an outdated or newer client to update with 426 on every replication URL, signed in or not', async () => {
    const { token } = await loginAs(server.url);
    for (const version of ['v0', 'v2']) {
      for (const [method, path] of [
        ['GET', 'groups/pull'],
        ['POST', 'commands/push'],
        ['GET', 'stream'],
      ] as const) {
        for (const headers of [{ authorization: `Bearer ${token}` }, {}] as Record<string, string>[]) {
          const res = await fetch(`${server.url}/api/replication/${version}/${path}`, { method, headers });
          expect(res.status, `${method} ${version}/${path}`).toBe(426);
          expect(await res.json()).toMatchObject({ error: 'upgrade_required', serverVersion: 1 });
        }
      }
    }
  });
});
