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

/**
 * A pull checkpoint: the position (transaction id, change sequence) of the last change seen.
 * Opaque to clients; compared only by the server.
 */
export const checkpointSchema = z.object({ txid: txidText, seq: seqText });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const pullQuerySchema = z.object({
  txid: txidText.optional(),
  seq: seqText.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

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
