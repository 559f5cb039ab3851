import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { summarize, type ScenarioResult } from '../harness.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';

const LEVELS = [10, 100, 1000] as const;
const HEARTBEAT_MS = 500;
/** Heartbeats per measured window. */
const HEARTBEATS = 20;

interface Stats {
  queries: number;
  heapUsed: number;
  rss: number;
}

/** A forked process answering "stats" over IPC (bench/support/idle-server.ts, bench/support/bare-sse.mjs). */
interface Measured {
  url: string;
  stats(): Promise<Stats>;
  stop(): Promise<void>;
}

async function forkMeasured(module: string, execArgv: string[], env: Record<string, string>): Promise<Measured> {
  const child: ChildProcess = fork(module, [], {
    execArgv: ['--expose-gc', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`${module} exited with ${code}`)));
  });
  return {
    url,
    stats: () =>
      new Promise<Stats>((resolve) => {
        child.once('message', (m: Stats) => resolve(m));
        child.send('stats');
      }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Idle SSE clients: `open(n)` adds n streams; `heartbeats` counts what the first stream received. */
function sseClients(url: string, token: string | null) {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const requests: Array<ReturnType<typeof request>> = [];
  let beats = 0;
  let onBeat = () => {};
  const openOne = (first: boolean) =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream: ${res.statusCode}`));
        res.setEncoding('utf8');
        res.once('data', () => resolve());
        if (first)
          res.on('data', (chunk: string) => {
            beats += chunk.split('"type":"heartbeat"').length - 1;
            onBeat();
          });
      });
      req.on('error', reject);
      req.end();
      requests.push(req);
    });
  return {
    async open(count: number) {
      for (let i = 0; i < count; i += 100)
        await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => openOne(requests.length === 0)));
    },
    /** Resolves once the first stream received `count` more heartbeats. */
    heartbeats(count: number) {
      const target = beats + count;
      return new Promise<void>((resolve) => {
        onBeat = () => {
          if (beats >= target) resolve();
        };
      });
    },
    get size() {
      return requests.length;
    },
    close() {
      for (const r of requests) r.destroy();
      requests.length = 0;
      agent.destroy();
    },
  };
}

const kib = (bytes: number) => bytes / 1024;

/**
 * Idle streams (issue 18 point 3), in one run: the database statements the server sends per
 * heartbeat with 10, 100 and 1,000 idle streams open on one process (its db handle counts them),
 * and the memory an idle stream holds (heap and RSS after a full GC, growth from one stream to
 * 1,000, per stream) against a bare Node SSE server that holds the same streams and heartbeats.
 */
export async function idleStreams(env: BenchEnvironment): Promise<ScenarioResult[]> {
  const { url, drop } = await env.database('bench_idle');
  const common = { HEARTBEAT_MS: String(HEARTBEAT_MS), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' };
  const server = await forkMeasured('bench/support/idle-server.ts', ['--import', 'tsx'], {
    ...common,
    DATABASE_URL: url,
    // The scheduler's rounds are not the streams' cost: measured apart, so off here.
    SCHEDULER_INTERVAL_MS: '0',
  });
  const bare = await forkMeasured('bench/support/bare-sse.mjs', [], common);
  const agent = connectionPool(1);
  try {
    const login = await send(agent, `${server.url}/api/auth/login`, {
      body: { login: 'head', password: 'balapan-head', deviceId: 'bench' },
    });
    const { token } = JSON.parse(login.body) as { token: string };

    // Warm-up: one stream opened, a few heartbeats, closed; then the empty process is measured.
    const warm = sseClients(`${server.url}/api/replication/v1/stream`, token);
    await warm.open(1);
    await warm.heartbeats(3);
    warm.close();
    const ours = sseClients(`${server.url}/api/replication/v1/stream`, token);
    await ours.open(1);
    await ours.heartbeats(2);
    const empty = await server.stats();
    const perHeartbeat: Record<number, number> = {};
    let full = empty;
    for (const level of LEVELS) {
      await ours.open(level - ours.size);
      await ours.heartbeats(3); // every new stream's first look done, the process settled
      const before = await server.stats();
      await ours.heartbeats(HEARTBEATS);
      const after = await server.stats();
      perHeartbeat[level] = (after.queries - before.queries) / HEARTBEATS;
      full = after;
    }
    ours.close();

    const theirs = sseClients(`${bare.url}/stream`, null);
    await theirs.open(1);
    await theirs.heartbeats(3);
    const bareEmpty = await bare.stats();
    await theirs.open(LEVELS.at(-1)! - 1);
    await theirs.heartbeats(3);
    const bareFull = await bare.stats();
    theirs.close();

    const n = LEVELS.at(-1)! - 1;
    const per = (a: Stats, b: Stats, key: 'heapUsed' | 'rss') => kib((b[key] - a[key]) / n);
    const heap = per(empty, full, 'heapUsed');
    const rss = per(empty, full, 'rss');
    const bareHeap = per(bareEmpty, bareFull, 'heapUsed');
    const bareRss = per(bareEmpty, bareFull, 'rss');
    const queries = LEVELS.map((l) => perHeartbeat[l]!);
    const growth = perHeartbeat[LEVELS.at(-1)!]! / perHeartbeat[LEVELS[0]]!;
    const levels = LEVELS.map((l) => `${l}: ${perHeartbeat[l]!.toFixed(2)}`).join(', ');
    return [
      {
        scenario: 'idle-queries',
        unit: 'queries/heartbeat',
        subject: {
          label: `database statements per heartbeat, ${LEVELS.at(-1)} idle streams (1 process)`,
          ...summarize([queries.at(-1)!]),
        },
        baseline: { label: `the same with ${LEVELS[0]} idle streams`, ...summarize([queries[0]!]) },
        ratio: growth,
        // "Does not grow": one statement more or less at a window's edges is 1/HEARTBEATS.
        target: { maxRatio: 1 + 2 / HEARTBEATS, met: growth <= 1 + 2 / HEARTBEATS },
        notes: `statements (and transactions) the server's db handle sent per heartbeat (${HEARTBEAT_MS} ms, ${HEARTBEATS} heartbeats a window; scheduler off) at ${levels} open streams`,
      },
      {
        scenario: 'idle-memory',
        unit: 'KiB/stream',
        subject: {
          label: `heap per idle stream after GC, ${n} streams`,
          ...summarize([heap]),
        },
        baseline: {
          label: `bare Node SSE server with heartbeats, heap per stream`,
          ...summarize([bareHeap]),
        },
        ratio: heap / bareHeap,
        target: { maxRatio: 1, met: heap <= bareHeap },
        notes: `growth of heapUsed and RSS after two full GCs from 1 open stream to ${LEVELS.at(-1)}, divided by ${n}. RSS per stream (not comparable: the server returns startup memory meanwhile): ${rss.toFixed(1)} KiB, bare ${bareRss.toFixed(1)} KiB`,
      },
    ];
  } finally {
    agent.destroy();
    await server.stop();
    await bare.stop();
    await drop();
  }
}
