import { v7 as uuidv7 } from 'uuid';
import {
  REPLICATION_VERSION,
  type PullResponse,
  type WireDocument,
  type Checkpoint,
} from '../../shared/replication/protocol.js';

/** A minimal replica-side client for tests: the same HTTP calls the staff app makes. */
export function apiClient(url: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const base = `${url}/api/replication/v${REPLICATION_VERSION}`;
  return {
    async pull(collection: string, checkpoint?: Checkpoint | null, limit = 200) {
      const q = new URLSearchParams({ limit: String(limit), ...(checkpoint ?? {}) });
      const res = await fetch(`${base}/${collection}/pull?${q}`, { headers });
      return { status: res.status, body: (await res.json()) as PullResponse };
    },
    async push(commands: Array<Record<string, unknown>>) {
      const res = await fetch(`${base}/commands/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify(commands.map((c) => ({ assumedMasterState: null, newDocumentState: c }))),
      });
      return { status: res.status, body: (await res.json()) as WireDocument[] & { error?: string } };
    },
  };
}

export function newCommand(kind: string, payload: Record<string, unknown>) {
  return { id: uuidv7(), kind, payload, deviceId: 'test-device', deviceTime: new Date().toISOString() };
}
