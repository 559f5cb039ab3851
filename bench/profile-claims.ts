import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchEnvironment, parseClusterChoice } from './support/environment.js';
import { connectionPool, send } from './support/http.js';
import { percentile, pooled, prepareClaimCity } from './support/prepare.js';

/**
 * `npm run bench:profile-claims [-- --cluster=durable|fast]`: where a claim's time goes — the
 * claim-throughput load (claims over HTTP, 50 connections, 1 server process) on one cluster
 * (durable by default) with pg_stat_statements and WAL statistics on, the server process under
 * V8's CPU profiler (bench/support/cpu-profile.mjs), and the CPU time of the server process, of PostgreSQL and of this load generator
 * read from /proc. `--set name=value` (repeatable) adds a PostgreSQL setting, e.g. `--set
 * commit_delay=100` to see group commit's effect. Prints the findings and writes
 * bench/results/profile-claims.{json,md}.
 * A measurement tool, not a scenario: it has no baseline and no target.
 */
const CLAIMS = 3000;
const WARM_UP = 300;
const CONNECTIONS = 50;

const choice = parseClusterChoice(process.argv.slice(2), process.env.BENCH_CLUSTER ?? 'durable');
if ('error' in choice || choice.kinds.length !== 1) {
  console.error(
    'error' in choice ? choice.error : 'Profile one cluster at a time: --cluster=durable or --cluster=fast.',
  );
  process.exit(2);
}
const kind = choice.kinds[0]!;
const extraSettings: Record<string, string> = {};
for (let i = 0; i < choice.rest.length; i++) {
  const setting = choice.rest[i] === '--set' ? /^([a-z_.]+)=([\w.]+)$/.exec(choice.rest[++i] ?? '') : null;
  if (!setting) {
    console.error(`Unknown argument "${choice.rest[i] ?? ''}": use --cluster=durable|fast and --set name=value.`);
    process.exit(2);
  }
  extraSettings[setting[1]!] = setting[2]!;
}
const ticks = 100; // USER_HZ: /proc's clock ticks per second on Linux

/** CPU seconds (user + system) of a process from /proc, 0 when it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0;
  }
}

/** CPU seconds of the cluster: the postmaster and every process it started (backends, WAL writer, …). */
function clusterCpuSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

function machineBusySeconds(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3]! + cpu[4]!;
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / ticks, total: total / ticks };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time of a V8 CPU profile by where the code lives, and its hottest functions. */
function readCpuProfile(path: string) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const area = functionName.startsWith('(')
      ? functionName
      : pkg
        ? `npm: ${pkg}`
        : url.startsWith('node:') || url === ''
          ? 'Node.js core and native'
          : url.includes('/server/')
            ? 'our server code'
            : url.includes('/shared/')
              ? 'our shared code'
              : 'other';
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|server|shared)\//, '$1/')}:${lineNumber + 1}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + ms);
  }
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / total }));
  return { totalMs: Math.round(total), areas: top(byArea, 20), functions: top(byFunction, 25) };
}

