import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { makeIin } from '../../shared/domain/iin.js';
import { verifyPassword } from '../../server/auth/password.js';
import { hashToken } from '../../server/auth/sessions.js';
import { runCli } from '../../server/cli/main.js';
import { openCliDatabase } from '../../server/cli/open-database.js';
import { bufferOutput } from '../../server/cli/output.js';
import { openPglite } from '../../server/db/pglite.js';
import { demoKindergarten, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { systemClock } from '../../server/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const now = new Date('2026-05-20T05:00:00Z'); // 10:00 in Petropavlovsk

/** One queue-file row; every column given, overridable per test. */
function applicant(overrides: Record<string, string> = {}, serial = 1): Record<string, string> {
  return {
    iin: makeIin('2022-03-14', 'female', serial),
    last_name: 'Нурланова',
    first_name: 'Айару',
    middle_name: 'Ержановна',
    birth_date: '2022-03-14',
    language: 'kk',
    priority: 'general',
    applied_at: '2022-04-01 09:30',
    choices: demoKindergarten.id,
    representative_full_name: 'Нурланова Динара Сериковна',
    representative_phone: '+7 705 123 45 67',
    parent_login: '',
    parent_password: '',
    ...overrides,
  };
}

const quote = (v: string) => (/[",;\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function csv(rows: Array<Record<string, string>>): string {
  const columns = Object.keys(rows[0] ?? applicant());
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

describe.each(databaseKinds)('the admin CLI on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let dir: string;
  let stdin = '';

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db);
    server.clock.set(now);
    dir = mkdtempSync(join(tmpdir(), 'kg-cli-'));
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs one command in-process through the CLI's own entry function. */
  async function admin(...argv: string[]) {
    const output = bufferOutput();
    const code = await runCli(argv, {
      db: database.db,
      clock: { now: () => new Date(now) },
      out: output.out,
      readStdin: async () => stdin,
      operator: 'test-operator',
    });
    return { code, ...output };
  }
  const passwordIn = (lines: string[]) =>
    lines.find((l) => l.startsWith('password: '))?.slice('password: '.length) ?? '';
  const sessionStatus = async (token: string) =>
    (await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } })).status;
  const loginFails = (login: string, password: string) =>
    expect(loginAs(server.url, login, password)).rejects.toThrow(/401/);
  const countApplicants = async () =>
    (await database.db.query<{ n: number }>('select count(*)::int as n from applicants'))[0]?.n;
  function queueFile(name: string, rows: Array<Record<string, string>>): string {
    const file = join(dir, name);
    writeFileSync(file, csv(rows));
    return file;
  }

  // The server allows 10 sign-ins a minute from one address: these tests make 8.

  it('creates a kindergarten and a staff account whose printed password signs in on the real server', async () => {
    const created = await admin(
      'kindergarten:create',
      '--name-ru',
      'Ясли-сад № 2 «Айгөлек»',
      '--name-kk',
      '№ 2 «Айгөлек» бөбекжай-бақшасы',
      '--city',
      'petropavl',
      '--address',
      'ул. Жамбыла, 10',
    );
    expect(created.code).toBe(0);
    const kindergartenId = created.lines[0]!;
    expect(kindergartenId).toMatch(/^[0-9a-f-]{36}$/);

    const listed = await admin('kindergarten:list', '--city', 'petropavl', '--json');
    expect(JSON.parse(listed.text())).toContainEqual(
      expect.objectContaining({ id: kindergartenId, name_kk: '№ 2 «Айгөлек» бөбекжай-бақшасы', staff: 0 }),
    );
    const table = await admin('kindergarten:list');
    expect(table.text()).toContain('Ясли-сад № 2 «Айгөлек»');

    const staff = await admin(
      'staff:create',
      '--kindergarten',
      kindergartenId,
      '--login',
      'aigerim.s',
      '--full-name',
      'Серикова Айгерим',
      '--role',
      'head',
      '--position',
      ' И. о. заведующей ',
    );
    expect(staff.code).toBe(0);
    const password = passwordIn(staff.lines);
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const session = await loginAs(server.url, 'aigerim.s', password);
    expect(session.kindergarten.id).toBe(kindergartenId);
    // The head's name and position come with the session: the desk prints them beside her signature.
    expect(session.staff.position).toBe('И. о. заведующей');
    expect(session.kindergarten.head).toEqual({ fullName: 'Серикова Айгерим', position: 'И. о. заведующей' });
    expect((await admin('staff:set-position', '--login', 'aigerim.s', '--position', 'Заведующая')).code).toBe(0);
    expect(JSON.parse((await admin('staff:list', '--kindergarten', kindergartenId, '--json')).text())).toEqual([
      expect.objectContaining({ login: 'aigerim.s', position: 'Заведующая' }),
    ]);
    const teacher = await admin(
      ...['staff:create', '--kindergarten', kindergartenId, '--login', 'dana.k', '--full-name', 'Дана К'],
      ...['--role', 'staff'],
    );
    const teacherSession = await loginAs(server.url, 'dana.k', passwordIn(teacher.lines));
    // Staff print with the kindergarten's head as the signatory, not themselves.
    expect(teacherSession.staff.position).toBe('');
    expect(teacherSession.kindergarten.head).toEqual({ fullName: 'Серикова Айгерим', position: 'Заведующая' });

    const audit = await database.db.query<{ action: string; details: { operator: string; login?: string } }>(
      `select action, details from audit_log where action like 'admin.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'admin.kindergarten:create',
      'admin.kindergarten:list',
      'admin.kindergarten:list',
      'admin.staff:create',
      'admin.staff:set-position',
      'admin.staff:list',
      'admin.staff:create',
    ]);
    expect(audit[3]?.details).toEqual({
      operator: 'test-operator',
      login: 'aigerim.s',
      role: 'head',
      position: 'И. о. заведующей',
    });
    expect(audit[4]?.details).toEqual({ operator: 'test-operator', login: 'aigerim.s', position: 'Заведующая' });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('explains what is wrong, exits non-zero and changes nothing', async () => {
    const before = await database.db.query('select count(*)::int as n from kindergartens');
    const unknownCity = await admin('kindergarten:create', '--name-ru', 'А', '--name-kk', 'Ә', '--city', 'atlantis');
    expect(unknownCity).toMatchObject({ code: 1 });
    expect(unknownCity.errorText()).toContain('unknown city "atlantis"; known cities: petropavl');
    const missing = await admin('kindergarten:create', '--name-ru', 'А', '--city', 'petropavl');
    expect(missing.code).toBe(2);
    expect(missing.errorText()).toMatch(/missing --name-kk[\s\S]*kindergarten:create --help/);
    expect((await admin('kindergarten:list', '--colour', 'red')).code).toBe(2);
    expect(
      (await admin('staff:create', '--kindergarten', 'nope', '--login', 'x1x', '--full-name', 'X', '--role', 'head'))
        .code,
    ).toBe(2);
    expect(
      (
        await admin(
          'staff:create',
          '--kindergarten',
          demoKindergarten.id,
          '--login',
          'y1y',
          '--full-name',
          'Y',
          '--role',
          'boss',
        )
      ).code,
    ).toBe(2);
    const taken = await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'HEAD',
      '--full-name',
      'Z',
      '--role',
      'staff',
    );
    expect(taken.code).toBe(1);
    expect(taken.errorText()).toContain('the login "HEAD" is taken');
    const longPosition = await admin('staff:set-position', '--login', 'head', '--position', 'я'.repeat(201));
    expect(longPosition.code).toBe(2);
    expect(longPosition.errorText()).toContain('--position is at most 200 characters');
    const twoLines = await admin('staff:set-position', '--login', 'head', '--position', 'Заведующая\nи т. д.');
    expect(twoLines.code).toBe(2);
    expect(twoLines.errorText()).toContain('--position must be one line of text');
    expect((await admin('staff:set-position', '--login', 'head')).errorText()).toContain('--position is required');
    expect(await database.db.query(`select position from staff where login = 'head'`)).toEqual([{ position: '' }]);
    expect(await database.db.query('select count(*)::int as n from kindergartens')).toEqual(before);

    const unknown = await admin('staff:promote');
    expect(unknown.code).toBe(2);
    expect(unknown.errorText()).toContain('Unknown command "staff:promote"');
    const help = await admin('queue:import', '--help');
    expect(help.code).toBe(0);
    expect(help.text()).toContain('--dry-run');
    const overview = await admin('--help');
    expect(overview.text()).toMatch(/staff:reset-password\s+set a new password/);
  });

  it('takes a password from standard input instead of generating one', async () => {
    stdin = 'correct-horse-battery\n';
    const created = await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'olga.p',
      '--full-name',
      'Петрова Ольга',
      '--role',
      'staff',
      '--password-stdin',
    );
    expect(created.code).toBe(0);
    expect(passwordIn(created.lines)).toBe('');
    expect((await loginAs(server.url, 'olga.p', 'correct-horse-battery')).token).toBeTruthy();
    stdin = 'short\n';
    const tooShort = await admin('staff:reset-password', '--login', 'olga.p', '--password-stdin');
    expect(tooShort.code).toBe(1);
    expect(tooShort.errorText()).toContain('10 to 200 characters');
  });

  it('resets a password: the old one stops working and every device is signed out', async () => {
    stdin = 'first-password-123\n';
    await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'reset.me',
      '--full-name',
      'Р',
      '--role',
      'staff',
      '--password-stdin',
    );
    const { token } = await loginAs(server.url, 'reset.me', 'first-password-123');
    expect(await sessionStatus(token)).toBe(200);

    const reset = await admin('staff:reset-password', '--login', 'reset.me');
    expect(reset.code).toBe(0);
    expect(reset.text()).toContain('1 device session(s) signed out');
    await loginFails('reset.me', 'first-password-123');
    expect(await sessionStatus(token)).toBe(401);
    expect((await loginAs(server.url, 'reset.me', passwordIn(reset.lines))).token).toBeTruthy();
  });

  it('lists and revokes device sessions: a revoked token is refused at once', async () => {
    stdin = 'device-password-123\n';
    await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'two.pcs',
      '--full-name',
      'Д',
      '--role',
      'staff',
      '--password-stdin',
    );
    const first = await loginAs(server.url, 'two.pcs', 'device-password-123');
    const second = await loginAs(server.url, 'two.pcs', 'device-password-123');
    const listed = JSON.parse((await admin('device:list', '--login', 'two.pcs', '--json')).text()) as Array<{
      id: string;
      status: string;
    }>;
    expect(listed.map((d) => d.status)).toEqual(['active', 'active']);
    const [firstSession] = await database.db.query<{ id: string }>(
      'select id from device_sessions where token_hash = $1',
      [hashToken(first.token)],
    );

    expect((await admin('device:revoke', '--session', firstSession!.id)).code).toBe(0);
    expect(await sessionStatus(first.token)).toBe(401);
    expect(await sessionStatus(second.token)).toBe(200);
    const again = await admin('device:revoke', '--session', firstSession!.id);
    expect(again.code).toBe(1);
    expect(again.errorText()).toContain('already revoked');
    expect((await admin('device:revoke', '--session', randomUUID())).code).toBe(1);
    expect((await admin('device:revoke', '--login', 'two.pcs')).code).toBe(2);

    const all = await admin('device:revoke', '--login', 'two.pcs', '--all');
    expect(all.text()).toContain('Revoked 1 device session(s) of two.pcs');
    expect(await sessionStatus(second.token)).toBe(401);
    const after = JSON.parse((await admin('device:list', '--login', 'two.pcs', '--json')).text()) as Array<{
      status: string;
    }>;
    expect(after.map((d) => d.status)).toEqual(['revoked', 'revoked']);
  });

  it('lists a session past its end as expired, at the CLI clock, with its instants as ISO text', async () => {
    stdin = 'device-password-123\n';
    await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'old.pc',
      '--full-name',
      'Д',
      '--role',
      'staff',
      '--password-stdin',
    );
    const session = await loginAs(server.url, 'old.pc', 'device-password-123');
    const ends = new Date(new Date(now).getTime() - 1);
    const [stored] = await database.db.query<{ created_at: Date }>(
      'update device_sessions set expires_at = $2 where token_hash = $1 returning created_at',
      [hashToken(session.token), ends],
    );
    const listed = JSON.parse((await admin('device:list', '--login', 'old.pc', '--json')).text()) as Array<{
      status: string;
      signed_in: string;
      expires: string;
    }>;
    expect(listed).toEqual([
      expect.objectContaining({
        status: 'expired',
        expires: ends.toISOString(),
        signed_in: new Date(stored!.created_at).toISOString(),
      }),
    ]);
    await database.db.query('update device_sessions set expires_at = $2 where token_hash = $1', [
      hashToken(session.token),
      new Date(now),
    ]);
    const atEnd = JSON.parse((await admin('device:list', '--login', 'old.pc', '--json')).text()) as Array<{
      status: string;
    }>;
    expect(atEnd.map((d) => d.status)).toEqual(['expired']);
  });

  it('disables an account so that it can no longer sign in', async () => {
    stdin = 'leaving-password-1\n';
    await admin(
      'staff:create',
      '--kindergarten',
      demoKindergarten.id,
      '--login',
      'leaves',
      '--full-name',
      'У',
      '--role',
      'staff',
      '--password-stdin',
    );
    expect((await admin('staff:disable', '--login', 'leaves')).code).toBe(0);
    await loginFails('leaves', 'leaving-password-1');
    expect((await admin('staff:disable', '--login', 'leaves')).code).toBe(1);
    const staff = JSON.parse(
      (await admin('staff:list', '--kindergarten', demoKindergarten.id, '--json')).text(),
    ) as Array<{
      login: string;
      status: string;
    }>;
    expect(staff.find((s) => s.login === 'leaves')?.status).toBe('disabled');
    expect(staff.find((s) => s.login === 'head')?.status).toBe('active');
  });

  describe('queue import', () => {
    it('imports every row in one go, reading city time and normalizing phones', async () => {
      const [second] = await database.db.query<{ id: string }>(
        `select id from kindergartens where city_id = 'petropavl' and id <> $1 limit 1`,
        [demoKindergarten.id],
      );
      const file = queueFile('queue.csv', [
        applicant({ parent_login: 'dinara.n', parent_password: 'parent-pass-1' }, 1),
        applicant(
          {
            iin: makeIin('2023-01-09', 'male', 7),
            last_name: 'Иванов',
            first_name: 'Марк',
            middle_name: '',
            birth_date: '2023-01-09',
            language: 'ru',
            priority: 'out_of_turn',
            applied_at: '2023-02-01T08:15:00+05:00',
            choices: `${second!.id}; ${demoKindergarten.id}`,
            representative_phone: '8 (777) 000-11-22',
          },
          7,
        ),
      ]);
      const result = await admin('queue:import', '--city', 'petropavl', '--file', file);
      expect(result.code).toBe(0);
      expect(result.lines).toEqual([
        'row 2: created ••••••••' + makeIin('2022-03-14', 'female', 1).slice(8),
        'row 3: created ••••••••' + makeIin('2023-01-09', 'male', 7).slice(8),
        'Imported 2 applicants into petropavl: 2 created, 0 updated.',
      ]);
      const rows = await database.db.query<{
        iin: string;
        applied_at: Date;
        choices: string[];
        representative_phone: string;
        login: string | null;
        password_hash: string | null;
        priority: string;
      }>(
        `select iin, applied_at, choices, representative_phone, login, password_hash, priority from applicants order by birth_date`,
      );
      expect(rows.map((r) => [new Date(r.applied_at).toISOString(), r.representative_phone, r.priority])).toEqual([
        // Kazakhstan's clocks were at UTC+6 until 1 March 2024: 09:30 then was 03:30 UTC.
        ['2022-04-01T03:30:00.000Z', '+77051234567', 'general'],
        ['2023-02-01T03:15:00.000Z', '+77770001122', 'out_of_turn'],
      ]);
      expect(rows[1]?.choices).toEqual([second!.id, demoKindergarten.id]);
      expect(rows[0]?.login).toBe('dinara.n');
      expect(await verifyPassword('parent-pass-1', rows[0]!.password_hash!)).toBe(true);
      expect(rows[1]?.login).toBeNull();
    });

    it('reports every bad row by row, column and reason, and imports nothing', async () => {
      const before = await countApplicants();
      const good = makeIin('2021-11-30', 'male', 40);
      const badCheckDigit = good.slice(0, 11) + ((Number(good[11]) + 1) % 10);
      const file = queueFile('bad.csv', [
        applicant({ iin: makeIin('2021-06-01', 'male', 41), birth_date: '2021-06-01' }, 41),
        applicant({ iin: badCheckDigit, birth_date: '2021-11-30' }),
        applicant({ iin: makeIin('2021-11-30', 'male', 42), birth_date: '2021-12-01' }),
        applicant({ iin: makeIin('2021-11-30', 'male', 43), birth_date: '2021-11-30', choices: randomUUID() }),
        applicant({ iin: makeIin('2021-11-30', 'male', 44), birth_date: '2021-11-30', priority: 'vip' }),
        applicant({
          iin: makeIin('2021-11-30', 'male', 45),
          birth_date: '2021-11-30',
          choices: Array.from({ length: 5 }, () => demoKindergarten.id).join(';'),
        }),
        applicant({ iin: makeIin('2021-06-01', 'male', 41), birth_date: '2021-06-01' }),
        applicant({ iin: makeIin('2021-11-30', 'male', 46), birth_date: '2021-11-30', applied_at: '2021-11-29 10:00' }),
      ]);
      const result = await admin('queue:import', '--city', 'petropavl', '--file', file);
      expect(result.code).toBe(1);
      const errors = result.errors;
      expect(errors).toContain('row 3, iin: the check digit (12th) does not match');
      expect(errors).toContain('row 4, birth_date: does not match the IIN, which gives 2021-11-30');
      expect(errors.find((e) => e.startsWith('row 5, choices:'))).toMatch(/is not a kindergarten of petropavl/);
      expect(errors).toContain('row 6, priority: must be out_of_turn, first or general');
      expect(errors).toContain("row 7, choices: lists 1 to 4 kindergarten ids separated by ';' (this row has 5)");
      expect(errors).toContain('row 8, iin: repeats row 2');
      expect(errors).toContain('row 9, applied_at: is before the child was born');
      expect(errors.some((e) => e.startsWith('row 2'))).toBe(false);
      expect(errors.at(-1)).toMatch(/in 7 row\(s\); nothing was imported/);
      expect(result.lines).toEqual([]);
      expect(await countApplicants()).toBe(before);
    });

    it('checks a file without writing on --dry-run', async () => {
      const before = await countApplicants();
      const file = queueFile('dry.csv', [
        applicant(
          { iin: makeIin('2024-02-29', 'male', 3), birth_date: '2024-02-29', applied_at: '2024-03-05 12:00' },
          3,
        ),
      ]);
      const result = await admin('queue:import', '--city', 'petropavl', '--file', file, '--dry-run');
      expect(result.code).toBe(0);
      expect(result.text()).toMatch(
        /row 2: would be created ••••••••\d{4}\nDry run: all 1 rows are valid; 1 would be created, 0 updated/,
      );
      expect(await countApplicants()).toBe(before);
      const [audit] = await database.db.query<{ details: Record<string, unknown> }>(
        `select details from audit_log where action = 'admin.queue:import' order by id desc limit 1`,
      );
      expect(audit?.details).toMatchObject({ dryRun: true, created: 1, file: 'dry.csv' });
    });

    it('updates an applicant already in the queue with the same IIN', async () => {
      const before = await countApplicants();
      const file = queueFile('again.csv', [
        applicant({ priority: 'first', last_name: 'Нурланова-Ким', representative_phone: '' }, 1),
        applicant(
          {
            iin: makeIin('2022-08-08', 'male', 9),
            birth_date: '2022-08-08',
            applied_at: '2022-08-20T10:00:00Z',
            first_name: 'Тимур',
          },
          9,
        ),
      ]);
      const result = await admin('queue:import', '--city', 'petropavl', '--file', file);
      expect(result.code).toBe(0);
      expect(result.lines.at(-1)).toBe('Imported 2 applicants into petropavl: 1 created, 1 updated.');
      expect(result.lines[0]).toMatch(/^row 2: updated /);
      expect(await countApplicants()).toBe((before ?? 0) + 1);
      const [updated] = await database.db.query<{ child_last_name: string; priority: string; login: string }>(
        'select child_last_name, priority, login from applicants where iin = $1',
        [makeIin('2022-03-14', 'female', 1)],
      );
      // A re-import without parent credentials keeps the account the parent already has.
      expect(updated).toEqual({ child_last_name: 'Нурланова-Ким', priority: 'first', login: 'dinara.n' });

      const clash = await admin(
        'queue:import',
        '--city',
        'petropavl',
        '--file',
        queueFile('clash.csv', [
          applicant({
            iin: makeIin('2022-08-09', 'male', 5),
            birth_date: '2022-08-09',
            applied_at: '2022-09-01 10:00',
            parent_login: 'DINARA.N',
            parent_password: 'another-pass',
          }),
        ]),
      );
      expect(clash.errors).toContain('row 2, parent_login: is taken by another applicant');
    });

    it('refuses a header with a missing or unknown column, and a file it cannot read', async () => {
      const file = join(dir, 'header.csv');
      writeFileSync(file, 'iin;surname;birth_date\n1;2;3\n');
      const result = await admin('queue:import', '--city', 'petropavl', '--file', file);
      expect(result.code).toBe(1);
      expect(result.errors).toContain(
        'row 1, surname: is not a known column (known: iin, last_name, first_name, middle_name, birth_date, language, priority, applied_at, choices, representative_full_name, representative_phone, parent_login, parent_password)',
      );
      expect(result.errors).toContain('row 1, last_name: is missing from the header');
      const missing = await admin('queue:import', '--city', 'petropavl', '--file', join(dir, 'nope.csv'));
      expect(missing.errorText()).toContain('ENOENT');
    });
  });

  describe('schedule approval', () => {
    async function entry(status: string): Promise<string> {
      const id = randomUUID();
      await database.db.query(
        `insert into schedule_entries (id, kindergarten_id, birth_year, language, seats, available_from, status, submitted_at, updated_at)
         values ($1, $2, 2021, 'kk', 5, '2026-09-01', $3, case when $3 = 'draft' then null else now() end, now())`,
        [id, demoKindergarten.id, status],
      );
      return id;
    }
    const statusOf = async (id: string) =>
      (
        await database.db.query<{ status: string; decided_at: Date | null; decision_note: string }>(
          'select status, decided_at, decision_note from schedule_entries where id = $1',
          [id],
        )
      )[0];

    it('approves or rejects only a submitted entry, stamping the decision with the clock', async () => {
      const [draft, toApprove, toReject] = [await entry('draft'), await entry('submitted'), await entry('submitted')];
      const listed = JSON.parse(
        (await admin('schedule:list', '--kindergarten', demoKindergarten.id, '--status', 'submitted', '--json')).text(),
      ) as Array<{
        id: string;
        available_from: string;
      }>;
      expect(listed.map((e) => e.id).sort()).toEqual([toApprove, toReject].sort());
      expect(listed[0]?.available_from).toBe('2026-09-01');

      expect((await admin('schedule:approve', '--entry', toApprove, '--note', 'Согласовано')).code).toBe(0);
      expect(await statusOf(toApprove)).toEqual({ status: 'approved', decided_at: now, decision_note: 'Согласовано' });
      const twice = await admin('schedule:approve', '--entry', toApprove);
      expect(twice.code).toBe(1);
      expect(twice.errorText()).toContain(
        `schedule entry ${toApprove} is approved; only a submitted entry can be approved`,
      );

      const draftRejected = await admin('schedule:reject', '--entry', draft, '--note', 'Нет');
      expect(draftRejected.code).toBe(1);
      expect(draftRejected.errorText()).toContain('is draft; only a submitted entry can be rejected');
      expect((await admin('schedule:reject', '--entry', toReject)).code).toBe(2);
      expect((await admin('schedule:reject', '--entry', toReject, '--note', 'Группа переполнена')).code).toBe(0);
      expect(await statusOf(toReject)).toMatchObject({ status: 'rejected', decision_note: 'Группа переполнена' });
      expect((await admin('schedule:approve', '--entry', randomUUID())).errorText()).toContain('no schedule entry');
      expect(await statusOf(draft)).toMatchObject({ status: 'draft', decided_at: null });
    });
  });
});

describe('the admin CLI as a process', () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'kg-cli-process-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on the embedded database of DATA_DIR and records who ran it', async () => {
    const dataDir = join(dir, 'pglite');
    const template = await readFile(inject('pgliteTemplate'));
    const db = await openPglite({ dataDir, loadDataDir: new Blob([template]) });
    await seedDemo(db, systemClock);
    await db.close();

    const { DATABASE_URL: _, ...env } = process.env;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'kindergarten:list'],
      { cwd: repoRoot, env: { ...env, DATA_DIR: dataDir, ADMIN_OPERATOR: 'process-test' } },
    );
    expect(stdout).toContain(demoKindergarten.id);
    expect(stdout).toContain(demoKindergarten.nameRu);

    const reopened = await openPglite({ dataDir });
    const [audit] = await reopened.query<{ details: { operator: string } }>(
      `select details from audit_log where action = 'admin.kindergarten:list'`,
    );
    await reopened.close();
    expect(audit?.details.operator).toBe('process-test');
  });

  it('refuses a DATA_DIR without a database, and one the server has open', async () => {
    await expect(openCliDatabase({ databaseUrl: undefined, dataDir: join(dir, 'nothing') })).rejects.toThrow(
      /There is no database in/,
    );
    const open = join(dir, 'open');
    mkdirSync(open);
    writeFileSync(join(open, 'PG_VERSION'), '17\n');
    writeFileSync(join(open, 'postmaster.pid'), '-42\n');
    await expect(openCliDatabase({ databaseUrl: undefined, dataDir: open })).rejects.toThrow(/stop the server first/);
  });
});
