import { isCommandKind, parsePayload, type NewCommand } from '../../shared/commands/command.js';
import type { Queryable } from '../db/db.js';

/** The rows a batch's commands will lock, by kind of row. */
interface BatchRows {
  groups: Set<string>;
  publications: Set<string>;
  scheduleEntries: Set<string>;
  referrals: Set<string>;
  enrollments: Set<string>;
}

/** The ids a command names, by what they are (from its payload; an invalid payload names nothing). */
function namedRows(command: NewCommand, rows: BatchRows): void {
  if (!isCommandKind(command.kind)) return;
  const parsed = parsePayload(command.kind, command.payload);
  if (!parsed.success) return;
  const p = parsed.data as Record<string, unknown>;
  const add = (set: Set<string>, id: unknown) => typeof id === 'string' && set.add(id);
  switch (command.kind) {
    case 'group.setCapacity':
    case 'departure.graduate':
      add(rows.groups, p.groupId);
      break;
    case 'publication.publish': {
      add(rows.groups, p.groupId);
      const source = p.source as { kind: string; id: string };
      if (source.kind === 'schedule_entry') add(rows.scheduleEntries, source.id);
      break;
    }
    case 'departure.moveUp':
      for (const move of p.moves as Array<{ fromGroupId: string; toGroupId: string }>) {
        add(rows.groups, move.fromGroupId);
        add(rows.groups, move.toGroupId);
      }
      break;
    case 'publication.withdraw':
      add(rows.publications, p.publicationId);
      break;
    case 'scheduleEntry.create':
    case 'scheduleEntry.update':
    case 'scheduleEntry.delete':
    case 'scheduleEntry.submit':
      add(rows.scheduleEntries, p.entryId);
      break;
    case 'referral.concludeContract':
    case 'referral.decline':
    case 'referral.enroll':
      add(rows.referrals, p.referralId);
      break;
    case 'contract.terminate':
      add(rows.referrals, p.referralId);
      add(rows.enrollments, p.enrollmentId);
      break;
  }
}

/**
 * Locks, before a push batch runs any command, every group, publication, schedule entry, referral
 * and enrollment of the pushing kindergarten that its commands will write (a referral's and an
 * enrollment's group and publication included), in one fixed order: by kind of row in that order,
 * then by id. Two batches that touch the same rows in different command orders then wait for
 * each other at the first shared row instead of deadlocking, and the handlers' own locks on these
 * rows are held already. The mode is FOR NO KEY UPDATE: a parent's claim inserting a referral
 * needs only a key-share lock on its publication and group (foreign keys), which it still gets.
 */
export async function lockBatchRows(
  tx: Queryable,
  kindergartenId: string,
  commands: Iterable<NewCommand>,
): Promise<void> {
  const rows: BatchRows = {
    groups: new Set(),
    publications: new Set(),
    scheduleEntries: new Set(),
    referrals: new Set(),
    enrollments: new Set(),
  };
  for (const command of commands) namedRows(command, rows);
  // A referral or an enrollment is written together with its publication's seats and its group.
  if (rows.referrals.size > 0 || rows.enrollments.size > 0 || rows.publications.size > 0) {
    const owners = await tx.query<{ group_id: string; publication_id: string | null; referral_id: string | null }>(
      `select group_id, id as publication_id, null::uuid as referral_id from publications
        where id = any ($1::uuid[]) and kindergarten_id = $4
       union all
       select group_id, publication_id, id from referrals where id = any ($2::uuid[]) and kindergarten_id = $4
       union all
       select e.group_id, r.publication_id, r.id from enrollments e left join referrals r on r.id = e.referral_id
        where e.id = any ($3::uuid[]) and e.kindergarten_id = $4`,
      [[...rows.publications], [...rows.referrals], [...rows.enrollments], kindergartenId],
      { prepare: true },
    );
    for (const owner of owners) {
      rows.groups.add(owner.group_id);
      if (owner.publication_id) rows.publications.add(owner.publication_id);
      if (owner.referral_id) rows.referrals.add(owner.referral_id);
    }
  }
  const lockAll = async (table: string, ids: Set<string>) => {
    if (ids.size === 0) return;
    await tx.query(
      `select id from ${table} where id = any ($1::uuid[]) and kindergarten_id = $2 order by id for no key update`,
      [[...ids], kindergartenId],
      { prepare: true },
    );
  };
  await lockAll('groups', rows.groups);
  await lockAll('publications', rows.publications);
  await lockAll('schedule_entries', rows.scheduleEntries);
  await lockAll('referrals', rows.referrals);
  await lockAll('enrollments', rows.enrollments);
}
