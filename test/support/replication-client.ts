import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.js';
import type { Db } from '../../server/db/db.js';
import { REPLICATION_VERSION, type Checkpoint } from '../../shared/replication/protocol.js';
import { loginAs } from './test-server.js';

export type Document = Record<string, unknown> & { _deleted: boolean };
export interface PushRowInput {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown>;
}

/** Any collection's replication endpoints over HTTP, as a replica calls them. */
export function replicationClient(url: string, token: string, version = REPLICATION_VERSION) {
  const base = `${url}/api/replication/v${version}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const pull = async (collection: string, checkpoint: Checkpoint | null = null, limit = 200) => {
    const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ?? {}) });
    const res = await fetch(`${base}/${collection}/pull?${query}`, { headers });
    const body = (await res.json()) as { documents: Document[]; checkpoint: Checkpoint | null; error?: string };
    return { status: res.status, body };
  };
  return {
    pull,
    async push(collection: string, rows: PushRowInput[]) {
      const res = await fetch(`${base}/${collection}/push`, { method: 'POST', headers, body: JSON.stringify(rows) });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Document[] & { error?: string } };
    },
    /** Every document after `checkpoint`, page by page, and the checkpoint to resume from. */
    async pullAll(collection: string, checkpoint: Checkpoint | null = null, limit = 200) {
      const documents: Document[] = [];
      for (;;) {
        const page = await pull(collection, checkpoint, limit);
        if (page.status !== 200) throw new Error(`pull ${collection}: ${page.status} ${JSON.stringify(page.body)}`);
        documents.push(...page.body.documents);
        checkpoint = page.body.checkpoint;
        if (page.body.documents.length < limit) return { documents, checkpoint };
      }
    },
  };
}

/** A second kindergarten with a head account, signed in: for isolation tests. */
export async function createKindergartenWithHead(db: Db, url: string, name: string) {
  const kindergartenId = randomUUID();
  const login = `head-${kindergartenId.slice(0, 8)}`;
  await db.query(
    `insert into kindergartens (id, name_ru, name_kk, city, city_id, created_at, updated_at)
     values ($1, $2, $2, 'Петропавловск', 'petropavl', now(), now())`,
    [kindergartenId, name],
  );
  await db.query(
    `insert into staff (id, kindergarten_id, login, full_name, role, password_hash, created_at)
     values ($1, $2, $3, 'Test Head', 'head', $4, now())`,
    [randomUUID(), kindergartenId, login, await hashPassword('test-password')],
  );
  const { token } = await loginAs(url, login, 'test-password');
  return { kindergartenId, token };
}

/** Adds a group to a kindergarten directly (test fixture), returning its id. */
export async function insertGroup(db: Db, kindergartenId: string, name: string, capacity = 20): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at)
     values ($1, $2, $3, 'junior', 'ru', $4, now())`,
    [id, kindergartenId, name, capacity],
  );
  return id;
}
