import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { CommandKind, CommandPayload } from '../../shared/commands/command.js';
import {
  replicatedCollections,
  type ReplicatedCollection,
  type Checkpoint,
} from '../../shared/replication/protocol.js';
import { sendCommand } from '../../renderer/src/data/commands.js';
import { localDocumentsFor, openReplica, type ReplicaDatabase } from '../../renderer/src/data/replica.js';
import { startReplication, type Replication, type ReplicationOptions } from '../../renderer/src/data/replication.js';
import { login, ReplicationApi } from '../../renderer/src/data/server-api.js';

/**
 * The staff app's own data layer (renderer/src/data: replica, replication with its stream,
 * fallback and push, commands), run headless in Node on RxDB's memory storage: what the fault
 * tests drive, fast and without a browser. The Playwright suites drive the same code in Chromium.
 */
export interface HeadlessApp {
  db: ReplicaDatabase;
  replication: Replication;
  deviceId: string;
  token: string;
  send<K extends CommandKind>(kind: K, payload: CommandPayload<K>): Promise<string>;
  /** The replica's documents of a collection, as the server would send them (local fields dropped). */
  documents(collection: ReplicatedCollection): Promise<Array<Record<string, unknown>>>;
  /** Removes the replica. */
  stop(): Promise<void>;
  /** Closes the app, keeping its replica (a PC switched off): `reopen` starts it again. */
  close(): Promise<void>;
  /** Starts the app again on its kept replica, with the same session or a new sign-in. */
  reopen(options?: { signInAgain?: { login: string; password: string } }): Promise<HeadlessApp>;
}

export const fastReplication: ReplicationOptions = { fallbackPullMs: 1_000, retryMs: 300, maxReconnectMs: 1_000 };

const storage = getRxStorageMemory();

export async function startHeadlessApp(
  serverUrl: string,
  credentials: { login: string; password: string },
  options: { api?: (url: string, token: string) => ReplicationApi; deviceId?: string } = {},
): Promise<HeadlessApp> {
  const deviceId = options.deviceId ?? randomUUID();
  const info = await login(serverUrl, { ...credentials, deviceId, deviceName: 'headless test app' });
  const identity = {
    name: `headless${randomBytes(6).toString('hex')}`,
    secret: randomBytes(32).toString('hex'),
    deviceId,
    token: info.token,
  };
  return openHeadlessApp(serverUrl, identity, options);
}

async function openHeadlessApp(
  serverUrl: string,
  identity: { name: string; secret: string; deviceId: string; token: string },
  options: { api?: (url: string, token: string) => ReplicationApi } = {},
): Promise<HeadlessApp> {
  const { secret, deviceId } = identity;
  const db = await openReplica(identity.name, { storage, secret });
  const api = options.api?.(serverUrl, identity.token) ?? new ReplicationApi(serverUrl, identity.token);
  const replication = startReplication(db, api, () => undefined, {
    ...fastReplication,
    localDocuments: localDocumentsFor(secret),
  });
  return {
    db,
    replication,
    deviceId,
    token: identity.token,
    send: (kind, payload) => sendCommand(db, deviceId, kind, payload),
    async documents(collection) {
      const docs = await db[collection].find().exec();
      return docs.map((d) => {
        const { childIinHash: _hash, ...doc } = d.toMutableJSON(false) as Record<string, unknown>;
        return doc;
      });
    },
    async stop() {
      await replication.stop();
      await db.remove();
    },
    async close() {
      await replication.stop();
      await db.close();
    },
    async reopen(again = {}) {
      const token = again.signInAgain
        ? (await login(serverUrl, { ...again.signInAgain, deviceId, deviceName: 'headless test app' })).token
        : identity.token;
      return openHeadlessApp(serverUrl, { ...identity, token }, options);
    },
  };
}

/** Every document the server would replicate to this session (tombstones left out), by collection. */
export async function serverDocuments(serverUrl: string, token: string, collection: ReplicatedCollection) {
  const docs = new Map<string, Record<string, unknown>>();
  let checkpoint: Checkpoint | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(checkpoint ?? {}) });
    const res = await fetch(`${serverUrl}/api/replication/v1/${collection}/pull?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`pull ${collection}: ${res.status}`);
    const page = (await res.json()) as {
      documents: Array<Record<string, unknown> & { id: string; _deleted: boolean }>;
      checkpoint: Checkpoint | null;
    };
    for (const { _deleted, ...doc } of page.documents) {
      if (_deleted) docs.delete(doc.id);
      else docs.set(doc.id, doc);
    }
    if (page.documents.length < 1000) break;
    checkpoint = page.checkpoint;
  }
  return [...docs.values()];
}

const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));

/** The replica and the server, collection by collection, sorted by id: equal when in sync. */
export async function replicaAndServer(app: HeadlessApp, serverUrl: string) {
  const replica: Record<string, unknown> = {};
  const server: Record<string, unknown> = {};
  for (const collection of replicatedCollections) {
    replica[collection] = (await app.documents(collection)).sort(byId);
    server[collection] = (await serverDocuments(serverUrl, app.token, collection)).sort(byId);
  }
  return { replica, server };
}

/** Waits until the condition holds (polling), or fails naming what it waited for. */
export async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/** Waits until the replica equals the server in every collection. */
export async function expectConverged(app: HeadlessApp, serverUrl: string, timeoutMs = 30_000) {
  let last: Awaited<ReturnType<typeof replicaAndServer>> | null = null;
  try {
    await until(
      async () => {
        last = await replicaAndServer(app, serverUrl);
        return isDeepStrictEqual(last.replica, last.server);
      },
      'the replica to equal the server',
      timeoutMs,
    );
  } catch (error) {
    if (last) expect((last as { replica: unknown }).replica).toEqual((last as { server: unknown }).server);
    throw error;
  }
}
