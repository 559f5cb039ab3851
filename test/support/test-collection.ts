import { z } from 'zod';
import type { Db } from '../../server/db/db.js';
import { collectionRegistry, type CollectionPolicy, type CollectionRegistry } from '../../server/replication/core.js';
import { documentPush, type WritableTable } from '../../server/replication/document-push.js';
import { productionCollections } from '../../server/replication/registry.js';

/**
 * A test-only collection that replicas may write (no production collection but `commands`
 * accepts pushes): RxDB's "human" documents of its conformance suite, on their own table, with
 * the replication metadata and triggers of every replicated table.
 */
export const HUMANS = 'humans';

export async function createHumansTable(db: Db): Promise<void> {
  await db.exec(`
    create table if not exists replication_test_humans (
      kindergarten_id uuid not null references kindergartens (id),
      passport_id text not null,
      first_name text not null,
      last_name text not null,
      age integer,
      updated_at timestamptz not null,
      rev integer not null default 1,
      deleted boolean not null default false,
      change_txid xid8 not null default pg_current_xact_id(),
      change_seq bigint not null default nextval('change_seq'),
      primary key (kindergarten_id, passport_id)
    );
    create index if not exists replication_test_humans_changes
      on replication_test_humans (kindergarten_id, change_txid, change_seq);
    create or replace trigger replication_test_humans_stamp before insert or update on replication_test_humans
      for each row execute function stamp_change();
    create or replace trigger replication_test_humans_notify after insert or update on replication_test_humans
      for each row execute function notify_change('${HUMANS}', 'kindergarten_id');
  `);
}

const humanSchema = z.object({
  passportId: z.string().min(1).max(100),
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  age: z.number().int().min(0).max(150).optional(),
});
export type Human = z.infer<typeof humanSchema>;

export const humansPolicy: CollectionPolicy<Human> = {
  name: HUMANS,
  table: 'replication_test_humans',
  scope: 'kindergarten_id = $1',
  columns: 'passport_id, first_name, last_name, age',
  changeKey: 'kindergarten_id::text',
  toDocument: (row) => ({
    passportId: String(row.passport_id),
    firstName: String(row.first_name),
    lastName: String(row.last_name),
    ...(row.age === null || row.age === undefined ? {} : { age: Number(row.age) }),
  }),
};

const humansTable: WritableTable<Human> = {
  key: { field: 'passportId', column: 'passport_id' },
  scopeColumn: 'kindergarten_id',
  schema: humanSchema,
  toColumns: (doc) => ({
    passport_id: doc.passportId,
    first_name: doc.firstName,
    last_name: doc.lastName,
    age: doc.age ?? null,
  }),
};

/** The production registry plus the pushable test collection. */
export const collectionsWithHumans: CollectionRegistry = collectionRegistry([
  ...productionCollections.values(),
  { policy: humansPolicy, push: documentPush(humansPolicy, humansTable) },
]);
