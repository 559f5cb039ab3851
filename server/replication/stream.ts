import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { Checkpoint, StreamMessage } from '../../shared/replication/protocol.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { ChangeHub } from '../events/change-hub.js';
import { catchUp, commitHeads, scopeHeads } from './catch-up.js';
import {
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
/** A notified change may still hide behind an older open transaction: look again after 25, 100, 400, 1600 ms. */
const RETRIES = 4;
/** The attempt of a look made because some commit was notified (#reveal): it schedules no re-look of its own. */
const REVEAL = RETRIES + 1;
const line = (event: StreamEvent) => `data: ${JSON.stringify(event)}\n\n`;
const ENDED = line({ type: 'ended', reason: 'session' });

/**
 * One open stream: its response, whose session it serves, and per collection (by index in the
 * registry) its cursor and drain state — plain arrays, no closures, no timers of its own.
 */
class OpenStream {
  /** Per collection: the checkpoint of the last change sent. */
  readonly cursors: Array<Checkpoint | null>;
  /** Per collection: a drain is running. */
  readonly busy: boolean[];
  /** Per collection: the notification a waiting drain answers (-1: none waiting), and its re-looks used. */
  readonly want: number[];
  readonly tries: number[];
  /**
   * Per collection: a look found committed changes past the cursor that were not commit-safe yet
   * (hidden behind an older transaction); the next notified commit looks again. Cleared once sent.
   */
  readonly hidden: boolean[];
  constructor(
    readonly raw: ServerResponse,
    readonly kindergartenId: string,
    /** `staffSession:<id>` and `staff:<id>`: the session ends whichever of them ends. */
    readonly keys: readonly [string, string],
    readonly expiresAt: number,
    cursors: Array<Checkpoint | null>,
  ) {
    this.cursors = cursors;
    this.busy = cursors.map(() => false);
    this.want = cursors.map(() => -1);
    this.tries = cursors.map(() => 0);
    this.hidden = cursors.map(() => false);
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
  for (const event of ['finish', 'error'] as const) {
    for (const listener of raw.listeners(event)) {
      if ((listener as { name?: string }).name === 'onResFinished') raw.off(event, listener as () => void);
    }
  }
  // A write racing the client's leaving may still fail: nothing to do then (the 'close' ends the stream).
  raw.on('error', ignore);
}

function ignore(): void {}

/**
 * The event streams of one server process: one per connected replica. Each sends `resync` first
 * (the replica pulls what it missed, and learns the heartbeat period), then `changes` of its
 * kindergarten as they commit — read with the same commit-safe pull as /pull, from the stream's
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
  /** Streams with a collection whose change may hide behind an older transaction: any commit may reveal it. */
  readonly #hiding = new Set<OpenStream>();
  /**
   * Pulls in flight, shared: every stream of a kindergarten woken by the same commit asks for the
   * same page from the same cursor, so one query (and one serialized event) serves them all — but
   * only a pull that started after the waking notification arrived may serve it: one that started
   * before may not see that commit yet.
   */
  readonly #inflight = new Map<string, { after: number; pull: Promise<{ page: PullPage; line: string }> }>();
  /** The process's catch-up watermark per collection; read once, before the first stream's head. */
  #watermarks: Promise<Array<Checkpoint | null>> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #ticking = false;
  readonly #unsubscribe: Array<() => void>;

  constructor(private readonly options: StreamOptions) {
    this.#names = [...options.collections.keys()];
    this.#policies = [...options.collections.values()].map((spec) => spec.policy);
    this.#index = new Map(this.#names.map((name, i) => [name, i]));
    this.#unsubscribe = [
      options.hub.onChange((collection, kindergartenId, notification) => {
        const i = this.#index.get(collection);
        if (i === undefined) return;
        const targets = kindergartenId === '*' ? this.#open : this.#byKindergarten.get(kindergartenId);
        if (targets) for (const stream of targets) this.#drain(stream, i, 0, notification);
        this.#reveal(notification);
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
    await this.#watermarks;
    const cursors = await scopeHeads(db, this.#policies, auth.kindergartenId);
    reply.hijack();
    const raw = reply.raw;
    if (raw.destroyed || !raw.socket || raw.socket.destroyed) return; // the replica left meanwhile
    forgetRequest(raw);
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const stream = new OpenStream(
      raw,
      auth.kindergartenId,
      [`staffSession:${auth.sessionId}`, `staff:${auth.staffId}`],
      auth.expiresAt.getTime(),
      cursors,
    );
    this.#add(stream);
    raw.once('close', () => this.#remove(stream));
    stream.write(line({ type: 'resync', heartbeatMs }));
    // What committed between reading the head and subscribing was notified to nobody: look once.
    const subscribedAt = this.options.hub.notified;
    for (let i = 0; i < this.#names.length; i++) this.#drain(stream, i, RETRIES, subscribedAt);
  }

  #start(): void {
    this.#watermarks ??= commitHeads(this.options.db, this.#policies).catch((error: unknown) => {
      this.#watermarks = null;
      throw error;
    });
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
    this.#hiding.delete(stream);
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
      const watermarks = await this.#watermarks;
      if (!watermarks) return;
      const sessions = [...this.#byKey.keys()].filter((k) => k.startsWith('staffSession:')).map((k) => k.slice(13));
      const found = await catchUp(this.options.db, this.#policies, watermarks, sessions);
      this.#watermarks = Promise.resolve(found.watermarks);
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

  /** Asks `stream` to send what changed in collection `i` after its cursor (answering `since`). */
  #drain(stream: OpenStream, i: number, attempt: number, since: number): void {
    if (stream.gone) return;
    if (stream.want[i]! >= 0) {
      // A drain is already waiting: it answers this request too, keeping the re-looks left.
      stream.want[i] = Math.max(stream.want[i]!, since);
      stream.tries[i] = Math.min(stream.tries[i]!, attempt);
      return;
    }
    stream.want[i] = since;
    stream.tries[i] = attempt;
    if (!stream.busy[i]) void this.#run(stream, i);
  }

  /**
   * Works off collection `i`'s waiting drains one at a time: a slow read of one collection never
   * holds back another's change (a claim's referral waited behind the previous claim's seats).
   */
  async #run(stream: OpenStream, i: number): Promise<void> {
    stream.busy[i] = true;
    try {
      while (stream.want[i]! >= 0 && !stream.gone) {
        const after = stream.want[i]!;
        const tries = stream.tries[i]!;
        stream.want[i] = -1;
        try {
          let sent = 0;
          for (;;) {
            const { page, line: text } = await this.#sharedPull(i, stream.kindergartenId, stream.cursors[i]!, after);
            if (page.documents.length === 0 || !page.checkpoint) break;
            stream.cursors[i] = page.checkpoint;
            sent += page.documents.length;
            stream.write(text);
            if (page.documents.length < PAGE) break;
          }
          if (sent > 0) this.#hide(stream, i, false);
          if (sent === 0 && tries < RETRIES) {
            setTimeout(() => this.#drain(stream, i, tries + 1, 0), 25 * 4 ** tries).unref();
            // A committed change past the cursor that the look could not return hides behind an
            // older transaction (of any kindergarten): that one ends with a commit, whose
            // notification looks again at once (#reveal); the timer covers a rollback. Flagged
            // before asking, so a commit notified meanwhile is not missed.
            if (!stream.hidden[i]) {
              this.#hide(stream, i, true);
              if (!(await this.#hides(i, stream.kindergartenId, stream.cursors[i]!))) this.#hide(stream, i, false);
            }
          }
        } catch {
          // The replica pulls from its own checkpoint: nothing is lost.
          stream.write(line({ type: 'resync', heartbeatMs: this.options.heartbeatMs }));
        }
      }
    } finally {
      stream.busy[i] = false;
    }
  }

  #hide(stream: OpenStream, i: number, hidden: boolean): void {
    stream.hidden[i] = hidden;
    if (hidden) this.#hiding.add(stream);
    else if (!stream.hidden.includes(true)) this.#hiding.delete(stream);
  }

  /**
   * A commit was notified: the transaction that hid a change from a stream's last look may be the
   * one that just ended, so every such look is made again now (answering `notification`), rather
   * than at its next timer. It spends no retry: only the timers do.
   */
  #reveal(notification: number): void {
    for (const stream of this.#hiding) {
      stream.hidden.forEach((hidden, i) => {
        if (hidden) this.#drain(stream, i, REVEAL, notification);
      });
    }
  }

  /** Whether collection `i` has committed changes in scope after `cursor` that are not commit-safe yet. */
  async #hides(i: number, kindergartenId: string, cursor: Checkpoint | null): Promise<boolean> {
    const policy = this.#policies[i]!;
    const [row] = await this.options.db.query<{ hidden: boolean }>(
      `select exists (select 1 from ${policy.table}
                       where ${policy.scope} and (change_txid, change_seq) > ($2::xid8, $3::bigint)) as hidden`,
      [kindergartenId, cursor?.txid ?? '0', cursor?.seq ?? '0'],
    );
    return row?.hidden === true;
  }

  /** A pull of collection `i` from `cursor`, shared with a pull in flight that started after notification `since`. */
  #sharedPull(i: number, kindergartenId: string, cursor: Checkpoint | null, since: number) {
    const name = this.#names[i]!;
    const key = `${kindergartenId}|${name}|${cursor?.txid ?? ''}|${cursor?.seq ?? ''}`;
    const shared = this.#inflight.get(key);
    if (shared && shared.after >= since) return shared.pull;
    const entry = {
      after: this.options.hub.notified,
      pull: pullChanges(this.options.db, this.#policies[i]!, kindergartenId, cursor, PAGE)
        .then((page) => ({
          page,
          line: page.checkpoint
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
