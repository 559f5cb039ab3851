import { performance } from 'node:perf_hooks';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';
import { percentile, pooled, prepareClaimCity } from '../support/prepare.js';

const SEATS = 40;
const PARENTS = 2000;
const CONNECTIONS = 50;
const RUNS = 3;

/**
 * Claim storm: 40 seats open to all while 2,000 parents over 50 connections claim at once, through
 * two server processes on one PostgreSQL. Correctness (zero double bookings), the time until every
 * seat is taken, and refusal latency — against the same 2,000 requests to the health endpoint over
 * the same connections (the HTTP floor of this machine).
 */
export async function claimStorm(env: BenchEnvironment): Promise<ScenarioResult> {
  const takenMs: number[] = [];
  const floorMs: number[] = [];
  const refusalP50: number[] = [];
  const refusalP99: number[] = [];
  let doubleBookings = 0;
  for (let run = 0; run < RUNS; run++) {
    const { url, db, drop } = await env.database(`bench_storm_${run}`);
    const city = await prepareClaimCity(db, { claimants: PARENTS, publications: 1, seats: SEATS });
    const servers = await env.servers(url, 2);
    const agent = connectionPool(CONNECTIONS);
    const publicationId = city.publicationIds[0]!;
    const start = performance.now();
    let lastGrant = 0;
    const refusals: number[] = [];
    await pooled(PARENTS, CONNECTIONS, async (i) => {
      const t = performance.now();
      const res = await send(agent, `${servers[i % 2]!.url}/api/parent/claims`, {
        token: city.tokens[i],
        body: { publicationId },
      });
      const done = performance.now();
      if (res.status === 200) lastGrant = Math.max(lastGrant, done);
      else refusals.push(done - t);
    });
    takenMs.push(lastGrant - start);
    refusalP50.push(percentile(refusals, 50));
    refusalP99.push(percentile(refusals, 99));
    const [check] = await db.query<{ referrals: number; seats: number; doubled: number }>(
      `select (select count(*)::int from referrals where publication_id = $1) as referrals,
              (select count(distinct seat_id)::int from referrals where publication_id = $1) as seats,
              (select count(*)::int from (select applicant_id from referrals where status = 'active' group by applicant_id having count(*) > 1) d) as doubled`,
      [publicationId],
    );
    doubleBookings += check!.referrals - check!.seats + check!.doubled;
    if (check!.referrals !== SEATS) throw new Error(`storm: ${check!.referrals} referrals for ${SEATS} seats`);
    const floorStart = performance.now();
    await pooled(PARENTS, CONNECTIONS, async (i) => {
      await send(agent, `${servers[i % 2]!.url}/api/health`);
    });
    floorMs.push(performance.now() - floorStart);
    agent.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  }
  const subject = summarize(takenMs);
  const baseline = summarize(floorMs);
  return {
    scenario: 'claim-storm',
    unit: 'ms',
    subject: {
      label: `time until all ${SEATS} seats are taken (${PARENTS} parents, ${CONNECTIONS} connections, 2 processes)`,
      ...subject,
    },
    baseline: { label: `${PARENTS} health requests over the same connections`, ...baseline },
    ratio: subject.median / baseline.median,
    notes: `double bookings: ${doubleBookings}; refusal latency p50 ${summarize(refusalP50).median.toFixed(1)} ms, p99 ${summarize(refusalP99).median.toFixed(1)} ms (median of ${RUNS} runs)`,
  };
}
