import type { Queryable } from '../db/db.js';

/** A column's SQL type as sent: scalar types go as arrays of that type; `uuid[]` columns as array literals. */
export type ColumnType = 'uuid' | 'text' | 'int' | 'date' | 'timestamptz' | 'boolean' | 'uuid[]';

type Value = string | number | boolean | Date | null | readonly string[];

const CHUNK = 2000;

/**
 * Inserts many rows with one statement per chunk, one array parameter per column
 * (`insert … select * from unnest($1::uuid[], $2::text[], …)`): thousands of rows in a few
 * round trips, on PGlite and PostgreSQL alike, far below the 65,535-parameter limit.
 */
export async function insertRows<Row>(
  q: Queryable,
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  rows: readonly Row[],
  values: (row: Row) => readonly Value[],
): Promise<void> {
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const select = names.map((name, i) => (types[i] === 'uuid[]' ? `${name}::uuid[]` : name)).join(', ');
  const params = types.map((type, i) => `$${i + 1}::${type === 'uuid[]' ? 'text' : type}[]`).join(', ');
  const sql = `insert into ${table} (${names.join(', ')}) select ${select} from unnest(${params}) as t(${names.join(', ')})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK).map(values);
    const arrays = names.map((_, i) => chunk.map((row) => encode(row[i] ?? null, types[i]!)));
    await q.query(sql, arrays);
  }
}

function encode(value: Value, type: ColumnType): string | number | boolean | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    if (type !== 'uuid[]') throw new Error(`an array given for a ${type} column`);
    return `{${value.join(',')}}`;
  }
  return value as string | number | boolean;
}
