import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Checkpoint, StreamMessage } from '../../shared/replication/protocol.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { ChangeHub } from '../events/change-hub.js';
import { EVERY_RESPONSE_HEADERS } from '../http/security-headers.js';
import { catchUp } from './catch-up.js';
import {
  checkpointNow,
  pullChanges,
  type CollectionPolicy,
  type CollectionRegistry,
  type Doc,
  type PullPage,
  type Wire,
} from './core.js';

/** One message on the event stream: the shared protocol's, for any collection of the registry. */
export type StreamEvent = StreamMessage<string, Wire>;

export interface StreamOptions {
  db: Db;
  clock: Clock;
  hub: ChangeHub;
  heartbeatMs: number;
  collections: CollectionRegistry;
}

const PAGE = 200;
const line = (event: StreamEvent) => `data: ${JSON.stringify(event)}\n\n`;
const ENDED = line({ type: 'ended', reason: 'session' });

/**
 * One open stream: its response, whose session it serves, and per collection (by index in the
 * registry) its cursor and drain state — an array and three numbers, no closures, no timers of its
 * own (an idle stream's memory is measured: bench idle-streams).
 */
class OpenStream {
  /** Per collection: the checkpoint of what was sent (shared with the kindergarten's other streams while equal). */
  readonly cursors: Checkpoint[];
  /** Collections (bit i for collection i) with a drain running. */
  busy = 0;
  /** Collections with a drain waiting; `since`: the latest notification a waiting drain answers. */
  waiting = 0;
  since = 0;
  constructor(
    readonly raw: ServerResponse,
    readonly kindergartenId: string,
    /** `staffSession:<id>` and `staff:<id>`: the session ends whichever of them ends. */
    readonly keys: readonly [string, string],
    readonly expiresAt: number,
    cursors: Checkpoint[],
  ) {
    this.cursors = cursors;
  }

  get gone(): boolean {
    return this.raw.destroyed || this.raw.writableEnded;
  }

  write(text: string): void {
    if (!this.gone) this.raw.write(text);
  }
}

/**
 * Lets go of what Fastify keeps for a request until its response finishes: the request, the reply,
 * their child logger and route context, held by the response's 'finish' and 'error' listeners (its
 * onResponse step, which logs "request completed"). An idle stream's response finishes only when
 * the stream ends, so each stream would hold all of that for its whole life (measured: ~1 KiB of
 * heap per idle stream; bench idle-streams). A hijacked reply is ours to end; its end is logged by
 * no one.
 */
function forgetRequest(raw: ServerResponse): void {
  // A write racing the client's leaving may still fail: nothing to do then (the 'close' ends the
  // stream). Ours are added first, so removing Fastify's leaves each event's entry in place: a
  // deleted entry turns the emitter's listener table into a dictionary (~0.4 KiB a stream, measured).
  raw.on('error', ignore);
  raw.on('finish', ignore);
  for (const event of ['finish', 'error'] as const) {
    for (const listener of raw.listeners(event)) {
      if ((listener as { name?: string }).name === 'onResFinished') raw.off(event, listener as () => void);
    }
  }
}

function ignore(): void {}

/**
 * Node keeps a response's head, for the response's life, as the string it assembled it in: a
 * chain of some 30 concatenations (~0.7 KiB an idle stream, measured: bench idle-streams). Before
 * anything is written the head is replaced by the same text in one piece; Node sends it with the
 * first write and afterwards only asks whether there is one.
 */
function flattenHead(raw: ServerResponse): void {
  const head = raw as unknown as { _header?: unknown };
  if (typeof head._header === 'string') head._header = Buffer.from(head._header, 'latin1').toString('latin1');
}

/**
 * The event streams of one server process: one per connected replica. Each sends `resync` first
 * (the replica pulls what it missed, and learns the heartbeat period), then `changes` of its
 * kindergarten as they commit — read with the same pull as /pull, from the stream's
 * own cursor — and a `heartbeat`, so a replica behind a buffering proxy notices silence.
 *
 * Idle costs nothing per stream: a stream reads only when a notification (or the process's
 * catch-up) says its kindergarten's collection changed. Once per heartbeat the process — not each
 * stream — runs one catch-up query (server/replication/catch-up.ts) that recovers lost
 * notifications and late-visible commits, and checks its streams' sessions.
 *
 * A stream ends (`ended`, then the end of the response) within one heartbeat of its session
 * ending: at once on NOTIFY session_ended from any process (sign-out, revocation, a disabled
 * account), at the first heartbeat at or after its expiry on the server clock, and at the next
 * catch-up when that notification was lost.
 */
