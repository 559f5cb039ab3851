// The baselines of the first-sync scenario, in the browser: RxDB's own bulkInsert of the same
// documents in one batch, into a database made as the app makes its replica (Dexie storage under
// the encryption and z-schema validation wrappers, the app's enrollments schema, a password), and
// a raw Dexie bulkPut of the same objects. The documents come from /docs.json (the server's pull).
import { Dexie } from 'dexie';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { enrollmentRxSchema } from '../../renderer/src/data/rx-schemas.js';
import { replicaStorage } from '../../renderer/src/data/replica-storage.js';

declare global {
  interface Window {
    runBaseline(run: number): Promise<{ rxdb: number; dexie: number; count: number }>;
  }
}

addRxPlugin(RxDBMigrationSchemaPlugin); // as the app adds it: the enrollments schema is version 1

let docs: Array<Record<string, unknown>> | null = null;

window.runBaseline = async (run) => {
  docs ??= (await (await fetch('/docs.json')).json()) as Array<Record<string, unknown>>;
  const local = docs.map((d) => {
    const { _deleted: _d, ...rest } = d;
    return { ...rest, childIinHash: 'x'.repeat(64) };
  });
  const db = await createRxDatabase({
    name: `baseline${run}`,
    storage: replicaStorage(getRxStorageDexie()),
    password: 'bench-secret-bench-secret',
    multiInstance: false,
    eventReduce: true,
  });
  await db.addCollections({
    enrollments: { schema: enrollmentRxSchema as never, migrationStrategies: { 1: (doc: unknown) => doc } },
  });
  const start = performance.now();
  const result = await db.enrollments!.bulkInsert(local as never[]);
  const rxdb = performance.now() - start;
  if (result.error.length) throw new Error(`bulkInsert: ${result.error.length} errors`);
  await db.remove();

  const dexie = new Dexie(`raw${run}`);
  dexie.version(1).stores({ docs: 'id, childFullName, childIinHash' });
  await dexie.open();
  const dexieStart = performance.now();
  await dexie.table('docs').bulkPut(local);
  const raw = performance.now() - dexieStart;
  dexie.close();
  await Dexie.delete(`raw${run}`);
  return { rxdb, dexie: raw, count: local.length };
};
