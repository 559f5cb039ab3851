import { regionalSettingsSchema, type RegionalSettings } from '../../../shared/rules/index.js';
import { loadSettings } from '../../intake/rule-context.js';
import { parseOptions, required } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import type { CliCommand } from '../registry.js';

const describeSettings = (s: RegionalSettings) => [
  `queue window: ${s.queueWindow.length} ${s.queueWindow.unit.replace('_', ' ')}`,
  `contract deadline: ${s.contractDeadline.length} ${s.contractDeadline.unit.replace('_', ' ')}`,
  `priority interleave: ${s.priorityInterleave.firstPriority} first-priority : ${s.priorityInterleave.general} general`,
  `minimum age: ${s.minimumAgeMonths} months at available-from`,
  `August publication pause: ${s.augustPause ? `${s.augustPause.from} … ${s.augustPause.to}` : 'off'}`,
  `returned seats: ${s.returnedSeats === 'open_to_all' ? 'straight open to all' : 'republished with a new queue window'}`,
  `kindergartens an applicant may choose: ${s.maxChoices}`,
];

async function cityExists(ctx: Parameters<CliCommand['run']>[0], city: string) {
  const rows = await ctx.db.query('select 1 from cities where id = $1', [city]);
  if (!rows.length) throw new CliError(`no city "${city}"`);
}

const show: CliCommand = {
  name: 'settings:show',
  summary: "print a city's regional settings, each with its unit",
  usage: 'Usage: npm run admin -- settings:show --city petropavl [--json]',
  async run(ctx, argv) {
    const o = parseOptions(argv, { city: { type: 'string' }, json: { type: 'boolean' } });
    const city = required(o.city, 'city');
    await cityExists(ctx, city);
    const settings = await loadSettings(ctx.db, city);
    await ctx.audit(ctx.db, { objectType: 'regional_settings', objectId: city });
    if (o.json) ctx.out.line(JSON.stringify(settings, null, 2));
    else for (const line of describeSettings(settings)) ctx.out.line(line);
  },
};

const set: CliCommand = {
  name: 'settings:set',
  summary: "change a city's regional settings (a JSON patch of the fields to change; replicated to every app)",
  usage: `Usage: npm run admin -- settings:set --city petropavl --patch '<json>'
Examples:
  --patch '{"queueWindow":{"length":1,"unit":"calendar_days"}}'
  --patch '{"augustPause":null,"returnedSeats":"open_to_all"}'`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { city: { type: 'string' }, patch: { type: 'string' } });
    const city = required(o.city, 'city');
    let patch: unknown;
    try {
      patch = JSON.parse(required(o.patch, 'patch'));
    } catch {
      throw new UsageError('--patch must be a JSON object');
    }
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw new UsageError('--patch must be a JSON object');
    await cityExists(ctx, city);
    const current = await loadSettings(ctx.db, city);
    const next = regionalSettingsSchema.strict().safeParse({ ...current, ...patch });
    if (!next.success) {
      const issue = next.error.issues[0];
      throw new CliError(`invalid settings: ${issue?.path.join('.') || '(settings)'}: ${issue?.message}`);
    }
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `insert into regional_settings (city_id, settings, updated_at) values ($1, $2, $3)
         on conflict (city_id) do update set settings = $2, updated_at = $3, deleted = false`,
        [city, JSON.stringify(next.data), ctx.clock.now()],
      );
      await ctx.audit(tx, { objectType: 'regional_settings', objectId: city, details: { patch } });
    });
    for (const line of describeSettings(next.data)) ctx.out.line(line);
  },
};

export const settingsCommands: readonly CliCommand[] = [show, set];
