import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Checkpoint } from '../../shared/replication/protocol.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { ChangeHub } from '../events/change-hub.js';
import {
  headCheckpoint,
  pullChanges,
  type CollectionPolicy,
  type CollectionRegistry,
  type Doc,
  type PullPage,
  type Wire,
} from './core.js';

/** One message on the event stream (`data: <json>` per Server-Sent Event). */
export type StreamEvent =
  | { type: 'changes'; collection: string; documents: Wire[]; checkpoint: Checkpoint }
  | { type: 'resync'; heartbeatMs: number }
  | { type: 'heartbeat'; serverTime: string };

export interface StreamOptions {
  db: Db;
  clock: Clock;
  hub: ChangeHub;
  heartbeatMs: number;
  collections: CollectionRegistry;
}

const PAGE = 200;
/** A notified change may still hide behind an older open transaction: look again after 25, 100, 400, 1600 ms. */
const RETRIES = 4;

/**
 * The event streams of one server: one per connected replica. Each sends `resync` first (the
 * replica pulls what it missed, and learns the heartbeat period), then `changes` of its
 * kindergarten as they commit — read with the same commit-safe pull as /pull, from the stream's
 * own cursor — and a `heartbeat`, so a replica behind a buffering proxy notices silence.
 */
export class EventStreams {
  readonly #open = new Set<ServerResponse>();
  /**
   * Pulls in flight, shared: every stream of a kindergarten woken by the same commit asks for the
   * same page from the same cursor, so one query (and one serialized event) serves them all — but
   * only a pull that started after the waking notification arrived may serve it: one that started
   * before may not see that commit yet.
   */
  readonly #inflight = new Map<string, { after: number; pull: Promise<{ page: PullPage; line: string }> }>();

  constructor(private readonly options: StreamOptions) {}

  get size(): number {
    return this.#open.size;
  }

  /** Ends every open stream (the server is closing; replicas reconnect elsewhere). */
  endAll(): void {
    for (const raw of this.#open) raw.end();
  }

  /** A pull from `cursor`, shared with a pull in flight that started after notification `since`. */
  #sharedPull(
    name: string,
    policy: CollectionPolicy<Doc>,
    kindergartenId: string,
    cursor: Checkpoint | null,
    since: number,
  ) {
    const key = `${kindergartenId}|${name}|${cursor?.txid ?? ''}|${cursor?.seq ?? ''}`;
    const shared = this.#inflight.get(key);
    if (shared && shared.after >= since) return shared.pull;
    const entry = {
      after: this.options.hub.notified,
      pull: pullChanges(this.options.db, policy, kindergartenId, cursor, PAGE)
        .then((page) => ({
          page,
          line: page.checkpoint
            ? `data: ${JSON.stringify({ type: 'changes', collection: name, documents: page.documents, checkpoint: page.checkpoint })}\n\n`
            : '',
        }))
        .finally(() => {
          if (this.#inflight.get(key) === entry) this.#inflight.delete(key);
        }),
    };
    this.#inflight.set(key, entry);
    return entry.pull;
  }

  async open(reply: FastifyReply, kindergartenId: string): Promise<void> {
    const { db, clock, hub, heartbeatMs, collections } = this.options;
    const cursors = new Map<string, Checkpoint | null>();
    await Promise.all(
      [...collections].map(async ([name, { policy }]) =>
        cursors.set(name, await headCheckpoint(db, policy, kindergartenId)),
      ),
    );
    reply.hijack();
    const raw = reply.raw;
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) return; // the replica left meanwhile
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: StreamEvent) => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    send({ type: 'resync', heartbeatMs });

    // One queue per collection: each has its own cursor, so a slow read of one collection never
    // holds back another's change (a claim's referral waited behind the previous claim's seats).
    const queues = new Map<string, Promise<void>>();
    // A drain waiting to start per collection: the latest notification it answers, and how many
    // re-looks it has left (a notification merged into a heartbeat's drain keeps its own).
    const pending = new Map<string, { since: number; attempt: number }>();
    const drain = (name: string, attempt = 0, since = 0) => {
      const spec = collections.get(name);
      if (!spec) return;
      const waiting = pending.get(name);
      if (waiting) {
        pending.set(name, { since: Math.max(waiting.since, since), attempt: Math.min(waiting.attempt, attempt) });
        return;
      }
      pending.set(name, { since, attempt });
      const queue = (queues.get(name) ?? Promise.resolve()).then(async () => {
        const { since: after, attempt: tries } = pending.get(name) ?? { since: 0, attempt };
        pending.delete(name);
        if (raw.destroyed) return;
        try {
          let sent = 0;
          for (;;) {
            const { page, line } = await this.#sharedPull(
              name,
              spec.policy,
              kindergartenId,
              cursors.get(name) ?? null,
              after,
            );
            if (page.documents.length === 0 || !page.checkpoint) break;
            cursors.set(name, page.checkpoint);
            sent += page.documents.length;
            if (!raw.destroyed && !raw.writableEnded) raw.write(line);
            if (page.documents.length < PAGE) break;
          }
          if (sent === 0 && tries < RETRIES) setTimeout(() => drain(name, tries + 1), 25 * 4 ** tries).unref();
        } catch {
          // The replica pulls from its own checkpoint: nothing is lost.
          send({ type: 'resync', heartbeatMs });
        }
      });
      queues.set(name, queue);
    };

    const unsubscribe = hub.subscribe(kindergartenId, (name, notification) => drain(name, 0, notification));
    // What committed between reading the head and subscribing was notified to nobody: look once.
    const subscribedAt = hub.notified;
    for (const name of collections.keys()) drain(name, RETRIES, subscribedAt);
    const heartbeat = setInterval(() => {
      send({ type: 'heartbeat', serverTime: clock.now().toISOString() });
      // A notification lost with a dropped LISTEN connection is caught up here.
      for (const name of collections.keys()) drain(name, RETRIES);
    }, heartbeatMs);
    this.#open.add(raw);
    raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.#open.delete(raw);
    });
  }
}
