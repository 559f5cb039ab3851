import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, PGLITE_STATEMENT_CACHE } from '../../server/db/pglite.js';

/**
 * The embedded database's kept statements (server/db/pglite.ts): every query answers exactly what
 * PGlite's own `query` answers, errors keep their SQLSTATE and leave the database usable, a table
 * changing shape under a kept statement is read in its new shape, evicted statements are really
 * closed, notifications still arrive, and a write outside a transaction is on disk when it returns.
 */
describe('the embedded database keeps statements parsed', () => {
  let db: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    db = await openPglite();
    await db.exec(
      `create table kept (id int primary key, at timestamptz, tags text[], doc jsonb, amount numeric, note text)`,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers every type as PGlite itself does, parameters null or not, in and out of a transaction', async () => {
    const at = new Date('2026-06-01T04:00:00.123Z');
    await db.query('insert into kept values ($1, $2, $3, $4, $5, $6)', [
      1,
      at,
      ['a', 'б'],
      { x: [1, 'y'] },
      '12.50',
      null,
    ]);
    await db.query('insert into kept values ($1, $2, $3, $4, $5, $6)', [2, null, null, null, null, 'note']);
    const sql = 'select * from kept where id = any ($1::int[]) or note = $2 order by id';
    for (let i = 0; i < 8; i++) {
      // Past PostgreSQL's five custom plans, so a generic plan answers too.
      const ours = await db.query(sql, [[1], 'note']);
      const own = (await db.raw.query(sql, [[1], 'note'])).rows;
      expect(ours).toEqual(own);
      const inTransaction = await db.transaction((tx) => tx.query(sql, [[1], 'note']));
      expect(inTransaction).toEqual(own);
    }
    const [first] = await db.query<{ at: Date; tags: string[]; doc: unknown; amount: string }>(
      'select at, tags, doc, amount from kept where id = $1',
      [1],
    );
    expect(first).toEqual({ at, tags: ['a', 'б'], doc: { x: [1, 'y'] }, amount: '12.50' });
  });

  it('keeps an error’s SQLSTATE, rolls its transaction back and stays usable', async () => {
    await expect(db.query('select $1::uuid', ['not-a-uuid'])).rejects.toMatchObject({ code: '22P02' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into kept (id, note) values ($1, $2)', [10, 'rolled back']);
        await tx.query('insert into kept (id, note) values ($1, $2)', [1, 'duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('select id from kept where id = $1', [10])).toEqual([]);
    await expect(db.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
    expect(await db.query('select count(*)::int as n from kept')).toEqual([{ n: 2 }]);
  });

  it('reads a table in its new shape after it changed under a kept statement', async () => {
    await db.exec('create table shaped (a int)');
    await db.query('insert into shaped values ($1)', [1]);
    expect(await db.query('select * from shaped')).toEqual([{ a: 1 }]);
    // Through the script path: the kept statements are dropped.
    await db.exec('alter table shaped add column b int');
    expect(await db.query('select * from shaped')).toEqual([{ a: 1, b: null }]);
    // Behind the adapter's back: PostgreSQL's "cached plan must not change result type", parsed again.
    await db.raw.exec('alter table shaped add column c int');
    expect(await db.query('select * from shaped')).toEqual([{ a: 1, b: null, c: null }]);
  });

  it('closes the statements it no longer keeps', async () => {
    for (let i = 0; i < PGLITE_STATEMENT_CACHE + 20; i++)
      await db.query(`select ${i}::int as n where $1::int = 1`, [1]);
    expect(db.statements.size).toBeLessThanOrEqual(PGLITE_STATEMENT_CACHE);
    const [prepared] = await db.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements');
    // The evictions of the last call are closed with the next one: at most one call behind.
    expect(prepared!.n).toBeLessThanOrEqual(PGLITE_STATEMENT_CACHE + 1);
  });

  it('still delivers notifications sent by a statement', async () => {
    const received: string[] = [];
    const stop = await db.listen('kept_channel', (payload) => received.push(payload));
    await db.query(`select pg_notify('kept_channel', $1)`, ['one']);
    await db.transaction((tx) => tx.query(`select pg_notify('kept_channel', $1)`, ['two']));
    await vi.waitFor(() => expect(received).toEqual(['one', 'two']));
    await stop();
  });
});

describe('the embedded database on disk', () => {
  it('has a write outside a transaction on disk when the query returns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-pglite-'));
    try {
      const db = await openPglite({ dataDir: dir });
      await db.exec('create table durable (id int)');
      await db.query('insert into durable values ($1)', [7]);
      await db.close();
      const again = await openPglite({ dataDir: dir });
      expect(await again.query('select id from durable')).toEqual([{ id: 7 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
