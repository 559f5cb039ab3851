import { randomUUID } from 'node:crypto';
import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeDepartmentAccount } from '../support/department-client.js';
import { makeApplicant } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const MINUTE = 60_000;
type Who = 'staff' | 'parent' | 'department';

/**
 * Issue 17, points 4, 5 and 6: per-session limits keyed by the verified session (the header parsed
 * strictly), sign-in limited per account across addresses (staff, parent and department accounts),
 * and parents sign out on the server.
 */
describe.each(databaseKinds)('sessions and sign-in limits on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let serial = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    // Behind a proxy: X-Forwarded-For names the client, so a test can come from several addresses.
    server = await startTestServer(database.db, { trustProxy: true });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  async function parentAccount() {
    const login = `lim-${kind}-${++serial}`;
    const password = `pass-${serial}-secret`;
    await makeApplicant(database.db, { birthDate: '2024-05-05', appliedAt: '2025-01-01T00:00:00Z', login, password });
    return { login, password };
  }
  async function staffAccount() {
    const login = `lim-staff-${kind}-${++serial}`;
    const output = bufferOutput();
    const code = await runCli(
      [
        'staff:create',
        '--kindergarten',
        demoAccountsKindergarten(),
        '--login',
        login,
        '--full-name',
        'Т',
        '--role',
        'staff',
        '--password-stdin',
      ],
      {
        db: database.db,
        clock: server.clock,
        out: output.out,
        readStdin: async () => 'staff-password-1\n',
        operator: 't',
      },
    );
    expect(code).toBe(0);
    return { login, password: 'staff-password-1' };
  }
  async function departmentAccount() {
    const login = `lim-dept-${kind}-${++serial}`;
    const password = `dept-${serial}-secret`;
    await makeDepartmentAccount(database.db, { login, password });
    return { login, password };
  }
  const accountFor = (who: Who) =>
    who === 'staff' ? staffAccount() : who === 'parent' ? parentAccount() : departmentAccount();
  const demoAccountsKindergarten = () => '0191d2a0-0000-7000-8000-000000000001';

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const signIn = (who: Who, login: string, password: string, address: string) =>
    who === 'staff'
      ? post('/api/auth/login', { login, password, deviceId: 'limit-test' }, { 'x-forwarded-for': address })
      : post(`/api/${who}/login`, { login, password }, { 'x-forwarded-for': address });

  it('answers 401 to any spelling of the Authorization header but exactly "Bearer <token>"', async () => {
    const login = await post('/api/auth/login', {
      login: demoAccounts[0].login,
      password: demoAccounts[0].password,
      deviceId: 'spelling',
    });
    const { token } = (await login.json()) as { token: string };
    const status = async (authorization: string) =>
      (await fetch(`${server.url}/api/auth/session`, { headers: { authorization } })).status;
    expect(await status(`Bearer ${token}`)).toBe(200);
    for (const spelling of [`Bearer  ${token}`, `Bearer\t${token}`, `bearer ${token}`, `Bearer ${token}x!`]) {
      expect({ spelling, status: await status(spelling) }).toEqual({ spelling, status: 401 });
    }
  });

  it('keys the per-session claim limit by the verified session: no spelling of the header starts a fresh allowance', async () => {
    const account = await parentAccount();
    const parent = await parentSignIn(server.url, account.login, account.password);
    const claim = (authorization: string) =>
      post('/api/parent/claims', { publicationId: randomUUID() }, { authorization });
    for (let i = 0; i < 30; i++) expect((await claim(`Bearer ${parent.token}`)).status).not.toBe(429);
    expect((await claim(`Bearer ${parent.token}`)).status).toBe(429);
    // (fetch trims a header's leading and trailing blanks, as HTTP does: those never reach the server.)
    for (const spelling of [`Bearer  ${parent.token}`, `Bearer\t${parent.token}`, `bearer ${parent.token}`]) {
      expect({ spelling, status: (await claim(spelling)).status }).toEqual({ spelling, status: 401 });
    }
  });

  for (const who of ['staff', 'parent', 'department'] as const) {
    it(`lets at most 5 of 40 wrong passwords from 4 addresses reach the ${who} password check, and the real user in within 15 minutes after the attack`, async () => {
      const account = await accountFor(who);
      const addresses = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'];
      const attack = await Promise.all(
        Array.from({ length: 40 }, (_, i) => signIn(who, account.login, `wrong-${i}`, addresses[i % 4]!)),
      );
      const statuses = attack.map((r) => r.status);
      // 401: the password was checked (and wrong); 429: refused before any check.
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      const locked = attack.find((r) => r.status === 429)!;
      expect(await locked.json()).toMatchObject({ error: 'account_locked' });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Locked: even the right password is refused, from a fresh address.
      expect((await signIn(who, account.login, account.password, '198.51.100.7')).status).toBe(429);
      // The attack goes on for an hour, a few attempts a minute, from ever new addresses.
      let reachedCheck = 0;
      for (let minute = 0; minute < 60; minute += 2) {
        server.clock.advance(2 * MINUTE);
        const res = await signIn(who, account.login, 'still-wrong', `192.0.2.${minute + 1}`);
        if (res.status === 401) reachedCheck += 1;
      }
      expect(reachedCheck).toBeLessThanOrEqual(8);
      // The attack stops: 15 minutes later the real user signs in.
      server.clock.advance(15 * MINUTE);
      expect((await signIn(who, account.login, account.password, '198.51.100.8')).status).toBe(200);
      // …and the streak is over: one typo later costs no lock.
      expect((await signIn(who, account.login, 'typo', '198.51.100.8')).status).toBe(401);
      expect((await signIn(who, account.login, account.password, '198.51.100.8')).status).toBe(200);
    });

    const unlockCommand = who === 'department' ? 'department:unlock' : 'signin:unlock';
    it(`lets the department lift a ${who} lock from the admin CLI (${unlockCommand})`, async () => {
      const account = await accountFor(who);
      for (let i = 0; i < 6; i++) await signIn(who, account.login, 'wrong', `203.0.113.${50 + i}`);
      expect((await signIn(who, account.login, account.password, '203.0.113.60')).status).toBe(429);
      const output = bufferOutput();
      const code = await runCli([unlockCommand, '--login', account.login, ...(who === 'parent' ? ['--parent'] : [])], {
        db: database.db,
        clock: server.clock,
        out: output.out,
        readStdin: async () => '',
        operator: 't',
      });
      expect({ code, text: output.text() }).toMatchObject({ code: 0, text: expect.stringContaining('Unlocked') });
      expect((await signIn(who, account.login, account.password, '203.0.113.61')).status).toBe(200);
    });
  }

  it('signs a parent out on the server (the token stops working), and lets the department sign out every session of a parent', async () => {
    const account = await parentAccount();
    const one = await parentSignIn(server.url, account.login, account.password);
    const two = await parentSignIn(server.url, account.login, account.password);
    const three = await parentSignIn(server.url, account.login, account.password);
    expect((await one.referrals()).status).toBe(200);
    expect((await post('/api/parent/logout', {}, { authorization: `Bearer ${one.token}` })).status).toBe(200);
    expect((await one.referrals()).status).toBe(401);
    expect((await two.referrals()).status).toBe(200);
    const output = bufferOutput();
    const code = await runCli(['applicant:sign-out', '--login', account.login], {
      db: database.db,
      clock: server.clock,
      out: output.out,
      readStdin: async () => '',
      operator: 't',
    });
    expect({ code, text: output.text() }).toEqual({
      code: 0,
      text: `Signed out 2 parent session(s) of ${account.login}.`,
    });
    expect((await two.referrals()).status).toBe(401);
    expect((await three.referrals()).status).toBe(401);
    // The account is not blocked: the parent signs in again.
    expect((await (await parentSignIn(server.url, account.login, account.password)).referrals()).status).toBe(200);
  });
});
