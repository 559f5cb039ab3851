import type { Queryable } from '../../server/db/db.js';

/**
 * A digest of every row of every table: equal before and after a request means the request
 * changed nothing anywhere (sessions and the audit log included).
 */
export async function databaseFingerprint(db: Queryable): Promise<() => Promise<string>> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const sql = `select md5(string_agg(h, '' order by t)) as f from (${tables
    .map(
      ({ table_name: t }) =>
        `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`,
    )
    .join(' union all ')}) s`;
  return async () => (await db.query<{ f: string }>(sql))[0]!.f;
}
