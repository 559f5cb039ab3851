import { scheduleEntryStatusSchema, type ScheduleEntryStatus } from '../../../shared/domain/schedule-entry.js';
import { isoInstantSql } from '../../db/instants.js';
import { optional, parseOptions, required, requiredChoice, requiredId } from '../args.js';
import { CliError } from '../errors.js';
import { printRows } from '../output.js';
import type { CliCommand, CliContext } from '../registry.js';
import { findKindergarten } from './lookups.js';

type Decision = Extract<ScheduleEntryStatus, 'approved' | 'rejected'>;

const list: CliCommand = {
  name: 'schedule:list',
  summary: "list a kindergarten's intake schedule entries (e.g. those waiting for approval)",
  usage: `Usage: npm run admin -- schedule:list --kindergarten <id> [--status draft|submitted|approved|rejected] [--json]`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      kindergarten: { type: 'string' },
      status: { type: 'string' },
      json: { type: 'boolean' },
    });
    const kindergartenId = requiredId(o.kindergarten, 'kindergarten');
    const status = optional(o.status) ? requiredChoice(o.status, 'status', scheduleEntryStatusSchema.options) : null;
    await findKindergarten(ctx.db, kindergartenId);
    // The operator's table: the entry's columns by their names, its instants as the domain's ISO text.
    const rows = await ctx.db.query<{
      id: string;
      birth_year: number;
      language: string;
      seats: number;
      available_from: string;
      status: ScheduleEntryStatus;
      note: string;
      submitted_at: string | null;
      decided_at: string | null;
      decision_note: string;
    }>(
      `select id, birth_year, language, seats, available_from::text as available_from, status, note,
              ${isoInstantSql('submitted_at')} as submitted_at, ${isoInstantSql('decided_at')} as decided_at, decision_note
         from schedule_entries
        where kindergarten_id = $1 and not deleted and ($2::text is null or status = $2)
        order by available_from, birth_year, language`,
      [kindergartenId, status],
    );
    await ctx.audit(ctx.db, { objectType: 'schedule_entry', kindergartenId, details: { status, count: rows.length } });
    printRows(ctx.out, rows, ['id', 'available_from', 'birth_year', 'language', 'seats', 'status', 'note'], o.json);
  },
};

/** The department's decision on a submitted entry; any other status is refused. */
async function decide(ctx: CliContext, entryId: string, decision: Decision, note: string) {
  await ctx.db.transaction(async (tx) => {
    const [entry] = await tx.query<{ status: string; kindergarten_id: string }>(
      'select status, kindergarten_id from schedule_entries where id = $1 and not deleted for update',
      [entryId],
    );
    if (!entry) throw new CliError(`no schedule entry ${entryId} (see schedule:list)`);
    if (entry.status !== 'submitted') {
      throw new CliError(`schedule entry ${entryId} is ${entry.status}; only a submitted entry can be ${decision}`);
    }
    const now = ctx.clock.now();
    await tx.query(
      `update schedule_entries set status = $2, decided_at = $3, decision_note = $4, updated_at = $3 where id = $1`,
      [entryId, decision, now, note],
    );
    await ctx.audit(tx, {
      objectType: 'schedule_entry',
      objectId: entryId,
      kindergartenId: entry.kindergarten_id,
      details: { decision, note },
    });
  });
  ctx.out.line(`Schedule entry ${entryId} ${decision}.`);
}

const approve: CliCommand = {
  name: 'schedule:approve',
  summary: 'approve a submitted intake schedule entry (its seats can then be published)',
  usage: `Usage: npm run admin -- schedule:approve --entry <id> [--note <text>]

Only a submitted entry can be approved. The kindergarten sees the decision and the note.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { entry: { type: 'string' }, note: { type: 'string' } });
    await decide(ctx, requiredId(o.entry, 'entry'), 'approved', optional(o.note) ?? '');
  },
};

const reject: CliCommand = {
  name: 'schedule:reject',
  summary: 'reject a submitted intake schedule entry, with the reason',
  usage: `Usage: npm run admin -- schedule:reject --entry <id> --note <reason>

Only a submitted entry can be rejected; the note (required) tells the kindergarten why.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { entry: { type: 'string' }, note: { type: 'string' } });
    const entryId = requiredId(o.entry, 'entry');
    await decide(ctx, entryId, 'rejected', required(o.note, 'note'));
  },
};

export const scheduleCommands: CliCommand[] = [list, approve, reject];
