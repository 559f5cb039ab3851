import { v7 as uuidv7 } from 'uuid';
import { departmentRoleSchema } from '../../../shared/department/auth.js';
import { hashPassword } from '../../auth/password.js';
import { unlockSignIn } from '../../auth/sign-in-limit.js';
import { revokeDepartmentSessions } from '../../department/sessions.js';
import type { Queryable } from '../../db/db.js';
import { optional, parseOptions, required, requiredChoice } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import { printRows } from '../output.js';
import { generatePassword, passwordFromStdin, showPassword } from '../password.js';
import type { CliCommand } from '../registry.js';
import { findCity } from './lookups.js';

const LOGIN = /^[a-z0-9][a-z0-9._-]{2,63}$/i;

async function findAccount(q: Queryable, login: string) {
  const [account] = await q.query<{ id: string; login: string; city_id: string; disabled_at: Date | null }>(
    'select id, login, city_id, disabled_at from department_accounts where lower(login) = lower($1) for update',
    [login],
  );
  if (!account) throw new CliError(`no department account with login "${login}" (see department:list)`);
  return account;
}

const create: CliCommand = {
  name: 'department:create',
  summary: 'issue a city education department account (specialist or admin) for the console; prints its password once',
  usage: `Usage: npm run admin -- department:create --city <id> --login <login> --full-name <name> --role specialist|admin [--password-stdin]

Issues a department employee's account for the console (/console/ on the central server). A
specialist approves schedules; an administrator also manages department accounts. The account
sees only its city's kindergartens. Without --password-stdin a strong random password is
generated and printed once; with it, the first line of standard input is the password.
  --city        the city id (e.g. petropavl)
  --login       3–64 letters, digits, '.', '_' or '-'; unique among department accounts
  --full-name   the person's full name
  --role        specialist or admin

Example (the first administrator):
  npm run admin -- department:create --city petropavl --login gorono.admin --full-name "Ахметова Сауле" --role admin`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      city: { type: 'string' },
      login: { type: 'string' },
      'full-name': { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    });
    const cityId = required(o.city, 'city');
    const login = required(o.login, 'login');
    const fullName = required(o['full-name'], 'full-name');
    const role = requiredChoice(o.role, 'role', departmentRoleSchema.options);
    if (!LOGIN.test(login))
      throw new UsageError("--login takes 3–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    if (fullName.length > 200) throw new UsageError('--full-name is at most 200 characters');
    const password = o['password-stdin'] ? await passwordFromStdin(ctx) : generatePassword();
    const hash = await hashPassword(password);
    const id = uuidv7();
    await ctx.db.transaction(async (tx) => {
      const city = await findCity(tx, cityId);
      const [taken] = await tx.query('select 1 from department_accounts where lower(login) = lower($1)', [login]);
      if (taken) throw new CliError(`the department login "${login}" is taken`);
      await tx.query(
        `insert into department_accounts (id, city_id, login, full_name, role, password_hash, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [id, city.id, login, fullName, role, hash, ctx.clock.now()],
      );
      await ctx.audit(tx, { objectType: 'department_account', objectId: id, details: { login, role, city: city.id } });
    });
    ctx.out.line(`Department account ${id} created: ${login} (${role}, ${cityId}).`);
    if (!o['password-stdin']) showPassword(ctx, password);
  },
};

const disable: CliCommand = {
  name: 'department:disable',
  summary: 'disable a department account and end all of its console sessions',
  usage: `Usage: npm run admin -- department:disable --login <login>

The account can no longer sign in and its open console sessions end at once. The account and
everything it did stay in the records and the audit log.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' } });
    const login = required(o.login, 'login');
    const revoked = await ctx.db.transaction(async (tx) => {
      const account = await findAccount(tx, login);
      if (account.disabled_at) throw new CliError(`the department account "${account.login}" is already disabled`);
      const now = ctx.clock.now();
      await tx.query('update department_accounts set disabled_at = $2 where id = $1', [account.id, now]);
      const count = await revokeDepartmentSessions(tx, account.id, now);
      await ctx.audit(tx, {
        objectType: 'department_account',
        objectId: account.id,
        details: { login: account.login, revokedSessions: count },
      });
      return count;
    });
    ctx.out.line(`Disabled ${login}; ${revoked} console session(s) ended.`);
  },
};

const list: CliCommand = {
  name: 'department:list',
  summary: 'list department accounts, of one city or all',
  usage: `Usage: npm run admin -- department:list [--city <id>] [--json]`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { city: { type: 'string' }, json: { type: 'boolean' } });
    const cityId = optional(o.city) ?? null;
    if (cityId) await findCity(ctx.db, cityId);
    const rows = await ctx.db.query<Record<string, string | number | null>>(
      `select a.id, a.login, a.full_name, a.role, a.city_id as city,
              case when a.disabled_at is null then 'active' else 'disabled' end as status,
              (select count(*) from department_sessions s
                where s.account_id = a.id and s.revoked_at is null and s.expires_at > $2)::int as sessions
         from department_accounts a
        where $1::text is null or a.city_id = $1
        order by a.city_id, a.login`,
      [cityId, ctx.clock.now()],
    );
    await ctx.audit(ctx.db, { objectType: 'department_account', details: { city: cityId, count: rows.length } });
    printRows(ctx.out, rows, ['login', 'full_name', 'role', 'city', 'status', 'sessions'], o.json);
  },
};

const unlock: CliCommand = {
  name: 'department:unlock',
  summary: 'lift the sign-in lock of a department account locked after failed passwords',
  usage: `Usage: npm run admin -- department:unlock --login <login>

Department sign-ins are locked like staff sign-ins (5 failures: 30 s, doubling up to 15 minutes).`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' } });
    const login = required(o.login, 'login');
    const ended = await ctx.db.transaction(async (tx) => {
      const row = await unlockSignIn(tx, 'department', login);
      await ctx.audit(tx, {
        objectType: 'sign_in',
        details: { kind: 'department', login, failures: row?.failures ?? 0 },
      });
      return row;
    });
    ctx.out.line(
      ended
        ? `Unlocked the department sign-in of ${login} (${ended.failures} failed attempt(s) forgotten).`
        : `The department sign-in of ${login} was not locked; nothing to do.`,
    );
  },
};

export const departmentCommands: CliCommand[] = [create, disable, list, unlock];
