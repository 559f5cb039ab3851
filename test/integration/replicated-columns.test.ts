import { replicatedCollections } from '../../shared/replication/protocol.js';
import {
  collectionColumns,
  collectionPolicies,
  replicatedTables,
  type FieldType,
} from '../../server/replication/collections.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';

/** The PostgreSQL types a field of each kind may be stored in (a plain value in none of the others). */
const storedAs: Record<Exclude<FieldType, 'value'>, string> = {
  date: 'date',
  instant: 'timestamp with time zone',
  json: 'jsonb',
};
const specialTypes = new Set(Object.values(storedAs));

describe('each replicated collection’s columns, derived from its zod schema', () => {
  it('give every schema field a column, the document’s id first and the schema’s order after it', () => {
    for (const name of replicatedCollections) {
      const shape = Object.keys(replicatedTables[name].schema.shape);
      const fields = Object.keys(collectionColumns(name).fields);
      expect(fields, name).toEqual(['id', ...shape.filter((field) => field !== 'id')]);
    }
  });

  it('name a column off the convention, and leave a column out, only with a reason', () => {
    for (const name of replicatedCollections) {
      const { fields, renamed, notReplicated } = collectionColumns(name);
      for (const [field, exception] of Object.entries(renamed)) {
        expect(exception?.why.length, `${name}.${field}`).toBeGreaterThan(10);
        expect(fields[field]?.column, `${name}.${field}`).toBe(exception?.column);
      }
      for (const why of Object.values(notReplicated)) expect(why.length, name).toBeGreaterThan(10);
    }
  });
});

describe.each(databaseKinds)('the replicated tables on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const columnsOf = async (table: string) =>
    new Map(
      (
        await database.db.query<{ column_name: string; data_type: string }>(
          `select column_name, data_type from information_schema.columns
            where table_schema = current_schema() and table_name = $1`,
          [table],
        )
      ).map((row) => [row.column_name, row.data_type]),
    );

  it.each(replicatedCollections)(
    '%s: every field has a column of its type, every column a field or a listed exclusion',
    async (name) => {
      const { table, fields, notReplicated } = collectionColumns(name);
      const columns = await columnsOf(table);
      expect(columns.size, `table ${table}`).toBeGreaterThan(0);

      for (const [field, { column, type }] of Object.entries(fields)) {
        const stored = columns.get(column);
        expect(stored, `${name}.${field} → ${table}.${column}`).toBeDefined();
        if (type === 'value') expect(specialTypes.has(stored!), `${name}.${field} is ${stored}`).toBe(false);
        else expect(stored, `${name}.${field}`).toBe(storedAs[type]);
      }

      const named = new Set(Object.values(fields).map(({ column }) => column));
      const unaccounted = [...columns.keys()].filter(
        (column) => !named.has(column) && !Object.hasOwn(notReplicated, column),
      );
      expect(unaccounted, `columns of ${table} no field or exclusion names`).toEqual([]);
      const stale = Object.keys(notReplicated).filter((column) => !columns.has(column) || named.has(column));
      expect(stale, `exclusions of ${table} that are not its columns, or are replicated`).toEqual([]);
    },
  );

  it('select every collection’s documents with its derived column list', async () => {
    for (const name of replicatedCollections) {
      const policy = collectionPolicies[name];
      await expect(
        database.db.query(`select ${policy.columns} from ${policy.table} limit 1`),
        name,
      ).resolves.toBeDefined();
    }
  });
});
