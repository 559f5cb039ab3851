import { productionCollections } from '../../server/replication/registry.js';
import { newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReplicationServer } from '../support/replication-server.js';
import { replicationClient } from '../support/replication-client.js';
import { loginAs, type TestServer } from '../support/test-server.js';

const firstGroupId = '0191d2a0-0000-7000-8000-000000000100';

/** Push as each collection's policy says: commands executed once, read models refused. */
describe.each(databaseKinds)('replication push on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let api: ReturnType<typeof replicationClient>;
  const writes = async () => {
    const [row] = await database.db.query<{ seq: string; audits: number }>(
      `select (select last_value::text from change_seq) as seq, (select count(*)::int from audit_log) as audits`,
    );
    return row;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startReplicationServer(database.db);
    api = replicationClient(server.url, (await loginAs(server.url)).token);
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  describe('push policy', () => {
    it('refuses a push to every read-only collection with 405 read_only_collection and changes nothing', async () => {
      const readOnly = [...productionCollections].filter(([, spec]) => !spec.push).map(([name]) => name);
      expect(readOnly).toContain('groups');
      expect(readOnly).not.toContain('commands');
      const before = await writes();
      for (const name of readOnly) {
        const res = await api.push(name, [
          { assumedMasterState: null, newDocumentState: { id: firstGroupId, capacity: 1, _deleted: false } },
        ]);
        expect(res.status, name).toBe(405);
        expect(res.body, name).toMatchObject({ error: 'read_only_collection' });
        expect(res.headers.get('allow'), name).toBe('');
      }
      expect(await writes()).toEqual(before);
      const [group] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [
        firstGroupId,
      ]);
      expect(group!.capacity).not.toBe(1);
    });

    it('refuses a push body over 1 MiB with 413 payload_too_large', async () => {
      const big = newCommand('group.setCapacity', {
        groupId: firstGroupId,
        capacity: 5,
        note: 'x'.repeat(1100 * 1024),
      });
      const res = await api.push('commands', [{ newDocumentState: big }]);
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: 'payload_too_large' });
    });

    it('answers 404 to a push to a collection not in the registry', async () => {
      const res = await api.push('nonexistent', [{ newDocumentState: { id: 'x' } }]);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'unknown_collection' });
    });

    it('executes a new command once; a re-push (even altered) returns the stored outcome', async () => {
      const command = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 12 });
      const first = await api.push('commands', [{ assumedMasterState: null, newDocumentState: command }]);
      expect(first.status).toBe(200);
      expect(first.body).toEqual([expect.objectContaining({ id: command.id, status: 'applied', _deleted: false })]);
      const altered = { ...command, payload: { groupId: firstGroupId, capacity: 30 } };
      const again = await api.push('commands', [{ assumedMasterState: first.body[0], newDocumentState: altered }]);
      expect(again.body).toEqual(first.body);
      const [state] = await database.db.query<{ capacity: number; audits: number }>(
        `select (select capacity from groups where id = $1) as capacity,
                (select count(*)::int from audit_log where object_id = $2) as audits`,
        [firstGroupId, command.id],
      );
      expect(state).toEqual({ capacity: 12, audits: 1 });
    });

    it('runs a batch in order: a refusal stops nothing after it, a repeated id executes once, later commands see earlier ones', async () => {
      const first = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 20 });
      const missing = newCommand('group.setCapacity', {
        groupId: '0191d2a0-0000-7000-8000-0000000009ff',
        capacity: 20,
      });
      const last = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 21 });
      const res = await api.push(
        'commands',
        [first, missing, first, last].map((c) => ({ assumedMasterState: null, newDocumentState: c })),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ id: first.id, status: 'applied' }),
        expect.objectContaining({
          id: missing.id,
          status: 'rejected',
          rejection: expect.objectContaining({ code: 'not_found' }),
        }),
        expect.objectContaining({ id: first.id, status: 'applied' }),
        expect.objectContaining({ id: last.id, status: 'applied' }),
      ]);
      expect(res.body[2]).toEqual(res.body[0]);
      const [state] = await database.db.query<{ capacity: number; stored: number; audits: number }>(
        `select (select capacity from groups where id = $1) as capacity,
                (select count(*)::int from commands where id = any ($2::uuid[])) as stored,
                (select count(*)::int from audit_log where object_id = any ($2::text[])) as audits`,
        [firstGroupId, [first.id, missing.id, last.id]],
      );
      expect(state).toEqual({ capacity: 21, stored: 3, audits: 3 });
    });

    it('never executes a command that was deleted on the device before it was pushed', async () => {
      const command = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 3 });
      const before = await writes();
      const res = await api.push('commands', [{ newDocumentState: { ...command, _deleted: true } }]);
      expect(res).toMatchObject({ status: 200, body: [] });
      expect(await writes()).toEqual(before);
    });

    it('refuses a push with one malformed command as a whole (400, naming where) and executes none', async () => {
      const before = await writes();
      const valid = newCommand('group.setCapacity', { groupId: firstGroupId, capacity: 4 });
      const res = await api.push('commands', [
        { newDocumentState: valid },
        { newDocumentState: { ...valid, id: 'not-a-uuid' } },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'invalid_request',
        message: expect.stringContaining('body.1.newDocumentState.id'),
      });
      expect(await writes()).toEqual(before);
    });
  });
});
