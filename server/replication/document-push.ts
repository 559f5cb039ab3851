import { z } from 'zod';
import type { PushRow } from '../../shared/replication/protocol.js';
import type { Queryable } from '../db/db.js';
import { isSameState, type CollectionPolicy, type Doc, type PushHandler, type Wire } from './core.js';

/** How pushed documents are written to a collection's table. */
export interface WritableTable<T extends Doc> {
  /** The document field and the column that identify a document within its scope. */
  key: { field: string; column: string };
  /** The column holding the pushing replica's kindergarten; (scopeColumn, key.column) must be unique. */
  scopeColumn: string;
  /** What a pushed document must look like (RxDB's `_deleted` travels beside it). */
  schema: z.ZodType<T>;
  /** The table's columns for a document (key included; never rev, updated_at or deleted). */
  toColumns(doc: T): Record<string, unknown>;
}

/**
 * RxDB's push with conflict detection, for a collection whose documents replicas may write:
 * in one transaction, each row's `assumedMasterState` is compared with the current master state
 * (locked). A row that matches (or is new) is written, the server assigning `rev` (trigger) and
 * `updated_at` (its clock); a row that does not is answered with the master state.
 */
export function documentPush<T extends Doc>(policy: CollectionPolicy<Doc>, table: WritableTable<T>): PushHandler {
  const store = statements(policy, table);
  return async ({ db, clock, auth }, rows) => {
    const docs: Array<{ row: PushRow; doc: T }> = [];
    for (const [index, row] of rows.entries()) {
      const parsed = table.schema.safeParse(row.newDocumentState);
      if (!parsed.success) return { ok: false, invalid: locate(parsed.error, index) };
      docs.push({ row, doc: parsed.data });
    }
    // Rows locked in key order: two pushes of the same documents never deadlock.
    const key = (d: { doc: T }) => String(d.doc[table.key.field]);
    docs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const conflicts = await db.transaction(async (tx) => {
      const found: Wire[] = [];
      const now = clock.now();
      for (const { row, doc } of docs) {
        const target = { tx, scopeId: auth.kindergartenId, key: doc[table.key.field] };
        const write = { ...table.toColumns(doc), deleted: row.newDocumentState._deleted === true, updated_at: now };
        const master = await store.read(target, true);
        if (!master) {
          // A concurrent push may have inserted it meanwhile: then it conflicts like any other row.
          if (await store.insert(target, write)) continue;
          found.push((await store.read(target, false))!);
        } else if (!row.assumedMasterState || !isSameState(row.assumedMasterState, master)) {
          found.push(master);
        } else {
          await store.update(target, write);
        }
      }
      return found;
    });
    return { ok: true, conflicts };
  };
}

interface Target {
  tx: Queryable;
  scopeId: string;
  key: unknown;
}

function statements<T extends Doc>(policy: CollectionPolicy<Doc>, table: WritableTable<T>) {
  const { scopeColumn } = table;
  const keyColumn = table.key.column;
  return {
    async read({ tx, scopeId, key }: Target, lock: boolean): Promise<Wire | null> {
      const rows = await tx.query(
        `select ${policy.columns}, deleted as "_deleted" from ${policy.table}
          where ${scopeColumn} = $1 and ${keyColumn} = $2 ${lock ? 'for update' : ''}`,
        [scopeId, key],
      );
      const row = rows[0];
      return row ? { ...policy.toDocument(row), _deleted: row._deleted === true } : null;
    },
    async insert({ tx, scopeId }: Target, write: Record<string, unknown>): Promise<boolean> {
      const values = { ...write, [scopeColumn]: scopeId };
      const columns = Object.keys(values);
      const inserted = await tx.query(
        `insert into ${policy.table} (${columns.join(', ')})
         values (${columns.map((_, i) => `$${i + 1}`).join(', ')})
         on conflict (${scopeColumn}, ${keyColumn}) do nothing returning 1 as ok`,
        Object.values(values),
      );
      return inserted.length > 0;
    },
    async update({ tx, scopeId, key }: Target, write: Record<string, unknown>): Promise<void> {
      const values = Object.entries(write).filter(([column]) => column !== keyColumn && column !== scopeColumn);
      await tx.query(
        `update ${policy.table} set ${values.map(([column], i) => `${column} = $${i + 3}`).join(', ')}
          where ${scopeColumn} = $1 and ${keyColumn} = $2`,
        [scopeId, key, ...values.map(([, value]) => value)],
      );
    },
  };
}

/** The schema's issues, placed where they are in the push body. */
export function locate(error: z.ZodError, index: number): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [index, 'newDocumentState', ...issue.path] })));
}
