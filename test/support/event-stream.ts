import { streamPath, type Checkpoint } from '../../shared/replication/protocol.js';

/** An event as the replication stream sends it (see server/replication/stream.ts). */
export interface ReceivedEvent {
  type: string;
  collection?: string;
  documents?: Array<Record<string, unknown>>;
  checkpoint?: Checkpoint;
  heartbeatMs?: number;
  serverTime?: string;
  /** When it arrived (performance.now()). */
  at: number;
}

export interface EventStreamClient {
  status: number;
  events: ReceivedEvent[];
  /** The first event from index `after` on that matches; rejects after `timeoutMs`. */
  waitFor(
    predicate: (event: ReceivedEvent) => boolean,
    options?: { after?: number; timeoutMs?: number },
  ): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream (or it is closed). */
  ended: Promise<void>;
  close(): void;
}

/** Opens the replication event stream with fetch (Node 20 has no EventSource) and records every event. */
export async function openEventStream(
  baseUrl: string,
  token: string,
  { path = streamPath, onEvent }: { path?: string; onEvent?: (event: ReceivedEvent) => void } = {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let delivered = 0;
  const notify = () => {
    if (onEvent) while (delivered < events.length) onEvent(events[delivered++]!);
    waiters.forEach((w) => w());
  };
  const ended = response.ok && response.body ? read(response.body, events, notify) : Promise.resolve();
  void ended.finally(notify);
  let done = false;
  void ended.finally(() => (done = true));

  return {
    status: response.status,
    events,
    ended,
    close: () => abort.abort(),
    waitFor(predicate, { after = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(after).find(predicate);
          if (found) finish(() => resolve(found));
          else if (done) finish(() => reject(new Error(`stream ended without it; got ${summarize(events)}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no such event in ${timeoutMs} ms; got ${summarize(events)}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

async function read(body: NonNullable<Response['body']>, events: ReceivedEvent[], notify: () => void) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data) events.push({ ...(JSON.parse(data) as Omit<ReceivedEvent, 'at'>), at: performance.now() });
      }
      notify();
    }
  } catch {
    // Aborted by close(), or the connection was cut: the stream has ended either way.
  }
}

const summarize = (events: ReceivedEvent[]) =>
  JSON.stringify(events.map((e) => (e.collection ? `${e.type}:${e.collection}(${e.documents?.length})` : e.type)));
