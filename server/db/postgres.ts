import { createHash } from 'node:crypto';
import pg from 'pg';
import { retryContention } from './contention.js';
import type { Db, Queryable, QueryOptions } from './db.js';

// bigint and numeric columns arrive as strings; int8 counts we read are small, so parse them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Connections per server process (DATABASE_POOL_SIZE): claims measured best at 20 on two cores. */
export const defaultPoolSize = 20;

export async function openPostgres(connectionString: string, poolSize = defaultPoolSize): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  await pool.query('select 1');
  const memo = new Map<string, unknown>();
  const asQueryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    memo,
    async query<T>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const values = params as unknown[];
      const result = await (options.prepare
        ? client.query({ name: statementName(sql), text: sql, values })
        : client.query(sql, values));
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  const autocommit = asQueryable(pool);
  return {
    kind: 'postgres',
    ...autocommit,
    // A statement outside a transaction is atomic: one aborted for a deadlock or a serialization
    // failure changed nothing and runs again (server/db/contention.ts). So does a whole transaction.
    query: (sql, params, options) => retryContention(() => autocommit.query(sql, params, options)),
    transaction: (fn) =>
      retryContention(async () => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await fn(asQueryable(client));
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }),
    async listen(channel, onPayload) {
      const client = await pool.connect();
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
      };
      client.on('notification', handler);
      await client.query(`listen ${quoteIdent(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`unlisten ${quoteIdent(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid channel name: ${name}`);
  return `"${name}"`;
}

const statementNames = new Map<string, string>();

/** A prepared statement's name, derived from its text: one SQL text, one name, on every connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}
