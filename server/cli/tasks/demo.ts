import { DateTime } from 'luxon';
import { CITY_ZONE } from '../../../shared/calendar/index.js';
import { iinSchema, maskIin } from '../../../shared/domain/iin.js';
import { demoClockSnapshot, readDemoOffset, writeDemoOffset } from '../../demo/demo-clock.js';
import { blockApplicant, unblockApplicant } from '../../intake/blocking.js';
import { withinTransaction } from '../../demo/within-transaction.js';
import { parseAppliedAt } from '../applicant-csv.js';
import { optional, parseOptions, required, requiredId } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import type { CliCommand, CliContext } from '../registry.js';
import { findCity, findKindergarten } from './lookups.js';

/**
 * Department commands for demos: approve a city's whole submitted schedule at once, move the demo
 * clock, block an applicant account. They act at the demo clock's time (real time plus the offset
 * `demo:clock` keeps), the time a server on the demo clock runs at.
 */

const cityTime = (instant: Date) => DateTime.fromJSDate(instant, { zone: CITY_ZONE }).toFormat('dd.MM.yyyy HH:mm');

const approveAll: CliCommand = {
  name: 'schedule:approve-all',
  summary: 'approve every submitted intake schedule entry of a city (or of one kindergarten) at once',
  usage: `Usage: npm run admin -- schedule:approve-all --city <city id> [--kindergarten <id>] [--note <text>]

Approves all submitted entries (drafts, approved and rejected ones are left as they are); their
seats can then be published. Each kindergarten sees the decision and the note.

Example:
  npm run admin -- schedule:approve-all --city petropavl --note "Утверждено отделом образования"`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      city: { type: 'string' },
      kindergarten: { type: 'string' },
      note: { type: 'string' },
    });
    const cityId = required(o.city, 'city');
    const kindergartenId = optional(o.kindergarten) ? requiredId(o.kindergarten, 'kindergarten') : null;
    const note = optional(o.note) ?? '';
    if (note.length > 500) throw new UsageError('--note is at most 500 characters');
    const clock = await demoClockSnapshot(ctx.db, ctx.clock);
    const approved = await ctx.db.transaction(async (tx) => {
      const city = await findCity(tx, cityId);
      if (kindergartenId) {
        const k = await findKindergarten(tx, kindergartenId);
        if (k.city_id !== city.id) throw new CliError(`kindergarten ${kindergartenId} is not in ${city.id}`);
      }
      const now = clock.now();
      const rows = await tx.query<{ kindergarten_id: string; name_ru: string; count: number }>(
        `with decided as (
           update schedule_entries e set status = 'approved', decided_at = $3, decision_note = $4, updated_at = $3
             from kindergartens k
            where k.id = e.kindergarten_id and k.city_id = $1 and ($2::uuid is null or k.id = $2)
              and e.status = 'submitted' and not e.deleted
           returning e.kindergarten_id)
         select d.kindergarten_id, k.name_ru, count(*)::int as count
           from decided d join kindergartens k on k.id = d.kindergarten_id
          group by d.kindergarten_id, k.name_ru order by k.name_ru`,
        [city.id, kindergartenId, now, note],
      );
      const total = rows.reduce((n, r) => n + r.count, 0);
      await ctx.audit(tx, {
        objectType: 'schedule_entry',
        kindergartenId,
        details: { city: city.id, approved: total, kindergartens: rows.length, note },
      });
      return rows;
    });
    for (const r of approved) ctx.out.line(`${r.name_ru}: ${r.count} entr${r.count === 1 ? 'y' : 'ies'} approved`);
    const total = approved.reduce((n, r) => n + r.count, 0);
    ctx.out.line(
      total ? `Approved ${total} schedule entries of ${cityId}.` : `No submitted schedule entries in ${cityId}.`,
    );
  },
};

const UNITS: Readonly<Record<string, number>> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };
const MAX_OFFSET_MS = 5 * 366 * 86_400_000;

/** `3d`, `12h`, `90m`, `1w`, `1d12h` → milliseconds. */
export function parseDuration(value: string): number {
  const text = value.trim().toLowerCase();
  if (!/^(\d+[wdhm])+$/.test(text)) {
    throw new UsageError(`--advance takes a duration like 3d, 12h, 90m, 1w or 1d12h; got "${value}"`);
  }
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([wdhm])/g)) ms += Number(n) * (UNITS[unit!] ?? 0);
  return ms;
}

