import { v7 as uuidv7 } from 'uuid';
import { staffRoleSchema } from '../../../shared/auth.js';
import { isHostileText } from '../../../shared/domain/text.js';
import { hashPassword } from '../../auth/password.js';
import { disableStaff, insertStaff, resetStaffPassword } from '../../accounts/staff-accounts.js';
import { optional, parseOptions, required, requiredChoice, requiredId } from '../args.js';
import { CliError, UsageError } from '../errors.js';
import { printRows } from '../output.js';
import { generatePassword, passwordFromStdin, showPassword } from '../password.js';
import type { CliCommand, CliContext } from '../registry.js';
import { findKindergarten, findStaff } from './lookups.js';

const LOGIN = /^[a-z0-9][a-z0-9._-]{2,63}$/i;

const passwordOption = { 'password-stdin': { type: 'boolean' } } as const;

async function newPassword(ctx: CliContext, fromStdin: boolean | undefined) {
  const password = fromStdin ? await passwordFromStdin(ctx) : generatePassword();
  return { password, hash: await hashPassword(password), generated: !fromStdin };
}

const create: CliCommand = {
  name: 'staff:create',
  summary: 'issue a staff account (head or staff) for a kindergarten; prints its password once',
  usage: `Usage: npm run admin -- staff:create --kindergarten <id> --login <login> --full-name <name> --role head|staff [--position <position>] [--password-stdin]

Issues a personal account. Without --password-stdin a strong random password is generated
and printed once; with it, the first line of standard input is the password (10+ characters).
  --kindergarten   kindergarten id (kindergarten:list)
  --login          3–64 letters, digits, '.', '_' or '-'; unique, case-insensitive
  --full-name      the person's full name
  --role           head (заведующая) or staff
  --position       the position printed beside the head's signature on the desk's orders
                   ("Заведующая"; up to 200 characters; empty prints the default title)

Example:
  npm run admin -- staff:create --kindergarten 0191d2a0-0000-7000-8000-000000000001 --login aigerim.s --full-name "Серикова Айгерим" --role staff
  npm run admin -- staff:create --kindergarten 0191d2a0-0000-7000-8000-000000000001 --login g.akhmetova --full-name "Ахметова Гульнара Сериковна" --role head --position "Заведующая"`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      kindergarten: { type: 'string' },
      login: { type: 'string' },
      'full-name': { type: 'string' },
      role: { type: 'string' },
      position: { type: 'string' },
      ...passwordOption,
    });
    const kindergartenId = requiredId(o.kindergarten, 'kindergarten');
    const login = required(o.login, 'login');
    const fullName = required(o['full-name'], 'full-name');
    const role = requiredChoice(o.role, 'role', staffRoleSchema.options);
    if (!LOGIN.test(login))
      throw new UsageError("--login takes 3–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    if (fullName.length > 200) throw new UsageError('--full-name is at most 200 characters');
    const position = positionOf(o.position);
    const { password, hash, generated } = await newPassword(ctx, o['password-stdin']);
    const id = uuidv7();
    await ctx.db.transaction(async (tx) => {
      const kindergarten = await findKindergarten(tx, kindergartenId);
      const inserted = await insertStaff(tx, {
        id,
        kindergartenId: kindergarten.id,
        login,
        fullName,
        position,
        role,
        passwordHash: hash,
        now: ctx.clock.now(),
      });
      if (!inserted.ok) throw new CliError(`the login "${login}" is taken`);
      await ctx.audit(tx, {
        objectType: 'staff',
        objectId: id,
        kindergartenId: kindergarten.id,
        details: { login, role, position },
      });
    });
    ctx.out.line(`Staff account ${id} created: ${login} (${role}).`);
    if (generated) showPassword(ctx, password);
  },
};

const resetPassword: CliCommand = {
  name: 'staff:reset-password',
  summary: 'set a new password for a staff account and sign out all of its devices',
  usage: `Usage: npm run admin -- staff:reset-password --login <login> [--password-stdin]

Sets a new password (generated and printed once, or the first line of standard input) and
revokes every device session of the account: the old password stops working at once, and each
device signs in again with the new one (commands waiting on a device are kept and sent then).`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' }, ...passwordOption });
    const login = required(o.login, 'login');
    const { password, hash, generated } = await newPassword(ctx, o['password-stdin']);
    const revoked = await ctx.db.transaction(async (tx) => {
      const staff = await findStaff(tx, login);
      if (staff.disabled_at) throw new CliError(`the account "${staff.login}" is disabled`);
      const count = await resetStaffPassword(tx, staff.id, hash, ctx.clock.now());
      await ctx.audit(tx, {
        objectType: 'staff',
        objectId: staff.id,
        kindergartenId: staff.kindergarten_id,
        details: { login: staff.login, revokedSessions: count },
      });
      return count;
    });
    ctx.out.line(`New password set for ${login}; ${revoked} device session(s) signed out.`);
    if (generated) showPassword(ctx, password);
  },
};

