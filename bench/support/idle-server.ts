// The server of the idle-streams scenario: the real central server (server/server.ts) on
// DATABASE_URL, as `npm run server` starts it, whose database handle counts the statements and
// transactions the server sends. Forked by the scenario with --expose-gc; answers each IPC message
// "stats" with the count so far and its memory after a full garbage collection.
import { systemClock } from '../../server/clock.js';
import { configFromEnv } from '../../server/config.js';
import type { Db } from '../../server/db/db.js';
import { openDatabase } from '../../server/db/open.js';
import { startServer } from '../../server/server.js';
import { memoryAfterGc } from './memory.js';

/** `db`, counting every statement sent outside a transaction and every transaction (one each). */
function countingDb(db: Db): { db: Db; count: () => number } {
  let queries = 0;
  const counting: Db = {
    kind: db.kind,
    memo: db.memo,
    query: ((sql, params, options) => {
      queries++;
      return db.query(sql, params, options);
    }) as Db['query'],
    exec: (sql) => {
      queries++;
      return db.exec(sql);
    },
    transaction: ((fn) => {
      queries++;
      return db.transaction(fn);
    }) as Db['transaction'],
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    close: () => db.close(),
  };
  return { db: counting, count: () => queries };
}

const config = configFromEnv();
const opened = await openDatabase(config);
const { db, count } = countingDb(opened);
const server = await startServer(config, { db, clock: systemClock });
process.on('message', (message) => {
  if (message === 'stats') process.send!({ queries: count(), ...memoryAfterGc() });
});
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => opened.close())
    .finally(() => process.exit(0));
});
process.send!({ url: server.url });
