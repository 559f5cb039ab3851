import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { newCommandSchema } from '../../../shared/commands/command.js';
import {
  REPLICATION_VERSION,
  pullQuerySchema,
  pushBodySchema,
  replicatedCollectionSchema,
  replicatedCollections,
  type Checkpoint,
  type ReplicatedCollection,
  type StreamMessage,
} from '../../../shared/replication/protocol.js';
import { executeCommand } from '../../commands/execute.js';
import { collectionPolicies } from '../../replication/collections.js';
import { headCheckpoint, pullChanges } from '../../replication/core.js';
import type { AppDeps } from '../deps.js';
import { sendInvalid } from '../errors.js';
import { authOf, requireSession } from '../require-session.js';

const base = `/api/replication/v${REPLICATION_VERSION}`;

export function replicationRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  const preHandler = requireSession(deps);

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

  app.get(`${base}/:collection/pull`, { preHandler }, async (request, reply) => {
    const collection = replicatedCollectionSchema.safeParse((request.params as { collection: string }).collection);
    if (!collection.success) return reply.code(404).send({ error: 'unknown_collection' });
    const query = pullQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const { txid, seq, limit } = query.data;
    const checkpoint = txid && seq ? { txid, seq } : null;
    return pullChanges(db, collectionPolicies[collection.data], authOf(request).kindergartenId, checkpoint, limit);
  });

  app.post(`${base}/commands/push`, { preHandler, bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const body = pushBodySchema.safeParse(request.body);
    if (!body.success) return sendInvalid(reply, body.error);
    const commands = [];
    for (const row of body.data) {
      const command = newCommandSchema.safeParse(row.newDocumentState);
      if (!command.success) return sendInvalid(reply, command.error);
      commands.push(command.data);
    }
    // Commands run one by one, in the order pushed; each outcome is the master state sent back,
    // so the replica learns it with no extra round trip.
    const outcomes = [];
    for (const command of commands) outcomes.push(await executeCommand(db, clock, authOf(request), command));
    return outcomes;
  });

  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });
  app.get(`${base}/stream`, { preHandler }, async (request, reply) =>
    openStream(deps, authOf(request).kindergartenId, reply, open),
  );
}

/**
 * One Server-Sent-Events stream per replica: RESYNC first (the replica pulls what it missed),
 * then the changes of its kindergarten as they commit, and a heartbeat so a replica behind a
 * buffering proxy notices silence and falls back to periodic pull.
 */
async function openStream(
  { db, clock, hub, config }: AppDeps,
  kindergartenId: string,
  reply: FastifyReply,
  open: Set<ServerResponse>,
) {
  const cursors = new Map<ReplicatedCollection, Checkpoint | null>();
  for (const name of replicatedCollections) {
    cursors.set(name, await headCheckpoint(db, collectionPolicies[name], kindergartenId));
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (message: StreamMessage) => raw.write(`data: ${JSON.stringify(message)}\n\n`);
  send({ type: 'resync', heartbeatMs: config.heartbeatMs });

  // Changes are read with the same commit-safe pull as /pull, from this stream's own cursor.
  // A notified change can still be hidden behind an older open transaction: retry a few times.
  let queue = Promise.resolve();
  const pending = new Set<ReplicatedCollection>();
  const drain = (collection: ReplicatedCollection, attempt = 0) => {
    if (pending.has(collection)) return;
    pending.add(collection);
    queue = queue.then(async () => {
      pending.delete(collection);
      if (raw.destroyed) return;
      try {
        let sent = 0;
        for (;;) {
          const page = await pullChanges(
            db,
            collectionPolicies[collection],
            kindergartenId,
            cursors.get(collection) ?? null,
            200,
          );
          if (page.documents.length === 0 || !page.checkpoint) break;
          cursors.set(collection, page.checkpoint);
          sent += page.documents.length;
          send({ type: 'changes', collection, documents: page.documents, checkpoint: page.checkpoint });
          if (page.documents.length < 200) break;
        }
        if (sent === 0 && attempt < 4) setTimeout(() => drain(collection, attempt + 1), 25 * 4 ** attempt).unref();
      } catch {
        send({ type: 'resync', heartbeatMs: config.heartbeatMs });
      }
    });
  };
  const unsubscribe = hub.subscribe(kindergartenId, (collection) => drain(collection));
  const heartbeat = setInterval(() => {
    send({ type: 'heartbeat', serverTime: clock.now().toISOString() });
    for (const name of replicatedCollections) drain(name, 4);
  }, config.heartbeatMs);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  open.add(raw);
  raw.on('close', () => {
    close();
    open.delete(raw);
  });
}
