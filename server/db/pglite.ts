import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

export interface PgliteOptions {
  /** A directory for a persistent database, or undefined for an in-memory one. */
  dataDir?: string;
  /** A tarball from `dumpDataDir()` to start from (tests clone one prepared database). */
  loadDataDir?: Blob | File;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db & { raw: PGlite }> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const memo = new Map<string, unknown>();
  const asQueryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    memo,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    raw: pg,
    ...asQueryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    close: () => pg.close(),
  };
}
