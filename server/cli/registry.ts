import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import type { CliOutput } from './output.js';
import { writeAudit, type AuditEntry } from '../audit/audit-log.js';

/**
 * What a command says about the change it made: the rest of its audit row is the run's (the action
 * always `admin.<command>`, the time the clock's, the operator beside the details).
 */
export type CommandAuditEntry = Pick<AuditEntry, 'objectType'> &
  Partial<Pick<AuditEntry, 'objectId' | 'kindergartenId'>> & { details?: Record<string, unknown> };

/** What every command may use; built per run by `runCli`, never held in module state. */
export interface CliContext {
  db: Db;
  clock: Clock;
  out: CliOutput;
  /** The whole of standard input (for `--password-stdin`). */
  readStdin(): Promise<string>;
  /** Writes this command's audit_log row with `q` — pass the command's transaction so both commit together. */
  audit(q: Queryable, entry: CommandAuditEntry): Promise<void>;
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
