import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A fault-injecting TCP proxy for tests: it forwards bytes between clients and one server and,
 * on demand, breaks the way office networks break.
 *
 * - `pass`: forward everything (the default);
 * - `dropAll()`: cut every open connection now (both sides reset);
 * - `cutAfter(n)`: each new connection is cut after n bytes from the server;
 * - `holdStreams()`: server→client bytes of event streams (responses whose head says
 *   `text/event-stream`) are held, not forwarded, until `flush()` (a buffering antivirus/proxy);
 * - `delay(ms)`: every chunk, either way, is forwarded ms later (a slow server or link);
 * - `refuse(true)`: new connections are closed at once (the server is "down" behind the proxy);
 * - `retarget(port)`: forward new connections to another port (a restarted server).
 */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: the address clients use. */
  url: string;
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  dropAll(): void;
  cutAfter(bytes: number | null): void;
  holdStreams(hold: boolean): void;
  flush(): void;
  delay(ms: number): void;
  refuse(refuse: boolean): void;
  retarget(port: number): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  fromServer: number;
  /** The response on this connection is an event stream (seen in its head). */
  stream: boolean;
  held: Buffer[];
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let target = targetPort;
  let cutAfterBytes: number | null = null;
  let hold = false;
  let delayMs = 0;
  let refusing = false;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const destroy = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream.destroy();
    pairs.delete(pair);
  };
  const later = (fn: () => void) => (delayMs > 0 ? setTimeout(fn, delayMs) : fn());

  const server: Server = createServer((client) => {
    accepted += 1;
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: target });
    const pair: Pair = { client, upstream, fromServer: 0, stream: false, held: [] };
    pairs.add(pair);
    const cut = cutAfterBytes;
    client.on('data', (chunk) => later(() => upstream.writable && upstream.write(chunk)));
    upstream.on('data', (chunk) => {
      if (!pair.stream && /content-type:\s*text\/event-stream/i.test(chunk.toString('latin1'))) pair.stream = true;
      pair.fromServer += chunk.length;
      if (cut !== null && pair.fromServer > cut) {
        const keep = chunk.subarray(0, Math.max(0, chunk.length - (pair.fromServer - cut)));
        if (keep.length) client.write(keep);
        destroy(pair);
        return;
      }
      if (hold && pair.stream) {
        pair.held.push(chunk);
        return;
      }
      later(() => client.writable && client.write(chunk));
    });
    const end = () => destroy(pair);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');

  const flush = () => {
    for (const pair of pairs) {
      for (const chunk of pair.held.splice(0)) if (pair.client.writable) pair.client.write(chunk);
    }
  };
  const dropAll = () => {
    for (const pair of [...pairs]) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
      pairs.delete(pair);
    }
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    connections: () => accepted,
    dropAll,
    cutAfter(bytes) {
      cutAfterBytes = bytes;
    },
    holdStreams(value) {
      hold = value;
      if (!value) flush();
    },
    flush,
    delay(ms) {
      delayMs = ms;
    },
    refuse(value) {
      refusing = value;
    },
    retarget(port) {
      target = port;
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
