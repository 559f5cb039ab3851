import { checkpointQuery, type Checkpoint } from '../../shared/replication/protocol.js';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { migrate } from '../../server/db/migrate.js';
import { openPglite } from '../../server/db/pglite.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { AdjustableClock } from '../../server/clock.js';
import { startServer } from '../../server/server.js';
import { repeat, summarize, type ScenarioResult } from '../harness.js';

/**
 * Pulling one page of 200 documents through the replication endpoint (HTTP, auth, the
 * commit-safe checkpoint query, JSON), against the bare SQL select of the same rows on the same
 * database: what the protocol costs on top of the database.
 */
export async function pullPage(): Promise<ScenarioResult> {
  const db = await openPglite();
  await migrate(db);
  const clock = new AdjustableClock();
  await seedDemo(db, clock);
  for (let i = 0; i < 2_000; i++) {
    await db.query(
      `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at) values ($1, $2, $3, 'junior', 'ru', 20, now())`,
      [randomUUID(), demoKindergarten.id, `Группа ${i}`],
    );
  }
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '',
      sessionTtlMs: 3.6e6,
      heartbeatMs: 15_000,
      rendererDir: null,
      logLevel: 'warn',
    },
    { db, clock },
  );
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'head', password: 'balapan-head', deviceId: 'bench' }),
  });
  const { token } = (await login.json()) as { token: string };
  const pages = 10;
  const subject = await repeat(5, async () => {
    const t = performance.now();
    let checkpoint = '';
    for (let i = 0; i < pages; i++) {
      const res = await fetch(`${server.url}/api/replication/v1/groups/pull?limit=200${checkpoint}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { checkpoint: Checkpoint };
      checkpoint = `&${new URLSearchParams(checkpointQuery(body.checkpoint))}`;
    }
    return (performance.now() - t) / pages;
  });
  const baseline = await repeat(5, async () => {
    const t = performance.now();
    let offset = 0;
    for (let i = 0; i < pages; i++) {
      await db.query(
        'select * from groups where kindergarten_id = $1 order by change_txid, change_seq limit 200 offset $2',
        [demoKindergarten.id, offset],
      );
      offset += 200;
    }
    return (performance.now() - t) / pages;
  });
  await server.close();
  await db.close();
  const s = summarize(subject);
  const b = summarize(baseline);
  return {
    scenario: 'pull-page',
    unit: 'ms/page',
    subject: { label: 'HTTP pull of 200 documents', ...s },
    baseline: { label: 'bare SQL select of the same rows', ...b },
    ratio: s.median / b.median,
    notes: 'PGlite, one process; 10 pages per run, 5 runs after a warm-up.',
  };
}
