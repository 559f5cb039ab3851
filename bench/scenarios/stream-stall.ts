import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../server/auth/password.js';
import { systemClock } from '../../server/clock.js';
import { runTransitions } from '../../server/intake/scheduler.js';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';
import { sampleOldestTransaction } from '../support/oldest-transaction.js';
import { percentile, pooled, prepareClaimCity } from '../support/prepare.js';
import { watchStream } from './live-propagation.js';

const PROBES = 100;
const RUNS = 3;
const EXPIRING = 300;
const SEATS = 60;
const BATCH = 100;
const LOADED_KINDERGARTENS = 2;

const now = () => performance.timeOrigin + performance.now();

/**
 * Stream stall (issue 18 point 2): how long a claim of the demo kindergarten takes from its commit
 * to its "changes" message on the head's stream, at rest and while other kindergartens' heads push
 * heavy batches (100 capacity commands each, two devices per kindergarten, overlapping groups) and
 * the scheduler expires hundreds of referrals. Both measured in the same run; target: under-load
 * p95 within 2.5× the at-rest p95.
 */
export async function streamStall(env: BenchEnvironment): Promise<ScenarioResult> {
  const { url, db, drop } = await env.database('bench_stall');
  const claims = (RUNS * 2 + 1) * PROBES + EXPIRING * RUNS + 10;
  const city = await prepareClaimCity(db, { claimants: claims, publications: Math.ceil(claims / SEATS), seats: SEATS });
  const hash = await hashPassword('bench-head');
  const others: Array<{ login: string; groups: string[] }> = [];
  for (let k = 0; k < LOADED_KINDERGARTENS; k++) {
    const id = randomUUID();
    await db.query(
      `insert into kindergartens (id, name_ru, name_kk, city, city_id, address, created_at, updated_at)
       values ($1, $2, $2, 'Петропавловск', 'petropavl', 'ул. Бенч', now(), now())`,
      [id, `Бенч-сад ${k}`],
    );
    const login = `bench-head-${k}`;
    await db.query(
      `insert into staff (id, kindergarten_id, login, full_name, role, password_hash, created_at)
       values ($1, $2, $3, 'Заведующая', 'head', $4, now())`,
      [randomUUID(), id, login, hash],
    );
    const groups: string[] = [];
    for (let g = 0; g < 5; g++) {
      const [row] = await db.query<{ id: string }>(
        `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
         values (gen_random_uuid(), $1, $2, 'middle', 'ru', 20, now()) returning id`,
        [id, `Группа ${g}`],
      );
      groups.push(row!.id);
    }
    others.push({ login, groups });
  }
  const [server] = await env.servers(url, 1);
  const agent = connectionPool(8);
  // The loads have connections of their own: a probe never queues behind a push.
  const loadAgent = connectionPool(LOADED_KINDERGARTENS * 2);
  const stream = await watchStream(server!.url);
  let next = 0;
  const claim = async () => {
    const i = next++;
    const reply = await send(agent, `${server!.url}/api/parent/claims`, {
      token: city.tokens[i],
      body: { publicationId: city.publicationIds[Math.floor(i / SEATS)] },
    });
    if (reply.status !== 200) throw new Error(`claim ${i}: ${reply.status} ${reply.body}`);
    return (JSON.parse(reply.body) as { referralId: string }).referralId;
  };
  const arrival = async (id: string) => {
    while (!stream.arrivals.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
    return stream.arrivals.get(id)!;
  };
  const probe = async () => {
    const out: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const id = await claim();
      const committedAt = now();
      out.push((await arrival(id)) - committedAt);
    }
    return out;
  };
  const tokenOf = async (login: string, device: string) => {
    const reply = await send(agent, `${server!.url}/api/auth/login`, {
      body: { login, password: 'bench-head', deviceId: device },
    });
    return (JSON.parse(reply.body) as { token: string }).token;
  };
  const pushers = await Promise.all(
    others.flatMap((k) =>
      [0, 1].map(async (d) => ({ token: await tokenOf(k.login, `bench-${d}`), groups: k.groups, d })),
    ),
  );
  const served = { pushes: 0, commands: 0, expired: 0, failures: new Map<string, number>() };
  const failed = (what: string) => served.failures.set(what, (served.failures.get(what) ?? 0) + 1);
  /**
   * The load: each other kindergarten's two devices push batches of group capacity changes over
   * the same groups (in opposite orders) back to back, and the scheduler expires overdue referrals
   * round after round. `stop()` ends it and waits for what is in flight.
   */
  const startLoad = () => {
    let loading = true;
    const loops = pushers.map(async (p) => {
      let round = 0;
      while (loading) {
        const order = p.d === 0 ? p.groups : [...p.groups].reverse();
        const commands = Array.from({ length: BATCH }, (_, i) => ({
          id: randomUUID(),
          kind: 'group.setCapacity',
          payload: { groupId: order[i % order.length], capacity: 20 + ((round + i) % 3) },
          deviceId: `bench-${p.d}`,
          deviceTime: new Date().toISOString(),
        }));
        round++;
        const reply = await send(loadAgent, `${server!.url}/api/replication/v1/commands/push`, {
          token: p.token,
          body: commands.map((c) => ({ assumedMasterState: null, newDocumentState: c })),
        }).catch((error: unknown) => ({ status: 0, body: String(error) }));
        if (reply.status === 200) {
          served.pushes++;
          served.commands += BATCH;
        } else failed(`push ${reply.status} ${reply.body.slice(0, 120)}`);
      }
    });
    const scheduler = (async () => {
      while (loading) {
        try {
          served.expired += (await runTransitions(db, systemClock)).expired;
        } catch (error) {
          failed(`scheduler ${String(error).slice(0, 120)}`);
        }
        // Nothing overdue left: the next round looks again in a moment, as a busy scheduler would.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    return {
      async stop() {
        loading = false;
        await Promise.all([...loops, scheduler]);
      },
    };
  };
  try {
    const atRest: number[][] = [];
    const profiles = { rest: [] as string[], load: [] as string[] };
    const underLoad: number[][] = [];
    await probe(); // warm-up
    for (let run = 0; run < RUNS; run++) {
      const restSampler = sampleOldestTransaction(db, 'bench_stall');
      atRest.push(await probe());
      profiles.rest.push(await restSampler.stop());
      // Referrals to expire during the load.
      const expiring = await pooled(EXPIRING, 8, () => claim());
      await db.query(
        `update referrals set contract_deadline = now() - interval '1 minute' where id = any ($1::uuid[])`,
        [expiring],
      );
      const load = startLoad();
      const loadSampler = sampleOldestTransaction(db, 'bench_stall');
      try {
        underLoad.push(await probe());
      } finally {
        profiles.load.push(await loadSampler.stop());
        await load.stop();
      }
    }
    const subject = summarize(underLoad.map((r) => percentile(r, 95)));
    const baseline = summarize(atRest.map((r) => percentile(r, 95)));
    const ratio = subject.median / baseline.median;
    return {
      scenario: 'stream-stall',
      unit: 'ms',
      subject: {
        label: `p95 claim commit → its message on the head's stream, while ${LOADED_KINDERGARTENS} other kindergartens push ${BATCH}-command batches (2 devices each) and the scheduler expires ${EXPIRING} referrals`,
        ...subject,
      },
      baseline: { label: 'p95 of the same at rest', ...baseline },
      ratio,
      target: { maxRatio: 2.5, met: ratio <= 2.5 },
      notes: `${PROBES} probes per run, ${RUNS} runs; during the loads: ${served.pushes} pushes (${served.commands} commands), ${served.expired} referrals expired, ${[...served.failures].map(([what, n]) => `${n}× ${what}`).join('; ') || 'no failures'}. p50 at rest ${summarize(atRest.map((r) => percentile(r, 50))).median.toFixed(1)} ms, under load ${summarize(underLoad.map((r) => percentile(r, 50))).median.toFixed(1)} ms; p95 per run at rest ${atRest.map((r) => percentile(r, 95).toFixed(1)).join(', ')} ms, under load ${underLoad.map((r) => percentile(r, 95).toFixed(1)).join(', ')} ms. At rest, ${profiles.rest.join(' | ')}. Under load, ${profiles.load.join(' | ')}.`,
    };
  } finally {
    await stream.close();
    agent.destroy();
    loadAgent.destroy();
    await server!.stop();
    await drop();
  }
}
