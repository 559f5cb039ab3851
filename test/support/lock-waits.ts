import pg from 'pg';

/**
 * Watches a PostgreSQL database's lock waits (pg_stat_activity, pg_blocking_pids), so that a test
 * forces an interleaving by waiting until a backend is blocked, never by sleeping, and sees a
 * deadlock in the making (a cycle of waits) before the database breaks it.
 */
export interface LockWatcher {
  /** A connection of the test's own, for holding locks as a barrier. */
  barrier: pg.Client;
  barrierPid: number;
  /** The backends of the database now waiting for a lock, each with the pids blocking it. */
  waits(): Promise<Map<number, number[]>>;
  /** Polls until `condition` holds (or throws after `timeoutMs`); records any cycle of waits seen meanwhile. */
  until(what: string, condition: (waits: Map<number, number[]>) => boolean | Promise<boolean>): Promise<void>;
  /** Every cycle of lock waits (a deadlock) seen by any poll so far, as lists of pids. */
  readonly cycles: number[][];
  close(): Promise<void>;
}

export async function watchLocks(url: string, timeoutMs = 30_000): Promise<LockWatcher> {
  const observer = new pg.Client({ connectionString: url });
  const barrier = new pg.Client({ connectionString: url });
  await observer.connect();
  await barrier.connect();
  const [{ pid: barrierPid }] = (await barrier.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [
    { pid: number },
  ];
  const cycles: number[][] = [];
  const waits = async () => {
    const { rows } = await observer.query<{ pid: number; blockers: number[] }>(
      `select pid, pg_blocking_pids(pid) as blockers from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
    );
    return new Map(rows.map((r) => [r.pid, r.blockers]));
  };
  const noteCycles = (graph: Map<number, number[]>) => {
    for (const start of graph.keys()) {
      const path: number[] = [];
      let at: number | undefined = start;
      while (at !== undefined && !path.includes(at)) {
        path.push(at);
        at = graph.get(at)?.find((next) => graph.has(next));
      }
      if (at === start) cycles.push(path);
    }
  };
  return {
    barrier,
    barrierPid,
    waits,
    cycles,
    async until(what, condition) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const graph = await waits();
        noteCycles(graph);
        if (await condition(graph)) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      await barrier.end().catch(() => undefined);
      await observer.end().catch(() => undefined);
    },
  };
}

/** Whether some backend is waiting for a lock held by `pid`. */
export const someoneWaitsFor = (waits: Map<number, number[]>, pid: number) =>
  [...waits.values()].some((blockers) => blockers.includes(pid));
