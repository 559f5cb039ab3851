import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testLoggingEnv } from './test-logging.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  /** The process id (for measurements such as its memory). */
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s); resolves to the exit code. */
  stop(): Promise<number | null>;
  /** Sends the signal (e.g. SIGKILL: a crash, no shutdown code runs) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `server/main.ts` as its own Node process, as an operator would (`npm run server`),
 * with PORT=0, and resolves with the URL it prints once listening.
 */
export async function spawnServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, ...testLoggingEnv(env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no "listening" line in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = () => {
      const match = /Central server listening on (http:\/\/\S+)/.exec(output);
      if (match) done(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) => fail(new Error(`server exited with ${code}:\n${output}`));
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    const fail = (error: Error) => {
      kill(child);
      done(() => reject(error));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => kill(child), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

function kill(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