const disable: CliCommand = {
  name: 'staff:disable',
  summary: 'disable a staff account and sign out all of its devices',
  usage: `Usage: npm run admin -- staff:disable --login <login>

Disables the account (it can no longer sign in) and revokes its device sessions. The account
and everything it did stay in the records and the audit log.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' } });
    const login = required(o.login, 'login');
    const revoked = await ctx.db.transaction(async (tx) => {
      const staff = await findStaff(tx, login);
      if (staff.disabled_at) throw new CliError(`the account "${staff.login}" is already disabled`);
      const count = await disableStaff(tx, staff.id, ctx.clock.now());
      await ctx.audit(tx, {
        objectType: 'staff',
        objectId: staff.id,
        kindergartenId: staff.kindergarten_id,
        details: { login: staff.login, revokedSessions: count },
      });
      return count;
    });
    ctx.out.line(`Disabled ${login}; ${revoked} device session(s) signed out.`);
  },
};

/** A position as given on the command line: trimmed, at most 200 characters, empty when not given. */
function positionOf(value: unknown): string {
  const position = typeof value === 'string' ? value.trim() : '';
  if (position.length > 200) throw new UsageError('--position is at most 200 characters');
  if (isHostileText(position) || /[\r\n\t]/.test(position)) throw new UsageError('--position must be one line of text');
  return position;
}

const setPosition: CliCommand = {
  name: 'staff:set-position',
  summary: 'set the position printed beside a staff account’s signature (empty for the default title)',
  usage: `Usage: npm run admin -- staff:set-position --login <login> --position <position>

Sets the position printed with the head's name beside the signature line of the desk's orders
and lists ("Заведующая", "И. о. заведующей"; up to 200 characters; "" prints the default title).
Devices pick it up at their next sign-in.`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { login: { type: 'string' }, position: { type: 'string' } });
    const login = required(o.login, 'login');
    if (o.position === undefined) throw new UsageError('--position is required (use "" for the default title)');
    const position = positionOf(o.position);
    await ctx.db.transaction(async (tx) => {
      const staff = await findStaff(tx, login);
      await tx.query('update staff set position = $2 where id = $1', [staff.id, position]);
      await ctx.audit(tx, {
        objectType: 'staff',
        objectId: staff.id,
        kindergartenId: staff.kindergarten_id,
        details: { login: staff.login, position },
      });
    });
    ctx.out.line(`Position of ${login} set to "${position}".`);
  },
};

const list: CliCommand = {
  name: 'staff:list',
  summary: 'list staff accounts, of one kindergarten or all',
  usage: `Usage: npm run admin -- staff:list [--kindergarten <id>] [--json]`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { kindergarten: { type: 'string' }, json: { type: 'boolean' } });
    const kindergartenId = optional(o.kindergarten) ? requiredId(o.kindergarten, 'kindergarten') : null;
    if (kindergartenId) await findKindergarten(ctx.db, kindergartenId);
    const rows = await ctx.db.query<Record<string, string | number | null>>(
      `select s.id, s.login, s.full_name, s.position, s.role, k.name_ru as kindergarten, s.kindergarten_id,
              case when s.disabled_at is null then 'active' else 'disabled' end as status,
              (select count(*) from device_sessions d
                where d.staff_id = s.id and d.revoked_at is null and d.expires_at > $2)::int as devices
         from staff s join kindergartens k on k.id = s.kindergarten_id
        where $1::uuid is null or s.kindergarten_id = $1
        order by k.name_ru, s.login`,
      [kindergartenId, ctx.clock.now()],
    );
    await ctx.audit(ctx.db, { objectType: 'staff', kindergartenId, details: { count: rows.length } });
    printRows(ctx.out, rows, ['login', 'full_name', 'position', 'role', 'status', 'devices', 'kindergarten'], o.json);
  },
};

export const staffCommands: CliCommand[] = [create, resetPassword, setPosition, disable, list];
