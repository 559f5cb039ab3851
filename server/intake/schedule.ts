import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import { ageGroupFor } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import type { IntakeActor } from './publications.js';

type EntryFields = CommandPayload<'scheduleEntry.create'>;

async function entryForUpdate(tx: Queryable, id: string, kindergartenId: string) {
  const rows = await tx.query<{ status: string }>(
    'select status from schedule_entries where id = $1 and kindergarten_id = $2 and not deleted for no key update',
    [id, kindergartenId],
  );
  return rows[0] ?? null;
}

async function checkFields(tx: Queryable, actor: IntakeActor, p: EntryFields) {
  if (ageGroupFor(p.birthYear, p.availableFrom) === null)
    return refuse('birth_year_not_admissible', { birthYear: p.birthYear, availableFrom: p.availableFrom });
  if (p.groupId) {
    const groups = await tx.query('select 1 from groups where id = $1 and kindergarten_id = $2 and not deleted', [
      p.groupId,
      actor.kindergartenId,
    ]);
    if (!groups.length) return refuse('not_found', { object: 'group', id: p.groupId });
  }
  return allowed;
}

/** A draft entry of the summer intake schedule; the department approves submitted entries. */
export async function createEntry(tx: Queryable, actor: IntakeActor, p: EntryFields, now: Date) {
  const verdict = await checkFields(tx, actor, p);
  if (!verdict.ok) return verdict;
  if ((await tx.query('select 1 from schedule_entries where id = $1', [p.entryId])).length)
    return refuse('duplicate_id', { id: p.entryId });
  await tx.query(
    `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, note, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10)`,
    [
      p.entryId,
      actor.kindergartenId,
      p.groupId,
      p.birthYear,
      p.language,
      p.seats,
      p.availableFrom,
      p.note,
      actor.staffId,
      now,
    ],
  );
  return allowed;
}

/** Drafts and rejected entries can be edited (a rejected one becomes a draft again); submitted and approved ones cannot. */
export async function updateEntry(tx: Queryable, actor: IntakeActor, p: EntryFields, now: Date) {
  const entry = await entryForUpdate(tx, p.entryId, actor.kindergartenId);
  if (!entry) return refuse('not_found', { object: 'scheduleEntry', id: p.entryId });
  if (entry.status !== 'draft' && entry.status !== 'rejected')
    return refuse('wrong_schedule_status', { status: entry.status, action: 'update' });
  const verdict = await checkFields(tx, actor, p);
  if (!verdict.ok) return verdict;
  await tx.query(
    `update schedule_entries set group_id = $2, birth_year = $3, language = $4, seats = $5, available_from = $6, note = $7, status = 'draft', updated_at = $8 where id = $1`,
    [p.entryId, p.groupId, p.birthYear, p.language, p.seats, p.availableFrom, p.note, now],
  );
  return allowed;
}

export async function deleteEntry(tx: Queryable, actor: IntakeActor, entryId: string, now: Date) {
  const entry = await entryForUpdate(tx, entryId, actor.kindergartenId);
  if (!entry) return refuse('not_found', { object: 'scheduleEntry', id: entryId });
  if (entry.status !== 'draft' && entry.status !== 'rejected')
    return refuse('wrong_schedule_status', { status: entry.status, action: 'delete' });
  await tx.query('update schedule_entries set deleted = true, updated_at = $2 where id = $1', [entryId, now]);
  return allowed;
}

export async function submitEntry(tx: Queryable, actor: IntakeActor, entryId: string, now: Date) {
  const entry = await entryForUpdate(tx, entryId, actor.kindergartenId);
  if (!entry) return refuse('not_found', { object: 'scheduleEntry', id: entryId });
  if (entry.status !== 'draft' && entry.status !== 'rejected')
    return refuse('wrong_schedule_status', { status: entry.status, action: 'submit' });
  await tx.query(`update schedule_entries set status = 'submitted', submitted_at = $2, updated_at = $2 where id = $1`, [
    entryId,
    now,
  ]);
  return allowed;
}
