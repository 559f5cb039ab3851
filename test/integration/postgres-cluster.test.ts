import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres.js';

/**
 * The test support's PostgreSQL cluster: tests keep the fast default (no disk flushes), and the
 * benchmarks' durable kind really runs with PostgreSQL's production defaults.
 */
describe('startPostgresCluster durability', () => {
  const started: PostgresCluster[] = [];
  afterAll(async () => {
    await Promise.all(started.map((c) => c.stop()));
  });

  async function settings(cluster: PostgresCluster): Promise<Record<string, string>> {
    const db = await openPostgres(cluster.url, 1);
    try {
      const rows = await db.query<{ name: string; setting: string }>(
        `select name, setting from pg_settings
          where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'max_connections', 'log_min_duration_statement')`,
      );
      return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
    } finally {
      await db.close();
    }
  }

  it('is fast by default and durable when asked, with extra settings passed through', async () => {
    const fast = await startPostgresCluster();
    started.push(fast);
    const durable = await startPostgresCluster({
      durability: 'durable',
      settings: { log_min_duration_statement: '0' },
    });
    started.push(durable);
    expect(fast.durability).toBe('fast');
    expect(durable.durability).toBe('durable');
    expect(await settings(fast)).toMatchObject({
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '200',
      log_min_duration_statement: '-1',
    });
    expect(await settings(durable)).toMatchObject({
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      max_connections: '200',
      log_min_duration_statement: '0',
    });
  }, 60_000);
});
