import { deviceSessionForUpdate, revokeDeviceSession, revokeStaffSessions } from '../../accounts/staff-accounts.js';
import { formatIsoInstant } from '../../../shared/calendar/dates.js';
import { isoInstantSql } from '../../db/instants.js';
import { optional, parseOptions, required, requiredId } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import { printRows } from '../output.js';
import type { CliCommand } from '../registry.js';
import { findStaff } from './lookups.js';

const list: CliCommand = {
  name: 'device:list',
  summary: "list a staff account's device sessions (active, revoked, expired)",
  usage: `Usage: npm run admin -- device:list --login <login> [--json]

Each sign-in on a PC is a device session; revoke one with device:revoke --session <id>.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' }, json: { type: 'boolean' } });
    const staff = await findStaff(ctx.db, required(o.login, 'login'));
    const now = ctx.clock.now();
    // The operator's table: a session's state at `now`, its instants as the domain's ISO text.
    const rows = await ctx.db.query<{
      id: string;
      device_id: string;
      device_name: string;
      status: 'revoked' | 'expired' | 'active';
      signed_in: string;
      last_seen: string;
      expires: string;
    }>(
      `select id, device_id, device_name,
              case when revoked_at is not null then 'revoked' when expires_at <= $2 then 'expired' else 'active' end
                as status,
              ${isoInstantSql('created_at')} as signed_in, ${isoInstantSql('last_seen_at')} as last_seen,
              ${isoInstantSql('expires_at')} as expires
         from device_sessions where staff_id = $1 order by created_at desc`,
      [staff.id, now],
    );
    await ctx.audit(ctx.db, {
      objectType: 'device_session',
      kindergartenId: staff.kindergarten_id,
      details: { login: staff.login, count: rows.length },
    });
    printRows(ctx.out, rows, ['id', 'status', 'device_name', 'device_id', 'signed_in', 'last_seen'], o.json);
  },
};

const revoke: CliCommand = {
  name: 'device:revoke',
  summary: 'sign a device out (its token stops working at once), or all devices of a login',
  usage: `Usage: npm run admin -- device:revoke --session <id>
       npm run admin -- device:revoke --login <login> --all

  --session   one device session id (device:list)
  --login ... --all   every live session of that account (e.g. a PC was lost)
Commands waiting on a revoked device are kept; they are sent when someone signs in there again.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { session: { type: 'string' }, login: { type: 'string' }, all: { type: 'boolean' } });
    const login = optional(o.login);
    if (optional(o.session) && login) throw new UsageError('give either --session or --login with --all, not both');
    if (login && !o.all) throw new UsageError('--login revokes every session of the account only with --all');
    if (!login && o.all) throw new UsageError('--all needs --login');
    const now = ctx.clock.now();
    if (login) {
      const count = await ctx.db.transaction(async (tx) => {
        const staff = await findStaff(tx, login);
        const revoked = await revokeStaffSessions(tx, staff.id, now);
        await ctx.audit(tx, {
          objectType: 'device_session',
          kindergartenId: staff.kindergarten_id,
          details: { login: staff.login, sessions: revoked },
        });
        return revoked.length;
      });
      ctx.out.line(`Revoked ${count} device session(s) of ${login}.`);
      return;
    }
    const sessionId = requiredId(o.session, 'session');
    await ctx.db.transaction(async (tx) => {
      const session = await deviceSessionForUpdate(tx, sessionId, null);
      if (!session) throw new CliError(`no device session ${sessionId} (see device:list --login <login>)`);
      if (session.revoked_at)
        throw new CliError(
          `device session ${sessionId} was already revoked at ${formatIsoInstant(session.revoked_at)}`,
        );
      await revokeDeviceSession(tx, sessionId, now);
      await ctx.audit(tx, {
        objectType: 'device_session',
        objectId: sessionId,
        kindergartenId: session.kindergarten_id,
      });
    });
    ctx.out.line(`Revoked device session ${sessionId}.`);
  },
};

export const deviceCommands: CliCommand[] = [list, revoke];
