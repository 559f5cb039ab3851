import type { SessionInfo } from '../../shared/auth.js';
import { resolve } from 'node:path';
import { AdjustableClock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { demoAccounts, seedDemo } from '../../server/demo/seed-kindergarten.js';
import { startServer } from '../../server/server.js';
import { recordPersonalData, recordSecret, testLogging } from './test-logging.js';

export interface TestServer {
  url: string;
  db: Db;
  clock: AdjustableClock;
  close(): Promise<void>;
}

/** The real central server on a free port, over the given database, with the demo kindergarten seeded. */
export async function startTestServer(
  db: Db,
  options: {
    heartbeatMs?: number;
    serveRenderer?: boolean;
    rendererDir?: string;
    trustProxy?: boolean;
    /** Log at `trace` into a file in this directory (else as test-logging.ts decides). */
    logDir?: string;
  } = {},
): Promise<TestServer> {
  const clock = new AdjustableClock();
  await seedDemo(db, clock);
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '',
      sessionTtlMs: 30 * 24 * 3600 * 1000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      rendererDir: options.rendererDir ?? (options.serveRenderer ? resolve('out/renderer') : null),
      ...testLogging(options.logDir),
      ...(options.trustProxy ? { trustProxy: true } : {}),
    },
    { db, clock },
  );
  return {
    url: server.url,
    db,
    clock,
    close: async () => {
      await recordPersonalData(db);
      await server.close();
    },
  };
}

export async function loginAs(
  url: string,
  login: string = demoAccounts[0].login,
  password: string = demoAccounts[0].password,
) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, deviceId: 'test-device' }),
  });
  recordSecret('password', password);
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const session = (await response.json()) as SessionInfo;
  recordSecret('token', session.token);
  return session;
}
