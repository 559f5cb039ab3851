import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { schemaVersion } from '../../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { route } from '../route.js';

export function healthRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  route(app, deps, {
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness: the process answers, with the server clock',
    tag: 'operations',
    auth: 'none',
    tenancy: 'public',
    response: z.object({ status: z.literal('ok'), serverTime: z.string() }),
    handler: async () => ({ status: 'ok', serverTime: clock.now().toISOString() }),
  });
  route(app, deps, {
    method: 'GET',
    url: '/api/ready',
    summary: 'Readiness: the database answers and is migrated (503 otherwise)',
    tag: 'operations',
    auth: 'none',
    tenancy: 'public',
    response: z.object({
      status: z.literal('ready'),
      database: z.enum(['pglite', 'postgres']),
      schemaVersion: z.number(),
    }),
    handler: async ({ reply }) => {
      try {
        return { status: 'ready', database: db.kind, schemaVersion: await schemaVersion(db) };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: db.kind });
      }
    },
  });
}