export class EventStreams {
  readonly #names: string[];
  readonly #policies: CollectionPolicy<Doc>[];
  readonly #index: Map<string, number>;
  readonly #open = new Set<OpenStream>();
  readonly #byKindergarten = new Map<string, Set<OpenStream>>();
  readonly #byKey = new Map<string, Set<OpenStream>>();
  /**
   * Pulls in flight, shared: every stream of a kindergarten woken by the same commit asks for the
   * same page from the same cursor, so one query (and one serialized event) serves them all — but
   * only a pull that started after the waking notification arrived may serve it: one that started
   * before may not see that commit yet.
   */
  readonly #inflight = new Map<string, { after: number; pull: Promise<{ page: PullPage; line: string }> }>();
  /** The process's catch-up watermark (a snapshot); read once, before the first stream's head. */
  #watermark: Promise<string> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #ticking = false;
  readonly #unsubscribe: Array<() => void>;

  constructor(private readonly options: StreamOptions) {
    this.#names = [...options.collections.keys()];
    // A stream's drain state is one bit per collection (RxDB's storage opens at most 13).
    if (this.#names.length > 30) throw new Error(`At most 30 replicated collections, not ${this.#names.length}`);
    this.#policies = [...options.collections.values()].map((spec) => spec.policy);
    this.#index = new Map(this.#names.map((name, i) => [name, i]));
    this.#unsubscribe = [
      options.hub.onChange((collection, kindergartenId, notification) => {
        const i = this.#index.get(collection);
        if (i === undefined) return;
        const targets = kindergartenId === '*' ? this.#open : this.#byKindergarten.get(kindergartenId);
        if (targets) for (const stream of targets) this.#drain(stream, i, notification);
      }),
      options.hub.onSessionEnd((key) => this.#endSessions(key)),
    ];
  }

  get size(): number {
    return this.#open.size;
  }

  /** Ends every open stream and the heartbeat (the server is closing; replicas reconnect elsewhere). */
  endAll(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    for (const stream of this.#open) stream.raw.end();
  }

  async open(reply: FastifyReply, auth: AuthContext): Promise<void> {
    const { db, heartbeatMs } = this.options;
    this.#start();
    // The watermark is read before this stream's head, so no change between them goes unreported.
    await this.#watermark;
    const head = await checkpointNow(db);
    reply.hijack();
    const raw = reply.raw;
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) return; // the replica left meanwhile
    forgetRequest(raw);
    // The reply's headers (the security headers among them) are not written for a hijacked reply.
    raw.writeHead(200, {
      ...EVERY_RESPONSE_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    flattenHead(raw);
    const stream = new OpenStream(
      raw,
      auth.kindergartenId,
      [`staffSession:${auth.sessionId}`, `staff:${auth.staffId}`],
      auth.expiresAt.getTime(),
      this.#names.map(() => head),
    );
    this.#add(stream);
    raw.once('close', () => this.#remove(stream));
    stream.write(line({ type: 'resync', heartbeatMs }));
    // What committed between reading the head and subscribing was notified to nobody: look once.
    const subscribedAt = this.options.hub.notified;
    for (let i = 0; i < this.#names.length; i++) this.#drain(stream, i, subscribedAt);
  }

  #start(): void {
    this.#watermark ??= checkpointNow(this.options.db).then(
      (now) => now.snapshot!,
      (error: unknown) => {
        this.#watermark = null;
        throw error;
      },
    );
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#heartbeat(), this.options.heartbeatMs);
    this.#timer.unref();
  }

  #add(stream: OpenStream): void {
    this.#open.add(stream);
    let mates = this.#byKindergarten.get(stream.kindergartenId);
    if (!mates) this.#byKindergarten.set(stream.kindergartenId, (mates = new Set()));
    mates.add(stream);
    for (const key of stream.keys) {
      let same = this.#byKey.get(key);
      if (!same) this.#byKey.set(key, (same = new Set()));
      same.add(stream);
    }
  }

  #remove(stream: OpenStream): void {
    this.#open.delete(stream);
    const mates = this.#byKindergarten.get(stream.kindergartenId);
    mates?.delete(stream);
    if (mates?.size === 0) this.#byKindergarten.delete(stream.kindergartenId);
    for (const key of stream.keys) {
      const same = this.#byKey.get(key);
      same?.delete(stream);
      if (same?.size === 0) this.#byKey.delete(key);
    }
  }

  /** Tells the replica to sign in again, and ends its stream. */
  #end(stream: OpenStream): void {
    this.#remove(stream);
    if (stream.gone) return;
    stream.raw.end(ENDED);
  }

