import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';
import { pgbenchInit, pgbenchTps } from '../support/pgbench.js';

const COMMANDS = 1000;
const BATCH = 50;
const RUNS = 3;

/**
 * Offline backlog: 1,000 commands queued offline, drained after reconnect the way the replica
 * pushes them (batches of 50, one after another) — commands/s against pgbench -N on the same
 * server in the same run. Target: at least 0.25×, judged on the durable cluster (run.ts runs this
 * on both, each with its own pgbench).
 *
 * A device's backlog is one ordered stream (each command sees the effects of those before it), so
 * the drain runs on one connection; pgbench's baseline runs 8 clients at once. pgbench with one
 * client (-c 1 -j 1) is measured beside it, as the sequential reference.
 */
export async function offlineBacklog(env: BenchEnvironment): Promise<ScenarioResult> {
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { url, db, drop } = await env.database(`bench_backlog_${run}`);
    const [server] = await env.servers(url, 1);
    const agent = connectionPool(1);
    const login = await send(agent, `${server!.url}/api/auth/login`, {
      body: { login: 'head', password: 'balapan-head', deviceId: 'bench' },
    });
    const { token } = JSON.parse(login.body) as { token: string };
    const groups = await db.query<{ id: string }>('select id from groups order by name');
    const commands = Array.from({ length: COMMANDS }, (_, i) => ({
      id: uuidv7(),
      kind: 'group.setCapacity',
      payload: { groupId: groups[i % groups.length]!.id, capacity: 30 + (i % 20) },
      deviceId: 'bench',
      deviceTime: new Date().toISOString(),
    }));
    const start = performance.now();
    for (let i = 0; i < COMMANDS; i += BATCH) {
      const rows = commands.slice(i, i + BATCH).map((c) => ({ assumedMasterState: null, newDocumentState: c }));
      const res = await send(agent, `${server!.url}/api/replication/v1/commands/push`, { token, body: rows });
      if (res.status !== 200) throw new Error(`backlog push: ${res.status} ${res.body}`);
    }
    rates.push(COMMANDS / ((performance.now() - start) / 1000));
    const [applied] = await db.query<{ n: number }>(`select count(*)::int as n from commands where status = 'applied'`);
    if (applied!.n !== COMMANDS) throw new Error(`backlog: ${applied!.n} of ${COMMANDS} applied`);
    agent.destroy();
    await server!.stop();
    await drop();
  }
  const { url, drop } = await env.database('bench_pgbench_backlog');
  await pgbenchInit(url);
  const tps: number[] = [];
  const sequential: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    tps.push(await pgbenchTps(url));
    sequential.push(await pgbenchTps(url, { clients: 1 }));
  }
  await drop();
  const subject = summarize(rates);
  const baseline = summarize(tps);
  const ratio = subject.median / baseline.median;
  return {
    scenario: 'offline-backlog',
    unit: 'per s',
    subject: { label: `commands/s draining ${COMMANDS} queued commands in batches of ${BATCH}`, ...subject },
    baseline: { label: 'pgbench -N -s 10 -c 8 -j 2 -T 20 TPS', ...baseline },
    ratio,
    // The target is judged on the durable cluster (production settings), not on the fast one.
    ...(env.kind === 'durable' ? { target: { minRatio: 0.25, met: ratio >= 0.25 } } : {}),
    notes:
      `pgbench -N with one client (-c 1 -j 1, the sequential reference): ${summarize(sequential).median.toFixed(0)} TPS; ` +
      `the drain reaches ${(subject.median / summarize(sequential).median).toFixed(2)}× of it.`,
  };
}