function describeOffset(ms: number): string {
  if (ms === 0) return 'real time';
  const sign = ms < 0 ? '−' : '+';
  let left = Math.abs(Math.round(ms / 60_000));
  const days = Math.floor(left / 1440);
  left -= days * 1440;
  return `real time ${sign} ${days} d ${Math.floor(left / 60)} h ${left % 60} min`;
}

const clockCommand: CliCommand = {
  name: 'demo:clock',
  summary: 'show or move the demo clock (fast-forward a demo: windows close, deadlines pass)',
  usage: `Usage: npm run admin -- demo:clock [--advance <duration> | --set <instant> | --reset]

Without options, shows the demo clock. Servers started with the demo clock run at real time plus
the offset kept in the database; a server on PostgreSQL follows a change at once, a server on the
embedded database reads it when it starts (stop it before running this, start it again after).
  --advance  move forward: 3d, 12h, 90m, 1w, 1d12h (w weeks, d days, h hours, m minutes)
  --set      jump to an instant: ISO 8601 with an offset, or 'YYYY-MM-DD HH:mm' in the city's time
  --reset    back to real time

Examples:
  npm run admin -- demo:clock --advance 3d      (a queue window of 3 working days closes)
  npm run admin -- demo:clock --set "2027-06-01 09:00"`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { advance: { type: 'string' }, set: { type: 'string' }, reset: { type: 'boolean' } });
    const given = [o.advance !== undefined, o.set !== undefined, o.reset === true].filter(Boolean).length;
    if (given > 1) throw new UsageError('give one of --advance, --set and --reset');
    const real = ctx.clock.now();
    if (given === 0) {
      const { offsetMs } = await readDemoOffset(ctx.db);
      ctx.out.line(
        `Demo clock: ${cityTime(new Date(real.getTime() + offsetMs))} in the city (${describeOffset(offsetMs)}).`,
      );
      return;
    }
    let instant: Date | null = null;
    if (o.set !== undefined) {
      instant = parseAppliedAt(required(o.set, 'set'), CITY_ZONE);
      if (!instant) throw new UsageError(`--set takes ISO 8601 or 'YYYY-MM-DD HH:mm' (city time); got "${o.set}"`);
    }
    const advance = o.advance !== undefined ? parseDuration(o.advance) : 0;
    const { before, after } = await ctx.db.transaction(async (tx) => {
      const { offsetMs: before } = await readDemoOffset(tx);
      const offset = o.reset ? 0 : instant ? instant.getTime() - real.getTime() : before + advance;
      if (Math.abs(offset) > MAX_OFFSET_MS) throw new CliError('the demo clock stays within five years of real time');
      const after = await writeDemoOffset(tx, offset, real);
      await ctx.audit(tx, {
        objectType: 'demo_clock',
        details: {
          before,
          after: after.offsetMs,
          ...(o.advance ? { advance: o.advance } : {}),
          ...(o.set ? { set: o.set } : {}),
        },
      });
      return { before, after: after.offsetMs };
    });
    ctx.out.line(`Demo clock: ${cityTime(new Date(real.getTime() + after))} in the city (${describeOffset(after)}).`);
    if (after < before) {
      ctx.out.line(
        'Note: the clock went back; instants already recorded (claims, deadlines) may now lie in the future.',
      );
    }
    ctx.out.line(
      ctx.db.kind === 'pglite'
        ? 'Start the server again to run on this time (the embedded database reads the offset at start).'
        : 'Servers on the demo clock follow at once.',
    );
  },
};

async function findApplicant(ctx: CliContext, o: { iin?: string; login?: string; city?: string }) {
  const login = optional(o.login);
  const iinText = optional(o.iin);
  if (Boolean(login) === Boolean(iinText)) throw new UsageError('give one of --iin and --login');
  if (iinText) {
    const iin = iinSchema.safeParse(iinText);
    if (!iin.success) throw new UsageError(`--iin: ${iin.error.issues[0]?.message ?? 'not a valid IIN'}`);
    const city = await findCity(ctx.db, required(o.city ?? 'petropavl', 'city'));
    const [row] = await ctx.db.query<{ id: string; login: string | null; iin: string; blocked_at: Date | null }>(
      'select id, login, iin, blocked_at from applicants where city_id = $1 and iin = $2',
      [city.id, iin.data],
    );
    if (!row) throw new CliError(`no applicant with IIN ${maskIin(iin.data)} in ${city.id}`);
    return row;
  }
  const [row] = await ctx.db.query<{ id: string; login: string | null; iin: string; blocked_at: Date | null }>(
    'select id, login, iin, blocked_at from applicants where lower(login) = lower($1)',
    [login],
  );
  if (!row) throw new CliError(`no applicant account with login "${login}"`);
  return row;
}

