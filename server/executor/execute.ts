import {
  commandRejections,
  commandRoles,
  isCommandKind,
  parsePayload,
  type NewCommand,
} from '../../shared/commands/command.js';
import { refuse, type Verdict } from '../../shared/commands/rejection.js';
import type { WireDocument } from '../../shared/replication/protocol.js';
import { auditInsertFrom } from '../audit/audit-log.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import { ContentionError } from '../db/contention.js';
import type { Db, Queryable } from '../db/db.js';
import { collectionPolicies, commandColumns } from '../replication/collections.js';
import { lockBatchRows } from './batch-locks.js';
import { commandHandlers } from './handlers.js';
import { checkDeclared } from './undeclared-rejections.js';

const toDocument = (row: Record<string, unknown>): WireDocument => ({
  ...collectionPolicies.commands.toDocument(row),
  _deleted: false,
});

type StoredRow = Record<string, unknown> & { id: string; kindergarten_id: string; deleted: boolean };

/** The commands already stored under these ids (whichever kindergarten they belong to), by id. */
async function storedCommands(db: Queryable, ids: readonly string[]): Promise<Map<string, StoredRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<StoredRow>(
    `select ${commandColumns}, kindergarten_id, deleted from commands where id = any ($1::uuid[])`,
    [ids],
    { prepare: true },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

export interface PushedCommand {
  command: NewCommand;
  /** Deleted on the device before the server saw it: never executed, only answered. */
  deleted: boolean;
}

/**
 * Executes a device's pushed commands in their order, each exactly once, and answers each with
 * its stored outcome (what RxDB takes as the master state). A command id seen before returns its
 * stored outcome and executes nothing; an id of another kindergarten is refused and reveals
 * nothing; a deleted command is answered with what is stored under its id, if anything.
 *
 * A batch runs in chunks of at most `CHUNK_SIZE` commands, one transaction each, so that no push
 * holds replicated rows locked for long. A chunk's transaction
 * first locks every row its commands write, in one fixed order (batch-locks.ts), then runs the
 * commands with a savepoint each: a refused command's handler writes are rolled back to its
 * savepoint, later commands see the effects of earlier ones, and every outcome is stored by one
 * statement before the chunk commits. If another device stored one of the same ids meanwhile (the
 * unique key says so), the chunk runs again (the stored id is then answered with its outcome);
 * deadlocks and serialization failures are retried by the database handle, and when those retries
 * run out the push fails with ContentionError (429), keeping the chunks already committed. If a chunk
 * fails otherwise, its commands run one per transaction: those before the failing one are kept,
 * and the push fails at that one.
 */
export async function executeCommands(
  db: Db,
  clock: Clock,
  auth: AuthContext,
  pushed: readonly PushedCommand[],
): Promise<WireDocument[]> {
  const outcomes: WireDocument[] = [];
  for (let start = 0; start < pushed.length; start += CHUNK_SIZE) {
    outcomes.push(...(await executeChunk(db, clock, auth, pushed.slice(start, start + CHUNK_SIZE))));
  }
  return outcomes;
}

/** Commands per transaction: a chunk of a big batch commits in tens of milliseconds. */
export const CHUNK_SIZE = 10;

async function executeChunk(
  db: Db,
  clock: Clock,
  auth: AuthContext,
  pushed: readonly PushedCommand[],
): Promise<WireDocument[]> {
  try {
    return await retried(() => executeBatch(db, clock, auth, pushed));
  } catch (error) {
    // Contention that outlasted the retries: the device is told to come back (429).
    if (pushed.length <= 1 || error instanceof ContentionError) throw error;
    // Something in the chunk fails: run it one command per transaction, so that every command
    // before the failing one is kept (and answered on the device's next push), then fail as it does.
    const outcomes: WireDocument[] = [];
    for (const one of pushed) outcomes.push(...(await retried(() => executeBatch(db, clock, auth, [one]))));
    return outcomes;
  }
}

/**
 * Runs a batch again when another device stored one of the same ids meanwhile (the unique key
 * says so). Deadlocks and serialization failures are retried by the database handle itself
 * (server/db/contention.ts).
 */
async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (code !== '23505' || attempt >= 3) throw error;
    }
  }
}

