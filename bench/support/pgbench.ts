import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { postgresBinDir } from '../../test/support/postgres.js';

const run = promisify(execFile);

/**
 * pgbench with the fixed parameters (-N -c 8 -j 2 -T 20), on the same server in the same
 * run: the baseline. `clients` 1 (one thread) is the sequential reference beside it.
 */
export async function pgbenchTps(url: string, options: { seconds?: number; clients?: number } = {}): Promise<number> {
  const bin = `${postgresBinDir()}/pgbench`;
  const clients = options.clients ?? 8;
  const { stdout } = await run(
    bin,
    [
      '-N',
      '-c',
      String(clients),
      '-j',
      String(Math.min(2, clients)),
      '-T',
      String(options.seconds ?? 20),
      '--no-vacuum',
      url,
    ],
    { maxBuffer: 1 << 24 },
  );
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}

export async function pgbenchInit(url: string): Promise<void> {
  await run(`${postgresBinDir()}/pgbench`, ['-i', '-s', '10', '-q', url], { maxBuffer: 1 << 24 });
}
