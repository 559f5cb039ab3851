import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import type { CliOutput } from './output.js';
import { writeAudit } from '../audit/audit-log.js';

/** What an audit row says about the change a command made (the action is always `admin.<command>`). */
export interface AuditEntry {
  objectType: string;
  objectId?: string | null;
  kindergartenId?: string | null;
  details?: Record<string, unknown>;
}

/** What every command may use; built per run by `runCli`, never held in module state. */
export interface CliContext {
  db: Db;
  clock: Clock;
  out: CliOutput;
  /** The whole of standard input (for `--password-stdin`). */
  readStdin(): Promise<string>;
  /** Writes this command's audit_log row with `q` — pass the command's transaction so both commit together. */
  audit(q: Queryable, entry: AuditEntry): Promise<void>;
}

/**
 * One admin command. To add one: write it in a file of `commands/` (one file per group, e.g.
 * `commands/applicant.ts` exporting `applicantCommands`), and list the group in `commands/index.ts`.
 * `run` parses its own options with `parseOptions` (args.ts), throws `UsageError` for a wrong
 * command line and `CliError` for a refusal, and writes one audit row when it succeeds.
 */
export interface CliCommand {
  /** `group:verb`, e.g. `staff:create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full help text: synopsis, options, examples. */
  usage: string;
  run(ctx: CliContext, argv: readonly string[]): Promise<void>;
}

export function createContext(
  command: CliCommand,
  deps: { db: Db; clock: Clock; out: CliOutput; readStdin: () => Promise<string>; operator: string },
): CliContext {
  return {
    db: deps.db,
    clock: deps.clock,
    out: deps.out,
    readStdin: deps.readStdin,
    async audit(q, entry) {
      await writeAudit(q, {
        at: deps.clock.now(),
        kindergartenId: entry.kindergartenId ?? null,
        action: `admin.${command.name}`,
        objectType: entry.objectType,
        objectId: entry.objectId ?? null,
        details: { operator: deps.operator, ...entry.details },
      });
    },
  };
}
