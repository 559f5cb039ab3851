import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AdjustableClock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { ChangeHub } from '../../server/events/change-hub.js';
import { buildApp } from '../../server/http/app.js';
import type { AppDeps } from '../../server/http/deps.js';
import { parentPageRoutes } from '../../server/http/routes/parent-page.js';
import { parentScheduleRoutes } from '../../server/http/routes/parent-schedule.js';
import { testLogging } from './test-logging.js';

export interface DemoServer {
  url: string;
  db: Db;
  clock: AdjustableClock;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The central server's app on a free port with the demo's parent page and schedule routes — added
 * here when app.ts does not register them (yet) — over a database the caller seeded and closes;
 * with the built staff app at / when asked (`serveRenderer`).
 */
export async function startDemoServer(
  db: Db,
  options: { clock?: AdjustableClock; serveRenderer?: boolean; heartbeatMs?: number } = {},
): Promise<DemoServer> {
  const clock = options.clock ?? new AdjustableClock();
  const hub = new ChangeHub();
  await hub.start(db);
  const deps: AppDeps = {
    db,
    clock,
    hub,
    config: {
      sessionTtlMs: 30 * 24 * 3600 * 1000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      rendererDir: options.serveRenderer ? resolve('out/renderer') : null,
    },
  };
  const app = await buildApp(deps, testLogging());
  if (!app.hasRoute({ method: 'GET', url: '/parent/' })) parentPageRoutes(app);
  if (!app.hasRoute({ method: 'GET', url: '/api/parent/schedule' })) parentScheduleRoutes(app, deps);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    clock,
    app,
    async close() {
      await app.close();
      await hub.stop();
    },
  };
}
