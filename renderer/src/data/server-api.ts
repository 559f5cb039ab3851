import type { SessionInfo } from '../../../shared/auth.js';
import { sessionInfoSchema } from '../../../shared/auth.js';
import {
  checkpointQuery,
  replicationPath,
  streamPath,
  type Checkpoint,
  type PullResponse,
  type PushRow,
  type ReplicatedCollection,
  type WireDocument,
} from '../../../shared/replication/protocol.js';

/** An HTTP failure with the server's error code (translated by the UI), or `network` when unreachable. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's Retry-After, in seconds, when it gave one (a rate limit, a locked account). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ServerError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: string;
      message?: string;
      retryAfterSeconds?: number;
    };
    // 429 is the per-address rate limit, an account locked after wrong passwords, or the database's
    // contention outlasting the server's retries.
    const code =
      response.status === 429
        ? body.error === 'server_busy' || body.error === 'account_locked'
          ? body.error
          : 'rate_limited'
        : (body.error ?? `http_${response.status}`);
    const retryAfter = Number(response.headers.get('retry-after') ?? body.retryAfterSeconds);
    throw new ServerError(
      response.status,
      code,
      body.message ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return (await response.json()) as T;
}

export async function login(
  serverUrl: string,
  body: { login: string; password: string; deviceId: string; deviceName: string },
) {
  const data = await request<unknown>(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return sessionInfoSchema.parse(data);
}

/** The replication endpoints for one signed-in session. */
export class ReplicationApi {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
  ) {}

  get authHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  pull(collection: ReplicatedCollection, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse> {
    const query = new URLSearchParams({ ...checkpointQuery(checkpoint), limit: String(limit) });
    return request(`${this.serverUrl}${replicationPath(collection, 'pull')}?${query}`, { headers: this.authHeaders });
  }

  push(collection: ReplicatedCollection, rows: PushRow[]): Promise<WireDocument[]> {
    return request(`${this.serverUrl}${replicationPath(collection, 'push')}`, {
      method: 'POST',
      headers: { ...this.authHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
  }

  logout(): Promise<unknown> {
    return request(`${this.serverUrl}/api/auth/logout`, { method: 'POST', headers: this.authHeaders });
  }

  get streamUrl(): string {
    return `${this.serverUrl}${streamPath}`;
  }
}

export type { SessionInfo };