const env = await benchEnvironment(kind, {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  track_wal_io_timing: 'on',
  track_io_timing: 'on',
  ...extraSettings,
});
const profileDir = mkdtempSync(join(tmpdir(), 'kg-cpu-prof-'));
try {
  const { url, db, drop } = await env.database('bench_profile_claims');
  await db.exec('create extension if not exists pg_stat_statements');
  const city = await prepareClaimCity(db, { claimants: WARM_UP + CLAIMS, publications: 60, seats: 60 });
  const [server] = await env.servers(url, 1, {
    NODE_OPTIONS: `--import ${fileURLToPath(new URL('./support/cpu-profile.mjs', import.meta.url))}`,
    BENCH_CPU_PROFILE_DIR: profileDir,
  });
  const agent = connectionPool(CONNECTIONS);
  const claim = async (i: number) => {
    const t = performance.now();
    const res = await send(agent, `${server!.url}/api/parent/claims`, {
      token: city.tokens[i],
      body: { publicationId: city.publicationIds[i % city.publicationIds.length] },
    });
    if (res.status !== 200) throw new Error(`claim ${i}: ${res.status} ${res.body}`);
    return performance.now() - t;
  };
  await pooled(WARM_UP, CONNECTIONS, claim);

  const postmaster = Number(
    readFileSync(join(dirname(env.cluster.logFile), 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  await db.query('select pg_stat_statements_reset()');
  await db.query(`select pg_stat_reset_shared('wal')`);
  const [before] = await db.query<{ commits: number }>(
    `select xact_commit::int as commits from pg_stat_database where datname = current_database()`,
  );
  const cpuBefore = {
    server: cpuSeconds(server!.pid),
    cluster: clusterCpuSeconds(postmaster),
    load: process.cpuUsage(),
  };
  const machineBefore = machineBusySeconds();
  const start = performance.now();
  // What the server's backends are doing, sampled back to back on a connection of our own: on the
  // CPU (no wait event: running or waiting for a core), waiting for a lock, for the WAL flush, …
  const waits = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rows = await db.query<{ wait: string }>(
        `select coalesce(wait_event_type || ': ' || wait_event, 'CPU (running or runnable)') as wait
           from pg_stat_activity
          where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      );
      for (const { wait } of rows) waits.set(wait, (waits.get(wait) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const latencies = await pooled(CLAIMS, CONNECTIONS, (i) => claim(WARM_UP + i));
  const seconds = (performance.now() - start) / 1000;
  sampling = false;
  await sampler;
  const waitSamples = [...waits.values()].reduce((a, b) => a + b, 0);
  const machineAfter = machineBusySeconds();
  const load = process.cpuUsage(cpuBefore.load);
  const cpu = {
    server: cpuSeconds(server!.pid) - cpuBefore.server,
    cluster: clusterCpuSeconds(postmaster) - cpuBefore.cluster,
    load: (load.user + load.system) / 1e6,
  };
  const [after] = await db.query<{ commits: number }>(
    `select xact_commit::int as commits from pg_stat_database where datname = current_database()`,
  );
  const [wal] = await db.query<{
    records: number;
    bytes: number;
    writes: number;
    syncs: number;
    sync_ms: number;
    write_ms: number;
  }>(
    `select wal_records::int as records, wal_bytes::bigint as bytes, wal_write::int as writes, wal_sync::int as syncs,
            wal_sync_time as sync_ms, wal_write_time as write_ms from pg_stat_wal`,
  );
  const statements = await db.query<{ query: string; calls: number; total_ms: number; mean_ms: number; rows: number }>(
    `select regexp_replace(query, '\\s+', ' ', 'g') as query, calls::int as calls, total_exec_time as total_ms,
            mean_exec_time as mean_ms, rows::int as rows
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%pg_stat%'
      order by total_exec_time desc`,
  );
  agent.destroy();
  await server!.stop();
  await drop();

  const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  const cpuProfile = files.length ? readCpuProfile(join(profileDir, files[0]!)) : undefined;
  const calls = statements.reduce((n, s) => n + s.calls, 0);
  const dbMs = statements.reduce((n, s) => n + s.total_ms, 0);
  const commits = after!.commits - before!.commits;
  const result = {
    cluster: kind,
    settings: extraSettings,
    at: new Date().toISOString(),
    claims: CLAIMS,
    connections: CONNECTIONS,
    claimsPerSecond: CLAIMS / seconds,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    perClaim: {
      statements: calls / CLAIMS,
      commits: commits / CLAIMS,
      walRecords: wal!.records / CLAIMS,
      walBytes: wal!.bytes / CLAIMS,
      walFlushes: wal!.syncs / CLAIMS,
      statementExecutionMs: dbMs / CLAIMS,
      serverCpuMs: (cpu.server * 1000) / CLAIMS,
      postgresCpuMs: (cpu.cluster * 1000) / CLAIMS,
      loadGeneratorCpuMs: (cpu.load * 1000) / CLAIMS,
      wallMsOfTheMachine: (seconds * 1000) / CLAIMS,
    },
    commitsPerWalFlush: wal!.syncs ? commits / wal!.syncs : null,
    walSyncMsTotal: wal!.sync_ms,
    walWriteMsTotal: wal!.write_ms,
    machineBusyShare: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    activeBackends: [...waits].sort((a, b) => b[1] - a[1]).map(([wait, n]) => ({ wait, share: n / waitSamples })),
    statements: statements.slice(0, 15).map((s) => ({
      query: s.query.slice(0, 160),
      perClaim: s.calls / CLAIMS,
      meanMs: s.mean_ms,
      shareOfStatementTime: s.total_ms / dbMs,
    })),
    cpuProfile,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/profile-claims.json', JSON.stringify(result, null, 2));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const markdown = [
    `# Where a claim's time goes (${kind} cluster${
      Object.keys(extraSettings).length
        ? `, ${Object.entries(extraSettings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : ''
    }, ${result.at})`,
    '',
    `${CLAIMS} claims over ${CONNECTIONS} connections, 1 server process: ${result.claimsPerSecond.toFixed(0)} claims/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms; the machine ${pct(result.machineBusyShare)} busy.`,
    '',
    '| per claim | value |',
    '|---|---|',
    ...Object.entries(result.perClaim).map(([k, v]) => `| ${k} | ${v.toFixed(3)} |`),
    `| commits per WAL flush | ${result.commitsPerWalFlush?.toFixed(2) ?? '—'} |`,
    '',
    `WAL: ${wal!.syncs} flushes taking ${wal!.sync_ms.toFixed(0)} ms in all, ${wal!.writes} writes taking ${wal!.write_ms.toFixed(0)} ms.`,
    '',
    '| an active backend of the server, sampled | share |',
    '|---|---|',
    ...result.activeBackends.map((w) => `| ${w.wait} | ${pct(w.share)} |`),
    '',
    '| statement | per claim | mean ms | share of statement time |',
    '|---|---|---|---|',
    ...result.statements.map(
      (s) =>
        `| ${s.query.replace(/\|/g, '\\|')} | ${s.perClaim.toFixed(2)} | ${s.meanMs.toFixed(3)} | ${pct(s.shareOfStatementTime)} |`,
    ),
    '',
    ...(cpuProfile
      ? [
          `Server process CPU profile: ${cpuProfile.totalMs} ms sampled (the whole life of the process, start-up and warm-up included).`,
          '',
          '| where (self time) | ms | share |',
          '|---|---|---|',
          ...cpuProfile.areas.map((a) => `| ${a.name} | ${a.ms} | ${pct(a.share)} |`),
          '',
          '| hottest functions (self time) | ms | share |',
          '|---|---|---|',
          ...cpuProfile.functions.map((f) => `| ${f.name} | ${f.ms} | ${pct(f.share)} |`),
        ]
      : ['(no CPU profile was written)']),
    '',
  ].join('\n');
  writeFileSync('bench/results/profile-claims.md', markdown);
  console.log(markdown);
} finally {
  await env.stop();
  rmSync(profileDir, { recursive: true, force: true });
}
