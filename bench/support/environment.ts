import { migrate } from '../../server/db/migrate.js';
import { openPostgres } from '../../server/db/postgres.js';
import type { Db } from '../../server/db/db.js';
import { seedDemo } from '../../server/demo/seed-kindergarten.js';
import { systemClock } from '../../server/clock.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres.js';
import { spawnServerProcess, type ServerProcess } from '../../test/support/server-process.js';

/**
 * The two kinds of cluster a benchmark runs on: `fast` (fsync, synchronous_commit and
 * full_page_writes off — the tests' setting) and `durable` (PostgreSQL's production defaults, every
 * commit flushed to disk). Throughput targets are judged on `durable`.
 */
export type ClusterKind = 'fast' | 'durable';
export const clusterKinds: readonly ClusterKind[] = ['fast', 'durable'];

export const clusterDescriptions: Record<ClusterKind, string> = {
  fast: 'fsync, synchronous_commit, full_page_writes off',
  durable: 'PostgreSQL defaults: fsync, synchronous_commit, full_page_writes on',
};

export interface BenchEnvironment {
  /** Which kind of cluster this is. */
  kind: ClusterKind;
  cluster: PostgresCluster;
  /** A fresh database per scenario run: its URL and a pool. */
  database(name: string): Promise<{ url: string; db: Db; drop(): Promise<void> }>;
  /** `count` server processes on `url` (`env`: extra environment, e.g. NODE_OPTIONS for a profile). */
  servers(url: string, count: number, env?: Record<string, string>): Promise<ServerProcess[]>;
  stop(): Promise<void>;
}

/**
 * One real PostgreSQL cluster of the given kind for a benchmark run (the same one pgbench
 * measures); `settings`: extra server settings (a profile's pg_stat_statements).
 */
export async function benchEnvironment(
  kind: ClusterKind = 'fast',
  settings?: Record<string, string>,
): Promise<BenchEnvironment> {
  const cluster = await startPostgresCluster({ durability: kind, ...(settings ? { settings } : {}) });
  const spawned: ServerProcess[] = [];
  return {
    kind,
    cluster,
    async database(name) {
      const admin = await openPostgres(cluster.url, 1);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.close();
      const url = cluster.url.replace(/\/postgres$/, `/${name}`);
      const db = await openPostgres(url, 20);
      await migrate(db);
      await seedDemo(db, systemClock);
      await installShippedData(db, systemClock);
      return {
        url,
        db,
        async drop() {
          await db.close();
          const again = await openPostgres(cluster.url, 1);
          await again.query(`drop database if exists ${name} with (force)`);
          await again.close();
        },
      };
    },
    async servers(url, count, env = {}) {
      const started = await Promise.all(
        Array.from({ length: count }, () => spawnServerProcess({ DATABASE_URL: url, LOG_LEVEL: 'error', ...env })),
      );
      spawned.push(...started);
      return started;
    },
    async stop() {
      await Promise.all(spawned.splice(0).map((s) => s.stop()));
      await cluster.stop();
    },
  };
}

export interface BenchClusters {
  /** The kinds this run uses, in the order scenarios run on them. */
  kinds: readonly ClusterKind[];
  /** The cluster of that kind, started on first use and kept until `stop`. */
  get(kind: ClusterKind): Promise<BenchEnvironment>;
  stop(): Promise<void>;
}

/** Both clusters (or only the kinds asked for) for one benchmark run, each started when first needed. */
export function benchClusters(kinds: readonly ClusterKind[] = clusterKinds): BenchClusters {
  const started = new Map<ClusterKind, Promise<BenchEnvironment>>();
  return {
    kinds,
    get(kind) {
      let env = started.get(kind);
      if (!env) {
        env = benchEnvironment(kind);
        started.set(kind, env);
      }
      return env;
    },
    async stop() {
      const all = await Promise.allSettled(started.values());
      await Promise.all(all.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    },
  };
}

/**
 * The cluster kinds asked for: `--cluster=fast|durable|both` on the command line or
 * BENCH_CLUSTER=fast|durable|both; both by default. Returns the remaining arguments.
 */
export function parseClusterChoice(
  argv: readonly string[],
  envValue = process.env.BENCH_CLUSTER,
): { kinds: ClusterKind[]; rest: string[] } | { error: string } {
  let choice = envValue || 'both';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--cluster') choice = argv[++i] ?? '';
    else if (arg.startsWith('--cluster=')) choice = arg.slice('--cluster='.length);
    else rest.push(arg);
  }
  if (choice === 'both') return { kinds: [...clusterKinds], rest };
  if (choice === 'fast' || choice === 'durable') return { kinds: [choice], rest };
  return { error: `Unknown cluster kind "${choice}": use fast, durable or both.` };
}
