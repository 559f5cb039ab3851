import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  REPLICATION_VERSION,
  checkpointOfQuery,
  checkpointSchema,
  pullQuerySchema,
  pushBodySchema,
} from '../../../shared/replication/protocol.js';
import { recordSync } from '../../auth/sessions.js';
import { catchUpTime } from '../../intake/scheduler.js';
import { pullChanges } from '../../replication/core.js';
import { productionCollections } from '../../replication/registry.js';
import { EventStreams } from '../../replication/stream.js';
import type { AppDeps } from '../deps.js';
import { sendInvalid } from '../errors.js';
import { authOf } from '../require-session.js';
import { route } from '../route.js';

const base = `/api/replication/v${REPLICATION_VERSION}`;

const collectionParams = z.object({ collection: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/) });
const pullQuery = pullQuerySchema
  .refine((q) => (q.txid === undefined) === (q.seq === undefined), { message: 'a checkpoint is txid and seq together' })
  .refine((q) => q.upTo === undefined || (q.snapshot !== undefined && q.txid !== undefined), {
    message: 'a checkpoint with upTo has a snapshot, txid and seq',
    path: ['upTo'],
  })
  .refine((q) => q.snapshot === undefined || q.txid !== undefined, {
    message: 'a checkpoint with a snapshot has txid and seq',
    path: ['snapshot'],
  });
const pullResponse = z.object({
  documents: z.array(z.record(z.string(), z.unknown())),
  checkpoint: checkpointSchema.nullable(),
});

/**
 * RxDB's replication protocol over HTTP, for every collection of the registry (deps.collections,
 * the production registry by default): pull from a snapshot checkpoint, push as the
 * collection's policy allows (commands: executed once; read models: refused), and one event
 * stream per replica. The protocol version is in the URL; any other version answers 426.
 */
export function replicationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, hub, config } = deps;
  const collections = deps.collections ?? productionCollections;
  const streams = new EventStreams({ db, clock, hub, heartbeatMs: config.heartbeatMs, collections });
  app.addHook('preClose', async () => streams.endAll());

  // Any other protocol version: the app is outdated (or newer than the server) and must update.
  app.all('/api/replication/:version/*', async (request, reply) => {
    const { version } = request.params as { version: string };
    if (version === `v${REPLICATION_VERSION}`) return reply.code(404).send({ error: 'not_found' });
    return reply.code(426).send({
      error: 'upgrade_required',
      message: `This server speaks replication v${REPLICATION_VERSION}; update the app.`,
      serverVersion: REPLICATION_VERSION,
    });
  });

  const unknown = (name: string) => ({ error: 'unknown_collection', message: `No collection "${name}".` });

  route(app, deps, {
    method: 'GET',
    url: `${base}/:collection/pull`,
    summary: 'Changes after a checkpoint, by snapshot (a late-committing transaction is never skipped, nor waited for)',
    tag: 'replication',
    auth: 'staff',
    tenancy: 'session',
    params: collectionParams,
    query: pullQuery,
    response: pullResponse,
    handler: async ({ params, query, request, reply }) => {
      const spec = collections.get(params.collection);
      if (!spec) return reply.code(404).send(unknown(params.collection));
      const checkpoint = checkpointOfQuery(query);
      // What time decided is written before it is read: a replica never waits for the scheduler.
      const now = clock.now();
      await catchUpTime(db, now);
      const pulled = await pullChanges(db, spec.policy, authOf(request).kindergartenId, checkpoint, query.limit);
      await recordSync(db, authOf(request).sessionId, now);
      return pulled;
    },
  });

  route(app, deps, {
    method: 'POST',
    url: `${base}/:collection/push`,
    summary: 'Pushes documents; answers the master states of the conflicting ones (commands: every outcome)',
    tag: 'replication',
    auth: 'staff',
    tenancy: 'session',
    params: collectionParams,
    body: pushBodySchema,
    response: z.array(z.record(z.string(), z.unknown())),
    bodyLimit: 1024 * 1024,
    handler: async ({ params, body, request, reply }) => {
      const spec = collections.get(params.collection);
      if (!spec) return reply.code(404).send(unknown(params.collection));
      if (!spec.push) {
        return reply
          .code(405)
          .header('allow', '')
          .send({
            error: 'read_only_collection',
            message: `"${params.collection}" is a read-only collection: changes are made by pushing commands.`,
          });
      }
      // Commands are decided on what time has decided (an expired referral's republished seat exists).
      await catchUpTime(db, clock.now());
      const result = await spec.push({ db, clock, auth: authOf(request) }, body);
      return result.ok ? result.conflicts : sendInvalid(reply, result.invalid, 'body');
    },
  });

  route(app, deps, {
    method: 'GET',
    url: `${base}/stream`,
    summary: 'Server-Sent Events: resync first, then changes of the kindergarten as they commit, and heartbeats',
    tag: 'replication',
    auth: 'staff',
    tenancy: 'session',
    handler: async ({ request, reply }) => {
      // HEAD (Fastify answers it with this handler) is the stream's head only: no subscription.
      if (request.method === 'HEAD') return reply.header('content-type', 'text/event-stream').send();
      return streams.open(reply, authOf(request));
    },
  });
}