const block: CliCommand = {
  name: 'applicant:block',
  summary: 'block an applicant account whose access was shared or sold; its referral and contract terminate',
  usage: `Usage: npm run admin -- applicant:block (--iin <child's IIN> [--city petropavl] | --login <parent login>) --reason <text>

Blocks the account: the parent can no longer sign in (live sessions stop at once), and the
applicant's referral or contract terminates automatically — before enrollment the seat returns
to the queue, after enrollment the child departs today and the seat becomes a vacancy. Blocking
an account already blocked changes nothing.

Example:
  npm run admin -- applicant:block --login p0042 --reason "Передача доступа к личному кабинету третьим лицам"`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      iin: { type: 'string' },
      login: { type: 'string' },
      city: { type: 'string' },
      reason: { type: 'string' },
    });
    const reason = required(o.reason, 'reason');
    if (reason.length > 300) throw new UsageError('--reason is at most 300 characters');
    const applicant = await findApplicant(ctx, o);
    const clock = await demoClockSnapshot(ctx.db, ctx.clock);
    const { outcome, referrals } = await ctx.db.transaction(async (tx) => {
      const outcome = await blockApplicant(withinTransaction(tx, ctx.db.kind), clock, applicant.id, reason);
      if (!outcome) throw new CliError('the applicant disappeared while blocking');
      await ctx.audit(tx, {
        objectType: 'applicant',
        objectId: applicant.id,
        details: {
          login: applicant.login,
          reason,
          alreadyBlocked: outcome.alreadyBlocked,
          terminated: outcome.terminated,
        },
      });
      const referrals = await tx.query<{ id: string; number: string; name_ru: string }>(
        `select r.id, r.number, k.name_ru from referrals r join kindergartens k on k.id = r.kindergarten_id where r.id = any($1::uuid[])`,
        [outcome.terminated.map((t) => t.referralId)],
      );
      return { outcome, referrals: new Map(referrals.map((r) => [r.id, r])) };
    });
    const who = `${applicant.login ?? 'applicant'} (${maskIin(applicant.iin)})`;
    ctx.out.line(outcome.alreadyBlocked ? `${who} was already blocked.` : `Blocked ${who}.`);
    for (const t of outcome.terminated) {
      const r = referrals.get(t.referralId);
      ctx.out.line(
        `  referral ${r?.number ?? t.referralId} (${r?.name_ru ?? t.kindergartenId}) terminated; it was ${t.from}`,
      );
    }
    if (!outcome.terminated.length) ctx.out.line('  No live referral or contract to terminate.');
  },
};

const unblock: CliCommand = {
  name: 'applicant:unblock',
  summary: 'unblock an applicant account: sign-in and claiming again; a terminated referral or contract stays so',
  usage: `Usage: npm run admin -- applicant:unblock (--iin <child's IIN> [--city petropavl] | --login <parent login>)

Lifts a block (the same change as the console's «Разблокировать»): the parent can sign in and
claim seats again. A referral or contract the block terminated stays terminated — its seat went
back to the queue or became a vacancy — and the sessions the block ended stay ended. Unblocking an
account that is not blocked changes nothing.

Example:
  npm run admin -- applicant:unblock --login p0042`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { iin: { type: 'string' }, login: { type: 'string' }, city: { type: 'string' } });
    const applicant = await findApplicant(ctx, o);
    const now = (await demoClockSnapshot(ctx.db, ctx.clock)).now();
    const unblocked = await ctx.db.transaction(async (tx) => {
      const done = await unblockApplicant(tx, now, applicant.id);
      await ctx.audit(tx, {
        objectType: 'applicant',
        objectId: applicant.id,
        details: { login: applicant.login, wasBlocked: done },
      });
      return done;
    });
    const who = `${applicant.login ?? 'applicant'} (${maskIin(applicant.iin)})`;
    ctx.out.line(
      unblocked
        ? `Unblocked ${who}; a referral or contract the block terminated stays terminated.`
        : `${who} was not blocked.`,
    );
  },
};

export const demoCommands: CliCommand[] = [approveAll, clockCommand, block, unblock];
