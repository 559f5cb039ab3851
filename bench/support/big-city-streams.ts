import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Many idle replication streams held by this process (one socket each), each noting when a
 * "changes" message of a collection arrived, for the big-city scenario.
 */
export interface StreamSet {
  /** Opens streams with these bearer tokens on these servers, 100 at a time; resolves when each had its first message. */
  open(streams: Array<{ url: string; token: string; key: string }>): Promise<void>;
  /** Resolves with the instant (performance.now()) every stream of `keys` received a "changes" message of `collection` after now. */
  changesSeen(keys: string[], collection: string, timeoutMs?: number): Promise<number>;
  /** Closes the streams of `keys` (all when omitted). */
  close(keys?: string[]): void;
  readonly size: number;
}

export function streamSet(): StreamSet {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const open = new Map<string, ClientRequest>();
  const waiters = new Map<string, (collection: string) => void>();
  const openOne = (url: string, token: string, key: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        `${url}/api/replication/v1/stream`,
        { agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream ${key}: ${res.statusCode}`));
          res.setEncoding('utf8');
          let buffer = '';
          res.once('data', () => resolve());
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const message = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const match = /"type":"changes","collection":"(\w+)"/.exec(message);
              if (match) waiters.get(key)?.(match[1]!);
            }
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', (error) => (open.has(key) ? reject(error) : undefined));
      req.end();
      open.set(key, req);
    });
  return {
    async open(streams) {
      for (let i = 0; i < streams.length; i += 100)
        await Promise.all(streams.slice(i, i + 100).map((s) => openOne(s.url, s.token, s.key)));
    },
    changesSeen(keys, collection, timeoutMs = 30_000) {
      let pending = keys.length;
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`changes of ${collection} not seen on ${pending} streams`)),
          timeoutMs,
        );
        for (const key of keys) {
          waiters.set(key, (seen) => {
            if (seen !== collection) return;
            waiters.delete(key);
            if (--pending === 0) {
              clearTimeout(timer);
              resolve(performance.now());
            }
          });
        }
      });
    },
    close(keys) {
      for (const key of keys ?? [...open.keys()]) {
        open.get(key)?.destroy();
        open.delete(key);
        waiters.delete(key);
      }
      if (!keys) agent.destroy();
    },
    get size() {
      return open.size;
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // the process has gone
  }
}

/** The parent process id of `pid` (0 when it has gone). */
export function parentPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** CPU seconds so far of each child process of `ppid` (a PostgreSQL postmaster's backends and workers). */
export function childrenCpu(ppid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (parentPid(pid) === ppid) out.set(pid, cpuSeconds(pid));
  }
  return out;
}

/** CPU seconds the children of `ppid` used between two `childrenCpu` samples (a child born between counts from 0). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/**
 * A server process as `npm run server` runs it, but through bench/support/idle-server.ts: its
 * database handle counts every statement and transaction it sends (asked over IPC).
 */
export interface CountedServer {
  url: string;
  pid: number;
  queries(): Promise<number>;
  stop(): Promise<void>;
}

export async function forkCountedServer(env: Record<string, string>): Promise<CountedServer> {
  const child: ChildProcess = fork('bench/support/idle-server.ts', [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`idle-server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    queries: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m: { queries: number }) => resolve(m.queries));
        child.send('stats');
      }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