  #endSessions(key: string): void {
    const streams = this.#byKey.get(key);
    if (streams) for (const stream of [...streams]) this.#end(stream);
  }

  /** Every open stream: its heartbeat (or its end, when expired); then the process's one catch-up. */
  async #heartbeat(): Promise<void> {
    const now = this.options.clock.now();
    const beat = line({ type: 'heartbeat', serverTime: now.toISOString() });
    for (const stream of [...this.#open]) {
      if (now.getTime() >= stream.expiresAt) this.#end(stream);
      else stream.write(beat);
    }
    if (this.#ticking || this.#open.size === 0) return;
    this.#ticking = true;
    try {
      const watermark = await this.#watermark;
      if (!watermark) return;
      const sessions = [...this.#byKey.keys()].filter((k) => k.startsWith('staffSession:')).map((k) => k.slice(13));
      const found = await catchUp(this.options.db, this.#policies, watermark, sessions);
      this.#watermark = Promise.resolve(found.watermark);
      for (const key of found.ended) this.#endSessions(key);
      found.changed.forEach((keys, i) => {
        for (const key of keys) this.options.hub.announce(this.#names[i]!, key);
      });
    } catch {
      // The database did not answer: the next heartbeat asks again from the same watermark.
    } finally {
      this.#ticking = false;
    }
  }

  /** Asks `stream` to send what changed in collection `i` after its cursor (answering notification `since`). */
  #drain(stream: OpenStream, i: number, since: number): void {
    if (stream.gone) return;
    // One `since` for the stream's waiting drains, the latest asked: a pull answering it started
    // after every notification they answer (a later one than needed costs a shared pull, not a change).
    stream.since = Math.max(stream.since, since);
    stream.waiting |= 1 << i;
    if (!(stream.busy & (1 << i))) void this.#run(stream, i);
  }

  /**
   * Works off collection `i`'s waiting drains one at a time: a slow read of one collection never
   * holds back another's change (a claim's referral waited behind the previous claim's seats).
   * A notified commit is visible to a pull that starts after its notification, whatever else is
   * running: a pull reads by snapshot (core.ts), so nothing is looked for again later.
   */
  async #run(stream: OpenStream, i: number): Promise<void> {
    const bit = 1 << i;
    stream.busy |= bit;
    try {
      while (stream.waiting & bit && !stream.gone) {
        const after = stream.since;
        stream.waiting &= ~bit;
        try {
          for (;;) {
            const { page, line: text } = await this.#sharedPull(i, stream.kindergartenId, stream.cursors[i]!, after);
            // Moved only past what was sent: an idle stream keeps its head, one object for all its
            // collections (a checkpoint each from every empty look: ~0.6 KiB a stream, measured).
            if (page.documents.length === 0 || !page.checkpoint) break;
            stream.cursors[i] = page.checkpoint;
            stream.write(text);
            if (page.documents.length < PAGE) break;
          }
        } catch {
          // The replica pulls from its own checkpoint: nothing is lost.
          stream.write(line({ type: 'resync', heartbeatMs: this.options.heartbeatMs }));
        }
      }
    } finally {
      stream.busy &= ~bit;
    }
  }

  /** A pull of collection `i` from `cursor`, shared with a pull in flight that started after notification `since`. */
  #sharedPull(i: number, kindergartenId: string, cursor: Checkpoint, since: number) {
    const name = this.#names[i]!;
    const key = `${kindergartenId}|${name}|${cursor.snapshot ?? ''}|${cursor.upTo ?? ''}|${cursor.txid}|${cursor.seq}`;
    const shared = this.#inflight.get(key);
    if (shared && shared.after >= since) return shared.pull;
    const entry = {
      after: this.options.hub.notified,
      pull: pullChanges(this.options.db, this.#policies[i]!, kindergartenId, cursor, PAGE)
        .then((page) => ({
          page,
          line:
            page.checkpoint && page.documents.length > 0
              ? line({ type: 'changes', collection: name, documents: page.documents, checkpoint: page.checkpoint })
              : '',
        }))
        .finally(() => {
          if (this.#inflight.get(key) === entry) this.#inflight.delete(key);
        }),
    };
    this.#inflight.set(key, entry);
    return entry.pull;
  }
}
