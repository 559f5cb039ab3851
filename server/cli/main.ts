import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { systemClock, type Clock } from '../clock.js';
import { configFromEnv } from '../config.js';
import type { Db } from '../db/db.js';
import { commands } from './tasks/index.js';
import { CliError, UsageError } from './errors.js';
import { openCliDatabase } from './open-database.js';
import { processOutput, type CliOutput } from './output.js';
import { createContext, type CliCommand } from './registry.js';

export interface CliDeps {
  /** The database, or how to open it: it is opened only when a command runs, never for help. */
  db: Db | (() => Promise<Db>);
  clock: Clock;
  out: CliOutput;
  readStdin?: () => Promise<string>;
  /** Who runs the command (recorded in every audit row); the OS user by default. */
  operator?: string;
}

/**
 * `npm run admin -- <command> [options]`: runs one command and resolves to the exit code —
 * 0 done, 1 refused or failed (nothing changed), 2 wrong command line.
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const { out } = deps;
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    printOverview(out);
    return name === undefined ? 2 : 0;
  }
  const command = findCommand(name === 'help' ? (rest[0] ?? '') : name);
  if (!command) {
    out.error(`Unknown command "${name === 'help' ? rest[0] : name}". Run "npm run admin -- --help" for the list.`);
    return 2;
  }
  if (name === 'help' || rest.includes('--help') || rest.includes('-h')) {
    out.line(command.usage);
    return 0;
  }
  try {
    const db = typeof deps.db === 'function' ? await deps.db() : deps.db;
    const ctx = createContext(command, {
      db,
      clock: deps.clock,
      out,
      readStdin: deps.readStdin ?? (() => Promise.reject(new UsageError('standard input is not available'))),
      operator: deps.operator ?? 'unknown',
    });
    await command.run(ctx, rest);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      out.error(`${command.name}: ${error.message}`);
      if (error instanceof UsageError) out.error(`Run "npm run admin -- ${command.name} --help" for its options.`);
      return error.exitCode;
    }
    out.error(`${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const findCommand = (name: string): CliCommand | undefined => commands.find((c) => c.name === name);

function printOverview(out: CliOutput) {
  out.line('Usage: npm run admin -- <command> [options]    (details: npm run admin -- <command> --help)');
  out.line('');
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const c of commands) out.line(`  ${c.name.padEnd(width)}  ${c.summary}`);
  out.line('');
  out.line(
    "The database is the server's: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite; stop the server first).",
  );
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function main() {
  let opened: Db | undefined;
  const code = await runCli(process.argv.slice(2), {
    db: async () => (opened = await openCliDatabase(configFromEnv())),
    clock: systemClock,
    out: processOutput,
    readStdin: readProcessStdin,
    operator: process.env.ADMIN_OPERATOR || osUser(),
  });
  await opened?.close();
  process.exitCode = code;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) void main();
