import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';

export function healthRoutes(app: FastifyInstance, { db, clock }: AppDeps) {
  /** Liveness: the process answers. */
  app.get('/api/health', async () => ({ status: 'ok', serverTime: clock.now().toISOString() }));
  /** Readiness: the database answers and is migrated. */
  app.get('/api/ready', async (_request, reply) => {
    try {
      const rows = await db.query<{ version: number }>('select max(version) as version from schema_migrations');
      return { status: 'ready', database: db.kind, schemaVersion: Number(rows[0]?.version ?? 0) };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.kind });
    }
  });
}