async function executeBatch(
  db: Db,
  clock: Clock,
  auth: AuthContext,
  pushed: readonly PushedCommand[],
): Promise<WireDocument[]> {
  const known = await storedCommands(
    db,
    pushed.map((p) => p.command.id),
  );
  const outcomes = new Map<string, WireDocument>();
  const toRun = new Map<string, NewCommand>();
  for (const { command, deleted } of pushed) {
    const row = known.get(command.id);
    if (row && row.kindergarten_id !== auth.kindergartenId) {
      if (!deleted) outcomes.set(command.id, foreignRefusal(command, clock));
    } else if (row) {
      outcomes.set(command.id, deleted ? { ...toDocument(row), _deleted: row.deleted } : toDocument(row));
    } else if (!deleted && !toRun.has(command.id)) {
      // The same id twice in one batch runs once; the second is answered with the first's outcome.
      toRun.set(command.id, command);
    }
  }
  if (toRun.size > 0) {
    const stored = await db.transaction(async (tx) => {
      // Every row the batch writes, locked first in one fixed order: batches never deadlock each other.
      await lockBatchRows(tx, auth.kindergartenId, toRun.values());
      const decided: Decided[] = [];
      for (const command of toRun.values()) {
        // One savepoint per command, released when the next one begins (one round trip for both).
        await tx.exec(decided.length === 0 ? 'savepoint command' : 'release savepoint command; savepoint command');
        const now = clock.now();
        decided.push({ command, now, verdict: await decide(tx, clock, auth, command, now) });
      }
      return storeOutcomes(tx, auth, decided);
    });
    for (const row of stored) outcomes.set(row.id as string, toDocument(row));
  }
  // A deleted command the server never stored is answered with nothing.
  return pushed.flatMap(({ command, deleted }) => {
    const outcome = outcomes.get(command.id);
    return outcome && (!deleted || known.has(command.id)) ? [outcome] : [];
  });
}

interface Decided {
  command: NewCommand;
  now: Date;
  verdict: Verdict;
}

/** Each stored command's audit entry: its kind is the action (`storeOutcomes`' `input`, `$1` and `$2`). */
const logCommands = auditInsertFrom(
  `select executed_at as at, $1::uuid as kindergarten_id, $2::uuid as staff_id, kind as action,
          'command' as object_type, id::text as object_id, details from input`,
  ['at', 'kindergarten_id', 'staff_id', 'action', 'object_type', 'object_id', 'details'],
);

/** Stores every command of the batch with its outcome, and its audit entry, in one statement. */
async function storeOutcomes(tx: Queryable, auth: AuthContext, decided: readonly Decided[]) {
  return tx.query<Record<string, unknown>>(
    `with input as (
       select * from unnest($3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::timestamptz[], $8::text[], $9::jsonb[],
                            $10::timestamptz[], $11::jsonb[])
         as t (id, kind, payload, device_id, device_time, status, rejection, executed_at, details)),
     stored as (
       insert into commands (id, kindergarten_id, staff_id, kind, payload, device_id, device_time, status,
         rejection, received_at, executed_at, updated_at)
       select id, $1, $2, kind, payload, device_id, device_time, status, rejection, executed_at, executed_at, executed_at
         from input
       returning ${commandColumns}),
     logged as (${logCommands})
     select * from stored`,
    [
      auth.kindergartenId,
      auth.staffId,
      decided.map((d) => d.command.id),
      decided.map((d) => d.command.kind),
      decided.map((d) => JSON.stringify(d.command.payload)),
      decided.map((d) => d.command.deviceId),
      decided.map((d) => d.command.deviceTime),
      decided.map((d) => (d.verdict.ok ? 'applied' : 'rejected')),
      decided.map((d) => (d.verdict.ok ? null : JSON.stringify(d.verdict.rejection))),
      decided.map((d) => d.now),
      decided.map((d) => JSON.stringify({ verdict: d.verdict })),
    ],
    { prepare: true },
  );
}

async function decide(
  tx: Queryable,
  clock: Clock,
  auth: AuthContext,
  command: NewCommand,
  now: Date,
): Promise<Verdict> {
  if (!isCommandKind(command.kind)) return refuse('unknown_kind', { kind: command.kind });
  if (!commandRoles[command.kind].includes(auth.role))
    return refuse('forbidden', { role: auth.role, kind: command.kind });
  const parsed = parsePayload(command.kind, command.payload);
  if (!parsed.success) {
    return refuse('invalid_payload', { field: parsed.error.issues[0]?.path.join('.') ?? '' });
  }
  // The registry is keyed by kind; TypeScript cannot correlate kind and payload through the union.
  const handler = commandHandlers[command.kind] as (c: unknown, p: unknown) => Promise<Verdict>;
  const verdict = await handler({ tx, clock, auth, now }, parsed.data);
  if (verdict.ok) return verdict;
  // The compiler holds a handler to its kind's codes; this reports one that got past it (a cast).
  checkDeclared('staff', command.kind, commandRejections[command.kind], verdict.rejection.code);
  // A refused command leaves nothing behind but its stored refusal.
  await tx.exec('rollback to savepoint command');
  return verdict;
}

function foreignRefusal(command: NewCommand, clock: Clock): WireDocument {
  const now = clock.now().toISOString();
  return {
    id: command.id,
    kind: command.kind,
    payload: command.payload,
    deviceId: command.deviceId,
    deviceTime: command.deviceTime,
    status: 'rejected',
    rejection: { code: 'forbidden', params: {} },
    executedAt: now,
    rev: 1,
    updatedAt: now,
    _deleted: false,
  };
}
