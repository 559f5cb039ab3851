import { DateTime } from 'luxon';
import {
  CITY_ZONE,
  calendarDayKindSchema,
  checkCalendar,
  checkCalendarDayKind,
  cityDate,
  endOfNthWorkingDayAfter,
  kzRuleOptions,
  workingDaysAfter,
} from '../../../shared/calendar/index.js';
import { calendarEndWarning } from '../../intake/calendar-end.js';
import { calendarRows, removeCalendarDay, saveCalendarDay } from '../../intake/calendar-edits.js';
import { loadCalendar } from '../../intake/rule-context.js';
import { optional, parseOptions, required, requiredChoice } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import { printRows } from '../output.js';
import type { CliCommand } from '../registry.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function requiredDate(value: string | undefined, option: string): string {
  const date = required(value, option);
  if (!DATE.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid)
    throw new UsageError(`--${option} must be a date YYYY-MM-DD, got "${date}"`);
  return date;
}

/** Every calendar command says on stderr when the table ends within 90 days (or has ended). */
async function warnOfCalendarEnd(ctx: Parameters<CliCommand['run']>[0]): Promise<void> {
  const warning = await calendarEndWarning(ctx.db, ctx.clock);
  if (warning) ctx.out.error(`warning: ${warning}`);
}

const list: CliCommand = {
  name: 'calendar:list',
  summary: 'list the working-day calendar table (holidays, days off, working weekend days) of a year',
  usage: 'Usage: npm run admin -- calendar:list [--year 2026] [--json]',
  async run(ctx, argv) {
    await warnOfCalendarEnd(ctx);
    const o = parseOptions(argv, { year: { type: 'string' }, json: { type: 'boolean' } });
    const year = optional(o.year) ? Number(o.year) : null;
    if (year !== null && !Number.isInteger(year)) throw new UsageError(`--year must be a year, got "${o.year}"`);
    const rows = await calendarRows(ctx.db, year);
    await ctx.audit(ctx.db, { objectType: 'calendar', details: { year, count: rows.length } });
    printRows(
      ctx.out,
      rows.map((r) => ({ ...r })),
      ['date', 'kind', 'nameRu', 'source', 'provisional'],
      o.json,
    );
  },
};

const set: CliCommand = {
  name: 'calendar:set',
  summary: 'add or change one date of the calendar (replicated to every app)',
  usage: `Usage: npm run admin -- calendar:set --date YYYY-MM-DD --kind holiday|day_off|working_day
       --name-ru <text> --name-kk <text> --name-en <text> --source <act or article> [--provisional]`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      date: { type: 'string' },
      kind: { type: 'string' },
      'name-ru': { type: 'string' },
      'name-kk': { type: 'string' },
      'name-en': { type: 'string' },
      source: { type: 'string' },
      provisional: { type: 'boolean' },
    });
    const date = requiredDate(o.date, 'date');
    const kind = requiredChoice(o.kind, 'kind', calendarDayKindSchema.options);
    const fits = checkCalendarDayKind(date, kind);
    if (!fits.ok)
      throw new CliError(
        fits.rejection.code === 'calendar_working_day_not_weekend'
          ? `${date} is a weekday: only a Saturday or Sunday can be made a working day`
          : `${date} is a weekend day: a moved day off falls on a weekday`,
      );
    const day = {
      date,
      kind,
      nameRu: required(o['name-ru'], 'name-ru'),
      nameKk: required(o['name-kk'], 'name-kk'),
      nameEn: required(o['name-en'], 'name-en'),
      source: required(o.source, 'source'),
      provisional: Boolean(o.provisional),
    };
    await ctx.db.transaction(async (tx) => {
      await saveCalendarDay(tx, day, ctx.clock.now());
      await ctx.audit(tx, { objectType: 'calendar_day', objectId: date, details: { kind, source: o.source } });
    });
    ctx.out.line(`${date}: ${kind} (${o['name-ru']}) saved; every app receives it at its next sync.`);
  },
};

const remove: CliCommand = {
  name: 'calendar:delete',
  summary: 'remove one date from the calendar table (it becomes an ordinary day again)',
  usage: 'Usage: npm run admin -- calendar:delete --date YYYY-MM-DD',
  async run(ctx, argv) {
    const o = parseOptions(argv, { date: { type: 'string' } });
    const date = requiredDate(o.date, 'date');
    await ctx.db.transaction(async (tx) => {
      if (!(await removeCalendarDay(tx, date, ctx.clock.now())))
        throw new CliError(`${date} is not in the calendar table (see calendar:list)`);
      await ctx.audit(tx, { objectType: 'calendar_day', objectId: date });
    });
    ctx.out.line(`${date} removed from the calendar table.`);
  },
};

const check: CliCommand = {
  name: 'calendar:check',
  summary: "check a year of the table against the law's rules and the known transfers",
  usage: 'Usage: npm run admin -- calendar:check --year 2026',
  async run(ctx, argv) {
    await warnOfCalendarEnd(ctx);
    const o = parseOptions(argv, { year: { type: 'string' } });
    const year = Number(required(o.year, 'year'));
    const options = kzRuleOptions[year];
    if (!options)
      throw new CliError(`no rule options known for ${year} (known: ${Object.keys(kzRuleOptions).join(', ')})`);
    const problems = checkCalendar(await calendarRows(ctx.db, year), year, options);
    await ctx.audit(ctx.db, { objectType: 'calendar', details: { year, problems: problems.length } });
    if (problems.length === 0) ctx.out.line(`${year}: the table agrees with the rules.`);
    for (const problem of problems) ctx.out.line(`${year}: ${problem}`);
  },
};

const workdays: CliCommand = {
  name: 'calendar:workdays',
  summary: 'print, for an instant and N, the working days counted and the closing instant',
  usage: `Usage: npm run admin -- calendar:workdays --from <ISO instant, e.g. 2026-06-05T15:00+05:00> --days 3`,
  async run(ctx, argv) {
    await warnOfCalendarEnd(ctx);
    const o = parseOptions(argv, { from: { type: 'string' }, days: { type: 'string' } });
    const from = DateTime.fromISO(required(o.from, 'from'), { setZone: true });
    if (!from.isValid) throw new UsageError(`--from must be an ISO instant, got "${o.from}"`);
    const days = Number(required(o.days, 'days'));
    if (!Number.isInteger(days) || days < 1 || days > 60)
      throw new UsageError(`--days must be a whole number from 1 to 60, got "${o.days}"`);
    const calendar = await loadCalendar(ctx.db);
    const instant = from.toJSDate();
    const counted = workingDaysAfter(instant, days, calendar);
    const closes = endOfNthWorkingDayAfter(instant, days, calendar);
    await ctx.audit(ctx.db, { objectType: 'calendar', details: { from: o.from, days } });
    ctx.out.line(
      `From ${DateTime.fromJSDate(instant, { zone: CITY_ZONE }).toFormat('yyyy-MM-dd HH:mm')} (${CITY_ZONE}, local date ${cityDate(instant)}):`,
    );
    for (const [i, date] of counted.entries())
      ctx.out.line(`  ${i + 1}. ${date} ${DateTime.fromISO(date).setLocale('en').toFormat('cccc')}`);
    ctx.out.line(
      `Closes at ${DateTime.fromJSDate(closes, { zone: CITY_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss.SSS ZZ')} = ${closes.toISOString()}`,
    );
  },
};

export const calendarCommands: readonly CliCommand[] = [list, set, remove, check, workdays];
