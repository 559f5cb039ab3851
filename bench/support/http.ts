import { Agent, request } from 'node:http';

/** A bounded pool of keep-alive connections: "N connections" exactly, as the scenarios specify. */
export function connectionPool(connections: number) {
  return new Agent({ keepAlive: true, maxSockets: connections, maxTotalSockets: connections });
}

export interface Reply {
  status: number;
  body: string;
}

/** One HTTP request over the pool. */
export function send(
  agent: Agent,
  url: string,
  options: { method?: string; token?: string; body?: unknown } = {},
): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        agent,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
