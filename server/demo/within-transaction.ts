import type { Db, Queryable, QueryOptions } from '../db/db.js';

/**
 * An open transaction seen as a database whose `transaction(fn)` joins it: lets a function that
 * opens its own transaction (seedDemo, blockApplicant) run inside the caller's, so both commit or
 * roll back together. It cannot listen or close.
 */
export function withinTransaction(tx: Queryable, kind: Db['kind']): Db {
  return {
    kind,
    query: <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) => tx.query<T>(sql, params, options),
    exec: (sql) => tx.exec(sql),
    memo: tx.memo,
    transaction: (fn) => fn(tx),
    listen: () => Promise.reject(new Error('cannot listen inside a transaction')),
    close: () => Promise.reject(new Error('cannot close a transaction')),
  };
}
