import { revokeParentSessions } from '../../auth/parent-sessions.js';
import { unlockSignIn } from '../../auth/sign-in-limit.js';
import { parseOptions, required } from '../args.js';
import { CliError } from '../errors.js';
import type { CliCommand } from '../registry.js';

const unlock: CliCommand = {
  name: 'signin:unlock',
  summary: 'lift the sign-in lock of a staff or parent account locked after failed passwords',
  usage: `Usage: npm run admin -- signin:unlock --login <login> [--parent]

After 5 failed sign-ins in a row an account is locked for 30 s, doubling up to 15 minutes
(docs/operations.md). This ends the streak at once: the next sign-in checks the password.
  --login    the staff login (or, with --parent, the parent's portal login)
  --parent   the account is a parent's (applicant's), not a staff member's`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' }, parent: { type: 'boolean' } });
    const login = required(o.login, 'login');
    const kind = o.parent ? 'parent' : 'staff';
    const ended = await ctx.db.transaction(async (tx) => {
      const row = await unlockSignIn(tx, kind, login);
      await ctx.audit(tx, { objectType: 'sign_in', details: { kind, login, failures: row?.failures ?? 0 } });
      return row;
    });
    ctx.out.line(
      ended
        ? `Unlocked the ${kind} sign-in of ${login} (${ended.failures} failed attempt(s) forgotten).`
        : `The ${kind} sign-in of ${login} was not locked; nothing to do.`,
    );
  },
};

const parentSignOut: CliCommand = {
  name: 'applicant:sign-out',
  summary: "sign a parent's portal account out everywhere (every live session ends at once)",
  usage: `Usage: npm run admin -- applicant:sign-out --login <parent login>

Revokes every live session of the parent's account (e.g. a phone was lost). The account is not
blocked: the parent signs in again with the password (applicant:block blocks it).`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' } });
    const login = required(o.login, 'login');
    const count = await ctx.db.transaction(async (tx) => {
      const [applicant] = await tx.query<{ id: string }>('select id from applicants where lower(login) = lower($1)', [
        login,
      ]);
      if (!applicant) throw new CliError(`no applicant account with login "${login}"`);
      const revoked = await revokeParentSessions(tx, ctx.clock, applicant.id);
      await ctx.audit(tx, { objectType: 'parent_session', objectId: applicant.id, details: { login, revoked } });
      return revoked;
    });
    ctx.out.line(`Signed out ${count} parent session(s) of ${login}.`);
  },
};

export const signInCommands: CliCommand[] = [unlock, parentSignOut];
