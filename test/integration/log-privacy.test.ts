import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAccounts } from '../../server/demo/seed-kindergarten.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { makeApplicant } from '../support/intake-fixtures.js';
import { scanLogDir } from '../support/log-scan.js';
import { recordPersonalData, recordSecrets } from '../support/test-logging.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 17, point 3, the situations that used to leak: a statement that fails in the database with a
 * person's data among its parameters, and failed sign-ins. Its server logs at `trace` into a
 * directory of its own, which the last test scans (test/support/log-scan.ts) — inside the run's
 * log directory under `npm test`, whose final scan covers every other server's lines the same way.
 */
describe.each(databaseKinds)('what the logs are given on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let logs: string;
  const iinLogin = '150515650123';
  const nameLogin = 'Жумабаева Айгерим Серикқызы';

  beforeAll(async () => {
    const runDir = process.env.TEST_LOG_DIR;
    if (runDir) mkdirSync(runDir, { recursive: true });
    logs = mkdtempSync(join(runDir ?? tmpdir(), 'log-privacy-'));
    database = await openTestDatabase(kind);
    server = await startTestServer(database.db, { logDir: logs });
    await makeApplicant(database.db, {
      birthDate: '2024-01-01',
      appliedAt: '2025-01-01T00:00:00Z',
      login: 'privacy-parent',
      password: 'pw-secret-777',
    });
    recordSecrets(
      [
        { kind: 'iin', value: iinLogin },
        { kind: 'name', value: nameLogin },
        { kind: 'login', value: 'privacy-parent' },
        { kind: 'password', value: 'pw-secret-777' },
        { kind: 'password', value: 'wrong-secret-999' },
      ],
      logs,
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (!process.env.TEST_LOG_DIR) rmSync(logs, { recursive: true, force: true });
  });

  const signIn = (path: string, body: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers failed sign-ins with 401 (the login and password they carried are never logged)', async () => {
    expect((await signIn('/api/parent/login', { login: 'privacy-parent', password: 'wrong-secret-999' })).status).toBe(
      401,
    );
    expect((await signIn('/api/parent/login', { login: iinLogin, password: 'wrong-secret-999' })).status).toBe(401);
    const staff = await signIn('/api/auth/login', { login: nameLogin, password: 'wrong-secret-999', deviceId: 'd1' });
    expect(staff.status).toBe(401);
  });

  it('answers a statement the database fails with 500 and nothing of its parameters (the log line has none either)', async () => {
    // A real fault of the database under the sign-in statement, whose parameter is the login.
    await database.db.query('alter table staff rename to staff_away');
    try {
      const res = await signIn('/api/auth/login', {
        login: iinLogin,
        password: demoAccounts[0].password,
        deviceId: 'd1',
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain(iinLogin);
      expect(JSON.parse(text)).toMatchObject({ error: 'internal_error' });
    } finally {
      await database.db.query('alter table staff_away rename to staff');
    }
  });

  it('logged all of it at trace without a person’s data, a login, a password or a token in any line', async () => {
    await recordPersonalData(database.db, logs);
    const { lines, secrets, findings } = scanLogDir(logs);
    // Each request's start and end, the failed statement, the listening line: too few proves nothing.
    expect(lines).toBeGreaterThanOrEqual(10);
    expect(secrets).toBeGreaterThan(5);
    expect(findings.map(({ kind, line, masked }) => `${line}: ${kind} ${masked}`)).toEqual([]);
  });
});
