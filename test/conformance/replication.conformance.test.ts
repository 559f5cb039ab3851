import type { RxCollection } from 'rxdb';
import { runReplicationBaseTestSuite } from 'rxdb/plugins/test-utils';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReplicationServer } from '../support/replication-server.js';
import { replicationClient } from '../support/replication-client.js';
import { replicateOverHttp, type StreamStats } from '../support/rxdb-http-replication.js';
import { HUMANS } from '../support/test-collection.js';
import { loginAs, type TestServer } from '../support/test-server.js';

/**
 * RxDB's own replication conformance suite against our replication core, through our HTTP server
 * (pull, push with conflict detection, and — in the stream runs — the event stream), on the
 * test-only pushable collection, on PGlite and on PostgreSQL.
 */
describe.each(databaseKinds)('RxDB conformance on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startReplicationServer(database.db, { heartbeatMs: 100 });
    token = (await loginAs(server.url)).token;
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  describe.each([
    ['with the event stream', true],
    ['pull only', false],
  ])('%s', (_mode, stream) => {
    const stats: StreamStats = { connections: 0, resyncs: 0, changes: 0 };
    const target = () => ({ url: server.url, token, collection: HUMANS, stream, stats });
    afterAll(() => {
      // The stream runs really went through our event stream (RESYNC on every connect; changes
      // cue pulls); the pull-only runs never opened it.
      if (stream) expect(Math.min(stats.connections, stats.resyncs)).toBeGreaterThan(0);
      else expect(stats).toEqual({ connections: 0, resyncs: 0, changes: 0 });
    });
    runReplicationBaseTestSuite({
      startReplication: (collection: RxCollection) => replicateOverHttp(collection, target(), true),
      async syncOnce(collection: RxCollection) {
        const state = replicateOverHttp(collection, target(), false);
        await state.awaitInitialReplication();
        await state.cancel();
      },
      getAllServerDocs: async () => (await replicationClient(server.url, token).pullAll(HUMANS)).documents,
      async cleanUpServer() {
        await database.db.query('delete from replication_test_humans');
      },
      softDeletes: true,
      isDeleted: (doc: { _deleted: boolean }) => doc._deleted,
      getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
    });
  });
});
