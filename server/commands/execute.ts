import { commandRoles, isCommandKind, parsePayload, type NewCommand } from '../../shared/commands/command.js';
import { refuse, type Verdict } from '../../shared/commands/rejection.js';
import type { WireDocument } from '../../shared/replication/protocol.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { collectionPolicies, commandColumns } from '../replication/collections.js';
import { commandHandlers } from './handlers.js';

const toDocument = (row: Record<string, unknown>): WireDocument => ({
  ...collectionPolicies.commands.toDocument(row),
  _deleted: false,
});

async function storedCommand(db: Queryable, id: string, kindergartenId: string) {
  const rows = await db.query(`select ${commandColumns}, kindergarten_id from commands where id = $1`, [id]);
  const row = rows[0];
  if (!row) return null;
  // A command id of another kindergarten reveals nothing: it is answered as refused, not stored.
  if (row.kindergarten_id !== kindergartenId) return 'foreign' as const;
  return toDocument(row);
}

/**
 * Executes one command exactly once: in one transaction it runs the kind's handler and
 * stores the command with its outcome. A command id seen before returns its stored outcome.
 */
export async function executeCommand(
  db: Db,
  clock: Clock,
  auth: AuthContext,
  command: NewCommand,
): Promise<WireDocument> {
  const known = await storedCommand(db, command.id, auth.kindergartenId);
  if (known === 'foreign') return foreignRefusal(command, clock);
  if (known) return known;
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const verdict = await decide(tx, clock, auth, command, now);
      const rows = await tx.query(
        `insert into commands (id, kindergarten_id, staff_id, kind, payload, device_id, device_time, status,
           rejection, received_at, executed_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10)
         returning ${commandColumns}`,
        [
          command.id,
          auth.kindergartenId,
          auth.staffId,
          command.kind,
          JSON.stringify(command.payload),
          command.deviceId,
          command.deviceTime,
          verdict.ok ? 'applied' : 'rejected',
          verdict.ok ? null : JSON.stringify(verdict.rejection),
          now,
        ],
      );
      await tx.query(
        `insert into audit_log (at, kindergarten_id, staff_id, action, object_type, object_id, details)
         values ($1, $2, $3, $4, 'command', $5, $6)`,
        [now, auth.kindergartenId, auth.staffId, command.kind, command.id, JSON.stringify({ verdict })],
      );
      return toDocument(rows[0]!);
    });
  } catch (error) {
    // Two devices (or a retry) pushed the same id at once: the other transaction won; return its outcome.
    if (isUniqueViolation(error)) {
      const stored = await storedCommand(db, command.id, auth.kindergartenId);
      if (stored && stored !== 'foreign') return stored;
    }
    throw error;
  }
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
  await tx.query('savepoint before_handler');
  try {
    // The registry is keyed by kind; TypeScript cannot correlate kind and payload through the union.
    const handler = commandHandlers[command.kind] as (c: unknown, p: unknown) => Promise<Verdict>;
    const verdict = await handler({ tx, clock, auth, now }, parsed.data);
    if (!verdict.ok) await tx.query('rollback to savepoint before_handler');
    return verdict;
  } catch (error) {
    await tx.query('rollback to savepoint before_handler');
    throw error;
  }
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

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
