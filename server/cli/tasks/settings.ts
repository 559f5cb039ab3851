import { regionalSettingsSchema, type RegionalSettings } from '../../../shared/rules/index.js';
import { DateTime } from 'luxon';
import { changeSettings, settingsOfCity } from '../../intake/settings-changes.js';
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
  `devices shown as not synced after: ${s.staleDeviceDays} days`,
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
    const { settings, effectiveFrom, pending } = await settingsOfCity(ctx.db, city);
    await ctx.audit(ctx.db, { objectType: 'regional_settings', objectId: city });
    if (o.json) ctx.out.line(JSON.stringify(settings, null, 2));
    else {
      for (const line of describeSettings(settings)) ctx.out.line(line);
      ctx.out.line(`in force since: ${effectiveFrom ?? 'the first start'}`);
      if (pending) {
        ctx.out.line(`stated change, in force from ${pending.effectiveFrom}:`);
        for (const line of describeSettings(pending.settings)) ctx.out.line(`  ${line}`);
      }
    }
  },
};

const set: CliCommand = {
  name: 'settings:set',
  summary:
    "change a city's regional settings (a JSON patch of the settings in force; replicated to every app), at once or from a stated instant",
  usage: `Usage: npm run admin -- settings:set --city petropavl --patch '<json>' [--effective-from <ISO instant>]
A later --effective-from waits as the stated change (a new one replaces it); windows and deadlines
already stored keep their end.
Examples:
  --patch '{"queueWindow":{"length":1,"unit":"calendar_days"}}'
  --patch '{"augustPause":null,"returnedSeats":"open_to_all"}'`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      city: { type: 'string' },
      patch: { type: 'string' },
      'effective-from': { type: 'string' },
    });
    const city = required(o.city, 'city');
    let patch: unknown;
    try {
      patch = JSON.parse(required(o.patch, 'patch'));
    } catch {
      throw new UsageError('--patch must be a JSON object');
    }
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      throw new UsageError('--patch must be a JSON object');
    const now = ctx.clock.now();
    let effectiveFrom = now;
    if (o['effective-from'] !== undefined) {
      const stated = DateTime.fromISO(o['effective-from'], { setZone: true });
      if (!stated.isValid || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(o['effective-from']))
        throw new UsageError(`--effective-from must be an ISO instant with its offset, got "${o['effective-from']}"`);
      effectiveFrom = stated.toJSDate();
      if (effectiveFrom < now) throw new CliError(`--effective-from ${o['effective-from']} is in the past`);
    }
    await cityExists(ctx, city);
    const current = (await settingsOfCity(ctx.db, city)).settings;
    const next = regionalSettingsSchema.strict().safeParse({ ...current, ...patch });
    if (!next.success) {
      const issue = next.error.issues[0];
      throw new CliError(`invalid settings: ${issue?.path.join('.') || '(settings)'}: ${issue?.message}`);
    }
    const state = await ctx.db.transaction(async (tx) => {
      const done = await changeSettings(tx, city, next.data, effectiveFrom, now);
      await ctx.audit(tx, {
        objectType: 'regional_settings',
        objectId: city,
        details: { patch, effectiveFrom: effectiveFrom.toISOString() },
      });
      return done;
    });
    for (const line of describeSettings(next.data)) ctx.out.line(line);
    if (state === 'pending') ctx.out.line(`in force from ${effectiveFrom.toISOString()}`);
  },
};

export const settingsCommands: readonly CliCommand[] = [show, set];
