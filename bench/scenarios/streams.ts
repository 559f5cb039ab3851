import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';

const STREAMS = 5000;
const RUNS = 3;

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** Opens `count` SSE streams; resolves once each got its first event. `onEvent` sees every later one. */
async function openStreams(
  url: string,
  token: string | null,
  count: number,
  onEvent: (i: number, data: string) => void,
) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const requests: Array<ReturnType<typeof request>> = [];
  const opened: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    opened.push(
      new Promise((resolve, reject) => {
        const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
          let first = true;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (first) {
              first = false;
              resolve();
            } else onEvent(i, chunk);
          });
        });
        req.on('error', reject);
        req.end();
        requests.push(req);
      }),
    );
    if (i % 500 === 499) await Promise.all(opened.slice(i - 499));
  }
  await Promise.all(opened);
  return () => requests.forEach((r) => r.destroy());
}

/** Measures one fan-out: from `fire()` until every stream saw an event matching `match`. */
async function fanOut(count: number, fire: () => Promise<void>, waitAll: () => Promise<void>) {
  const start = performance.now();
  await fire();
  await waitAll();
  return performance.now() - start;
}

function collector(count: number, match: (data: string) => boolean) {
  let seen = new Set<number>();
  let done: () => void = () => {};
  let waiting = new Promise<void>((r) => (done = r));
  return {
    onEvent(i: number, data: string) {
      if (!match(data) || seen.has(i)) return;
      seen.add(i);
      if (seen.size === count) done();
    },
    wait: () => waiting,
    reset() {
      seen = new Set();
      waiting = new Promise<void>((r) => (done = r));
    },
  };
}

/**
 * Idle SSE streams on one server process: memory per stream (RSS growth / streams) and the time
 * to fan one committed change out to 5,000 streams — against the barest Node SSE server holding
 * the same streams and writing the same event to each, in the same run.
 */
export async function streams(env: BenchEnvironment): Promise<ScenarioResult> {
  const { url, db, drop } = await env.database('bench_streams');
  const [server] = await env.servers(url, 1);
  const agent = connectionPool(1);
  const login = await send(agent, `${server!.url}/api/auth/login`, {
    body: { login: 'head', password: 'balapan-head', deviceId: 'bench' },
  });
  const { token } = JSON.parse(login.body) as { token: string };
  const [group] = await db.query<{ id: string }>(`select id from groups order by name limit 1`);
  const ours = collector(STREAMS, (data) => data.includes('"collection":"groups"'));
  const before = rssKb(server!.pid);
  const closeOurs = await openStreams(`${server!.url}/api/replication/v1/stream`, token, STREAMS, ours.onEvent);
  const perStream = ((rssKb(server!.pid) - before) * 1024) / STREAMS;
  const ourTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.reset();
    ourTimes.push(
      await fanOut(
        STREAMS,
        async () =>
          void (await db.query(`update groups set capacity = $2, updated_at = now() where id = $1`, [
            group!.id,
            20 + run,
          ])),
        ours.wait,
      ),
    );
  }
  closeOurs();

  const bare = spawn(process.execPath, ['bench/support/bare-sse.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bareUrl = await new Promise<string>((resolve) =>
    bare.stdout.on('data', (c: Buffer) => resolve(/http:\S+/.exec(String(c))![0])),
  );
  const theirs = collector(STREAMS, (data) => data.includes('"changes"'));
  const bareBefore = rssKb(bare.pid!);
  const closeBare = await openStreams(`${bareUrl}/stream`, null, STREAMS, theirs.onEvent);
  const barePerStream = ((rssKb(bare.pid!) - bareBefore) * 1024) / STREAMS;
  const bareTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    theirs.reset();
    bareTimes.push(
      await fanOut(STREAMS, async () => void (await send(agent, `${bareUrl}/fire`, { method: 'POST' })), theirs.wait),
    );
  }
  closeBare();
  bare.kill('SIGTERM');
  agent.destroy();
  await server!.stop();
  await drop();
  const subject = summarize(ourTimes);
  const baseline = summarize(bareTimes);
  return {
    scenario: 'streams',
    unit: 'ms',
    subject: { label: `fan-out of one committed change to ${STREAMS} streams (1 process)`, ...subject },
    baseline: { label: `bare Node SSE server writing one event to ${STREAMS} streams`, ...baseline },
    ratio: subject.median / baseline.median,
    notes: `memory per idle stream: ${(perStream / 1024).toFixed(1)} KiB (bare server: ${(barePerStream / 1024).toFixed(1)} KiB)`,
  };
}
