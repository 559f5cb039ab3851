import { optional, parseOptions, required, requiredChoice, requiredId } from '../args.js';
import { CliError } from '../errors.js';
import { printRows } from '../output.js';
import type { CliCommand, CliContext } from '../registry.js';
import { findKindergarten } from './lookups.js';

const STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
type Decision = 'approved' | 'rejected';

const instant = (value: unknown) =>
  value instanceof Date ? value.toISOString() : value == null ? null : String(value);

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
    const status = optional(o.status) ? requiredChoice(o.status, 'status', STATUSES) : null;
    await findKindergarten(ctx.db, kindergartenId);
    const entries = await ctx.db.query<Record<string, unknown>>(
      `select id, birth_year, language, seats, available_from::text as available_from, status, note, submitted_at, decided_at, decision_note
         from schedule_entries
        where kindergarten_id = $1 and not deleted and ($2::text is null or status = $2)
        order by available_from, birth_year, language`,
      [kindergartenId, status],
    );
    const rows = entries.map((e) => ({
      id: String(e.id),
      birth_year: Number(e.birth_year),
      language: String(e.language),
      seats: Number(e.seats),
      available_from: String(e.available_from),
      status: String(e.status),
      note: String(e.note),
      submitted_at: instant(e.submitted_at),
      decided_at: instant(e.decided_at),
      decision_note: String(e.decision_note),
    }));
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
