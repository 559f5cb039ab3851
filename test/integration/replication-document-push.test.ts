import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReplicationServer } from '../support/replication-server.js';
import { createKindergartenWithHead, replicationClient } from '../support/replication-client.js';
import { HUMANS } from '../support/test-collection.js';
import { loginAs, type TestServer } from '../support/test-server.js';

/** The core's generic document push (RxDB's conflict detection), on the test-only pushable collection. */
describe.each(databaseKinds)('replication document push on %s', (kind) => {
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

  describe('document push with conflict detection (test-only collection)', () => {
    const human = (passportId: string, firstName = 'Айгерим', age = 30) => ({
      passportId,
      firstName,
      lastName: 'Сапарова',
      age,
    });
    const stored = async (passportId: string) =>
      (
        await database.db.query<{ rev: number; updated_at: Date; first_name: string; deleted: boolean }>(
          'select rev, updated_at, first_name, deleted from replication_test_humans where passport_id = $1',
          [passportId],
        )
      )[0];

    it('writes a new document with rev and updatedAt assigned by the server', async () => {
      // The server's clock runs an hour ahead of the database's and the client's: updatedAt follows it.
      server.clock.advance(3600_000);
      const from = Date.now() + 3600_000;
      const res = await api.push(HUMANS, [
        { assumedMasterState: null, newDocumentState: { ...human('new-1'), _deleted: false } },
      ]);
      server.clock.advance(-3600_000);
      expect(res).toMatchObject({ status: 200, body: [] });
      const row = await stored('new-1');
      expect(row).toMatchObject({ rev: 1, first_name: 'Айгерим', deleted: false });
      expect(row!.updated_at.getTime()).toBeGreaterThanOrEqual(from);
      expect(row!.updated_at.getTime()).toBeLessThan(from + 5_000);
    });

    it('writes when the assumed master state is current (rev bumped), ignoring server-assigned fields', async () => {
      const master = { ...human('upd-1'), _deleted: false };
      await api.push(HUMANS, [{ newDocumentState: master }]);
      const res = await api.push(HUMANS, [
        { assumedMasterState: { ...master, rev: 99, updatedAt: 'whenever' }, newDocumentState: { ...master, age: 31 } },
      ]);
      expect(res.body).toEqual([]);
      expect(await stored('upd-1')).toMatchObject({ rev: 2 });
      const { documents } = await api.pullAll(HUMANS);
      expect(documents.find((d) => d.passportId === 'upd-1')).toEqual({ ...master, age: 31 });
    });

    it('answers a stale or missing assumed state with the master state and writes nothing', async () => {
      const master = { ...human('conf-1', 'Мастер'), _deleted: false };
      await api.push(HUMANS, [{ newDocumentState: master }]);
      const before = await stored('conf-1');
      const stale = { ...master, firstName: 'Устаревшее' };
      const res = await api.push(HUMANS, [
        { assumedMasterState: stale, newDocumentState: { ...master, firstName: 'Клиент 1' } },
        { assumedMasterState: null, newDocumentState: { ...master, firstName: 'Клиент 2' } },
      ]);
      expect(res.body).toEqual([master, master]);
      expect(await stored('conf-1')).toEqual(before);
    });

    it('keeps a deletion as a tombstone that pulls with _deleted', async () => {
      const master = { ...human('del-1'), _deleted: false };
      await api.push(HUMANS, [{ newDocumentState: master }]);
      const res = await api.push(HUMANS, [
        { assumedMasterState: master, newDocumentState: { ...master, _deleted: true } },
      ]);
      expect(res.body).toEqual([]);
      expect(await stored('del-1')).toMatchObject({ deleted: true, rev: 2 });
      const { documents } = await api.pullAll(HUMANS);
      expect(documents.find((d) => d.passportId === 'del-1')).toEqual({ ...master, _deleted: true });
    });

    it('keeps kindergartens apart: the same key in another kindergarten is another document', async () => {
      const other = await createKindergartenWithHead(database.db, server.url, 'Другой садик');
      const otherApi = replicationClient(server.url, other.token);
      await api.push(HUMANS, [{ newDocumentState: { ...human('shared-key', 'Наш'), _deleted: false } }]);
      const res = await otherApi.push(HUMANS, [
        { newDocumentState: { ...human('shared-key', 'Их'), _deleted: false } },
      ]);
      expect(res.body).toEqual([]);
      const theirs = (await otherApi.pullAll(HUMANS)).documents;
      expect(theirs).toEqual([{ ...human('shared-key', 'Их'), _deleted: false }]);
      const ours = (await api.pullAll(HUMANS)).documents.filter((d) => d.passportId === 'shared-key');
      expect(ours).toEqual([{ ...human('shared-key', 'Наш'), _deleted: false }]);
    });

    it('refuses an invalid document (400, naming where) and writes none of the push', async () => {
      const res = await api.push(HUMANS, [
        { newDocumentState: { ...human('inv-1'), _deleted: false } },
        { newDocumentState: { ...human('inv-2'), age: 'old', _deleted: false } },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: expect.stringContaining('body.1.newDocumentState.age') });
      expect(await stored('inv-1')).toBeUndefined();
    });
  });
});
