import { z } from 'zod';

/**
 * The replication protocol's version. It is part of every replication URL; a server answers
 * 426 Upgrade Required to any other version, so an outdated app is told to update.
 */
export const REPLICATION_VERSION = 1;

/**
 * Every collection a replica holds (RxDB's open-source storage allows 13 open collections:
 * keep this list at 13 or fewer).
 */
export const replicatedCollections = [
  'kindergartens',
  'groups',
  'commands',
  'calendarDays',
  'regionalSettings',
  'scheduleEntries',
  'publications',
  'seats',
  'referrals',
  'enrollments',
  'departures',
  'vacancies',
] as const;
export type ReplicatedCollection = (typeof replicatedCollections)[number];
export const replicatedCollectionSchema = z.enum(replicatedCollections);

/**
 * A checkpoint's parts, as decimal text within their columns' real range: `change_txid` is an
 * xid8 (0 to 2^64 − 1), `change_seq` a bigint sequence (1 to 2^63 − 1). A number past the range
 * is refused here, never handed to PostgreSQL to fail on.
 */
const decimalUpTo = (max: bigint, what: string) =>
  z
    .string()
    .regex(/^\d{1,20}$/, { message: 'must be a non-negative whole number', abort: true })
    // zod runs every check unless one aborts: the digits are tested again so BigInt never throws.
    .refine((value) => /^\d{1,20}$/.test(value) && BigInt(value) <= max, {
      message: `must be at most ${max} (${what})`,
    });
export const txidText = decimalUpTo(2n ** 64n - 1n, 'an xid8');
export const seqText = decimalUpTo(2n ** 63n - 1n, 'a bigint');

/** The most transactions a checkpoint's snapshot lists as running (the server weakens longer ones). */
export const MAX_RUNNING_IN_SNAPSHOT = 100;

/** `xmin:xmax:xip,…`, each id at most 20 digits: the shape, its parts captured. */
const SNAPSHOT = /^(\d{1,20}):(\d{1,20}):((?:\d{1,20}(?:,\d{1,20})*)?)$/;

/**
 * A PostgreSQL snapshot as text (`pg_snapshot`): `xmin:xmax:xip,…` — the transactions below xmax
 * and not listed were committed (or gone) when it was taken. Checked here as PostgreSQL would
 * (1 ≤ xmin ≤ xmax, each listed id within [xmin, xmax), ascending) — and below 2^63, which every
 * real transaction id is (PostgreSQL reads some larger ones oddly: 2^63 refused, 2^64 read as 2^64 − 1)
 * — so a bad one is refused by name, never handed to the database to fail on.
 */
export const snapshotText = z
  .string()
  .max(24 * (MAX_RUNNING_IN_SNAPSHOT + 2))
  .regex(SNAPSHOT, { message: 'must be a snapshot xmin:xmax:xip,…', abort: true })
  .refine((text) => parseSnapshot(text) !== null, {
    message: `must have 1 ≤ xmin ≤ xmax < 2^63 and at most ${MAX_RUNNING_IN_SNAPSHOT} ascending running ids within [xmin, xmax)`,
  });

export interface Snapshot {
  xmin: bigint;
  xmax: bigint;
  running: bigint[];
}

/** A snapshot's parts, or null where PostgreSQL (or our bound on its length) would refuse it. */
export function parseSnapshot(text: string): Snapshot | null {
  const match = SNAPSHOT.exec(text);
  if (!match) return null;
  const xmin = BigInt(match[1]!);
  const xmax = BigInt(match[2]!);
  const running = match[3] ? match[3].split(',').map(BigInt) : [];
  if (xmin < 1n || xmax < xmin || xmax >= 2n ** 63n || running.length > MAX_RUNNING_IN_SNAPSHOT) return null;
  for (let i = 0; i < running.length; i++) {
    const id = running[i]!;
    if (id < xmin || id >= xmax || (i > 0 && id < running[i - 1]!)) return null;
  }
  return { xmin, xmax, running };
}

/**
 * A pull checkpoint: what a replica has been sent. Opaque to clients; read only by the server.
 * - `{ snapshot }`: every change of a transaction visible in that snapshot (all of them committed
 *   when it was taken) — so a transaction still running then, however old, is sent when it commits.
 * - `{ snapshot, upTo, txid, seq }`: paging between two snapshots: besides `snapshot`'s, the changes
 *   of transactions visible in `upTo` up to position (txid, seq) in (transaction id, change sequence)
 *   order.
 * - `{ txid, seq }` alone: the form of replication before snapshots (every transaction below txid,
 *   and txid's own changes up to seq); still read, never written. A written checkpoint carries a
 *   txid and seq that mean the same to a server that reads only them: (the snapshot's xmin, 0).
 */
export const checkpointSchema = z.object({
  snapshot: snapshotText.optional(),
  upTo: snapshotText.optional(),
  txid: txidText,
  seq: seqText,
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const pullQuerySchema = z.object({
  snapshot: snapshotText.optional(),
  upTo: snapshotText.optional(),
  txid: txidText.optional(),
  seq: seqText.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** A checkpoint as the pull's query parameters (what `pullQuerySchema` reads back). */
export function checkpointQuery(checkpoint: Checkpoint | null | undefined): Record<string, string> {
  if (!checkpoint) return {};
  const query: Record<string, string> = { txid: checkpoint.txid, seq: checkpoint.seq };
  if (checkpoint.snapshot) query.snapshot = checkpoint.snapshot;
  if (checkpoint.upTo) query.upTo = checkpoint.upTo;
  return query;
}

/** The checkpoint a pull's query names (null: from the beginning). */
export function checkpointOfQuery(query: z.infer<typeof pullQuerySchema>): Checkpoint | null {
  if (query.txid === undefined || query.seq === undefined) return null;
  return {
    txid: query.txid,
    seq: query.seq,
    ...(query.snapshot ? { snapshot: query.snapshot } : {}),
    ...(query.upTo ? { upTo: query.upTo } : {}),
  };
}

/** A replicated document as it travels: the domain fields plus RxDB's deletion flag. */
export type DocumentBody = Record<string, unknown> & { id: string };
export type WireDocument = DocumentBody & { _deleted: boolean };

export interface PullResponse {
  documents: WireDocument[];
  checkpoint: Checkpoint | null;
}

export const pushRowSchema = z.object({
  assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export const pushBodySchema = z.array(pushRowSchema).max(500);
export type PushRow = z.infer<typeof pushRowSchema>;

/**
 * One message on the event stream (`data: <json>` per Server-Sent Event). The server sends it for
 * any collection of its registry (`StreamMessage<string>`); the app reads its own collections.
 */
export type StreamMessage<C extends string = ReplicatedCollection, D = WireDocument> =
  | { type: 'changes'; collection: C; documents: D[]; checkpoint: Checkpoint }
  | { type: 'resync'; heartbeatMs: number }
  | { type: 'heartbeat'; serverTime: string }
  /** The session ended (signed out, revoked, expired, account disabled): sign in again. */
  | { type: 'ended'; reason: 'session' };

export const replicationPath = (collection: ReplicatedCollection, op: 'pull' | 'push') =>
  `/api/replication/v${REPLICATION_VERSION}/${collection}/${op}`;
export const streamPath = `/api/replication/v${REPLICATION_VERSION}/stream`;

/** A client that hears nothing on the stream for this many heartbeat periods falls back to pull. */
export const SILENT_HEARTBEATS = 3;
