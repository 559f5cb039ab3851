import { performance } from 'node:perf_hooks';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';
import { pgbenchInit, pgbenchTps } from '../support/pgbench.js';
import { percentile, pooled, prepareClaimCity } from '../support/prepare.js';

const CLAIMS = 3000;
const CONNECTIONS = 50;
const RUNS = 3;

/**
 * Claim throughput: claims against publications that never run out (60 × 60 seats), over HTTP
 * with 50 connections, on real PostgreSQL — claims/s against pgbench -N -s 10 -c 8 -j 2 -T 20 on
 * the same server in the same run. Target: at least 0.5 of pgbench's TPS, judged on the durable
 * cluster (run.ts runs this on the fast one and the durable one, each with its own pgbench).
 *
 * Beside it, the ceiling of any HTTP route on this machine: GET /api/ready (the server's routing,
 * one trivial SQL round trip, no sign-in, no write) over the same 50 connections. A claim does
 * strictly more (a session lookup, a read, an atomic write of four tables), so claims/s can never
 * exceed it; its ratio to pgbench bounds what the claim ratio can reach here.
 */
export async function claimThroughput(env: BenchEnvironment): Promise<ScenarioResult> {
  const rates: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  const ready: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { url, db, drop } = await env.database(`bench_throughput_${run}`);
    const city = await prepareClaimCity(db, { claimants: CLAIMS, publications: 60, seats: 60 });
    const [server] = await env.servers(url, 1);
    const agent = connectionPool(CONNECTIONS);
    const latencies: number[] = [];
    let granted = 0;
    const start = performance.now();
    await pooled(CLAIMS, CONNECTIONS, async (i) => {
      const t = performance.now();
      const res = await send(agent, `${server!.url}/api/parent/claims`, {
        token: city.tokens[i],
        body: { publicationId: city.publicationIds[i % city.publicationIds.length] },
      });
      latencies.push(performance.now() - t);
      if (res.status === 200) granted++;
    });
    const seconds = (performance.now() - start) / 1000;
    if (granted !== CLAIMS) throw new Error(`throughput: ${granted} of ${CLAIMS} claims granted`);
    rates.push(CLAIMS / seconds);
    const readyStart = performance.now();
    await pooled(CLAIMS, CONNECTIONS, async () => {
      const res = await send(agent, `${server!.url}/api/ready`);
      if (res.status !== 200) throw new Error(`ready: ${res.status}`);
    });
    ready.push(CLAIMS / ((performance.now() - readyStart) / 1000));
    p50.push(percentile(latencies, 50));
    p99.push(percentile(latencies, 99));
    agent.destroy();
    await server!.stop();
    await drop();
  }
  const { url, drop } = await env.database('bench_pgbench');
  await pgbenchInit(url);
  const tps: number[] = [];
  for (let run = 0; run < RUNS; run++) tps.push(await pgbenchTps(url));
  await drop();
  const subject = summarize(rates);
  const baseline = summarize(tps);
  const ratio = subject.median / baseline.median;
  return {
    scenario: 'claim-throughput',
    unit: 'per s',
    subject: { label: `claims/s over HTTP, ${CONNECTIONS} connections, 1 process`, ...subject },
    baseline: { label: 'pgbench -N -s 10 -c 8 -j 2 -T 20 TPS', ...baseline },
    ratio,
    // The target is judged on the durable cluster (production settings), not on the fast one.
    ...(env.kind === 'durable' ? { target: { minRatio: 0.5, met: ratio >= 0.5 } } : {}),
    notes:
      `claim latency p50 ${summarize(p50).median.toFixed(1)} ms, p99 ${summarize(p99).median.toFixed(1)} ms. ` +
      `Ceiling of any HTTP route here — GET /api/ready (one trivial SQL round trip) over the same connections: ` +
      `${summarize(ready).median.toFixed(0)} req/s = ${(summarize(ready).median / baseline.median).toFixed(2)}× pgbench; ` +
      `claims reach ${(subject.median / summarize(ready).median).toFixed(2)} of it.`,
  };
}
