import { SILENT_HEARTBEATS, type StreamMessage } from '../../../shared/replication/protocol.js';
import { ServerError, type ReplicationApi } from './server-api.js';
import { readEventStream } from './sse.js';

/** The heartbeat period assumed until a stream tells its own (the server's `HEARTBEAT_MS`). */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/** The wait before reconnection attempt `attempt` (1, 2, …): 2 s doubling to 32 s, at most `maxMs`. */
export function reconnectDelay(attempt: number, maxMs: number): number {
  return Math.min(maxMs, 1_000 * 2 ** Math.min(attempt, 5));
}

/** How long a stream may stay silent before it counts as cut: several heartbeats. */
export const silentAfter = (heartbeatMs: number) => heartbeatMs * SILENT_HEARTBEATS;

export interface Watchdog {
  /** (Re)starts the countdown: `onSilent` runs when nothing re-arms it within the period. */
  arm(): void;
  /** The period of the following `arm`s. */
  setPeriod(ms: number): void;
  disarm(): void;
}

export function watchdog(periodMs: number, onSilent: () => void): Watchdog {
  let period = periodMs;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    arm() {
      disarm();
      timer = setTimeout(onSilent, period);
    },
    setPeriod(ms) {
      period = ms;
    },
    disarm,
  };
}

export interface EventStreamHandlers {
  /** The stream (re)confirmed itself (its RESYNC message, first on every connect). */
  onResync(): void;
  onChanges(message: Extract<StreamMessage, { type: 'changes' }>): void;
  onHeartbeat(serverTime: string): void;
  /** The stream went silent or its connection ended: until the next RESYNC the replica polls. */
  onDown(): void;
  /**
   * A connection failed: 401 (also a session `ended` on the server) and 426 as the server said,
   * anything else but a deliberate abort as a network error (status 0).
   */
  onFailure(error: ServerError): void;
}

/** Where the stream is and how to authenticate, read at every connection. */
export type EventStreamSource = Pick<ReplicationApi, 'streamUrl' | 'authHeaders'>;

export interface EventStream {
  /** Ends the connection and stops reconnecting. */
  close(): void;
}

/**
 * One event-stream connection for all collections, kept open: a watchdog ends it after
 * `silentAfter` of the stream's heartbeat without a message; after every end or failure it
 * reconnects with backoff (`reconnectDelay`, back to the start after each RESYNC).
 */
export function connectEventStream(
  source: EventStreamSource,
  handlers: EventStreamHandlers,
  /** Longest wait between two reconnection attempts. */
  maxReconnectMs: number,
): EventStream {
  const abort = new AbortController();
  let stopped = false;

  void (async () => {
    let attempt = 0;
    // Until a stream tells its heartbeat period, assume the default one.
    let silentAfterMs = silentAfter(DEFAULT_HEARTBEAT_MS);
    while (!stopped) {
      const connection = new AbortController();
      const abortConnection = () => connection.abort();
      abort.signal.addEventListener('abort', abortConnection, { once: true });
      // Nothing heard for several heartbeats: a proxy buffers or cut the stream.
      const silence = watchdog(silentAfterMs, () => {
        handlers.onDown();
        connection.abort();
      });
      try {
        silence.arm();
        await readEventStream(
          source.streamUrl,
          { headers: source.authHeaders, signal: connection.signal },
          (response) => {
            if (response.status === 401) throw new ServerError(401, 'unauthorized', '');
            if (response.status === 426) throw new ServerError(426, 'upgrade_required', '');
            if (!response.ok) throw new ServerError(response.status, `http_${response.status}`, '');
          },
          (data) => {
            const message = JSON.parse(data) as StreamMessage;
            silence.arm();
            if (message.type === 'resync') {
              silentAfterMs = silentAfter(message.heartbeatMs);
              silence.setPeriod(silentAfterMs);
              silence.arm();
              attempt = 0;
              handlers.onResync();
            } else if (message.type === 'changes') {
              handlers.onChanges(message);
            } else if (message.type === 'heartbeat') {
              handlers.onHeartbeat(message.serverTime);
            } else if (message.type === 'ended') {
              // The session ended on the server: the same sticky state as a 401, commands kept.
              throw new ServerError(401, 'unauthorized', '');
            }
          },
        );
      } catch (error) {
        if (stopped) break;
        if (error instanceof ServerError && (error.status === 401 || error.status === 426)) {
          handlers.onFailure(error);
        } else if (!(error instanceof DOMException && error.name === 'AbortError')) {
          handlers.onFailure(new ServerError(0, 'network', String(error)));
        }
      } finally {
        silence.disarm();
        abort.signal.removeEventListener('abort', abortConnection);
      }
      if (stopped) break;
      handlers.onDown();
      attempt += 1;
      await new Promise((r) => setTimeout(r, reconnectDelay(attempt, maxReconnectMs)));
    }
  })();

  return {
    close() {
      stopped = true;
      abort.abort();
    },
  };
}
