import type { DepartmentCommandPayload } from '../../shared/commands/department-commands.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import {
  SCHEDULE_PAGE_LIMIT,
  type DepartmentKindergarten,
  type DepartmentScheduleEntry,
  type DepartmentScheduleList,
  type ScheduleFilter,
} from '../../shared/department/schedule.js';
import type { ScheduleEntry, ScheduleEntryStatus } from '../../shared/domain/schedule-entry.js';
import { ageGroupFor, birthYearFor, intakeYear } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import type { DepartmentContext } from './sessions.js';
import type { DepartmentAuditAction } from '../../shared/department/audit-actions.js';
import { writeAudits } from '../audit/audit-log.js';

/** A schedule entry as the department lists it: the entry's own fields, its kindergarten's names. */
type EntryRow = Pick<
  ScheduleEntry,
  | 'id'
  | 'kindergartenId'
  | 'birthYear'
  | 'language'
  | 'seats'
  | 'availableFrom'
  | 'status'
  | 'note'
  | 'submittedAt'
  | 'decidedAt'
  | 'decisionNote'
> &
  Pick<DepartmentScheduleEntry, 'kindergartenNameRu' | 'kindergartenNameKk'>;

/** The intake year minus the birth year that makes an age group (by the shared rule, age-groups.ts). */
const yearsFor = (ageGroup: NonNullable<ScheduleFilter['ageGroup']>) =>
  intakeYear('2000-06-01') - birthYearFor(ageGroup, '2000-06-01');

/**
 * The city's schedule entries that match the filter (submitted ones when no state is given), in
 * the order the department works through them: date, kindergarten, birth year, language.
 */
export async function listCityEntries(
  db: Queryable,
  department: DepartmentContext,
  filter: ScheduleFilter,
): Promise<DepartmentScheduleList> {
  const rows = await db.query<EntryRow>(
    `select e.id, e.kindergarten_id as "kindergartenId", k.name_ru as "kindergartenNameRu",
            k.name_kk as "kindergartenNameKk", e.birth_year as "birthYear", e.language, e.seats,
            e.available_from::text as "availableFrom", e.status, e.note,
            ${isoInstantSql('e.submitted_at')} as "submittedAt", ${isoInstantSql('e.decided_at')} as "decidedAt",
            e.decision_note as "decisionNote"
       from schedule_entries e join kindergartens k on k.id = e.kindergarten_id
      where k.city_id = $1 and not e.deleted and not k.deleted and e.status = $2
        and ($3::uuid is null or e.kindergarten_id = $3)
        and ($4::date is null or e.available_from >= $4)
        and ($5::date is null or e.available_from <= $5)
        and ($6::text is null or e.language = $6)
        and ($7::int is null or (case when extract(month from e.available_from) >= 6
                                      then extract(year from e.available_from)
                                      else extract(year from e.available_from) - 1 end)::int - e.birth_year = $7)
      order by e.available_from, k.name_ru, e.birth_year, e.language, e.id
      limit ${SCHEDULE_PAGE_LIMIT + 1}`,
    [
      department.cityId,
      filter.status ?? 'submitted',
      filter.kindergartenId ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.language ?? null,
      filter.ageGroup ? yearsFor(filter.ageGroup) : null,
    ],
  );
  const entries = rows
    .slice(0, SCHEDULE_PAGE_LIMIT)
    .map((row): DepartmentScheduleEntry => ({ ...row, ageGroup: ageGroupFor(row.birthYear, row.availableFrom) }));
  return { entries, truncated: rows.length > SCHEDULE_PAGE_LIMIT };
}

/** The city's kindergartens, for the filter. */
export async function listCityKindergartens(
  db: Queryable,
  department: DepartmentContext,
): Promise<DepartmentKindergarten[]> {
  return db.query<DepartmentKindergarten>(
    `select id, name_ru as "nameRu", name_kk as "nameKk" from kindergartens
      where city_id = $1 and not deleted order by name_ru, id`,
    [department.cityId],
  );
}

/** Locks the city's entries among `ids` (in id order); another city's entry is as if it did not exist. */
async function lockCityEntries(tx: Queryable, cityId: string, ids: readonly string[]) {
  return tx.query<{ id: string; status: ScheduleEntryStatus; kindergarten_id: string }>(
    `select e.id, e.status, e.kindergarten_id
       from schedule_entries e join kindergartens k on k.id = e.kindergarten_id
      where e.id = any ($1::uuid[]) and k.city_id = $2 and not e.deleted
      order by e.id
        for no key update of e`,
    [ids, cityId],
  );
}

export interface DecisionContext {
  tx: Queryable;
  department: DepartmentContext;
  commandId: string;
  now: Date;
}

async function auditDecision(
  ctx: DecisionContext,
  action: DepartmentAuditAction,
  entries: readonly { id: string; kindergarten_id: string }[],
  details: Record<string, unknown>,
) {
  await writeAudits(
    ctx.tx,
    entries.map((e) => ({
      at: ctx.now,
      kindergartenId: e.kindergarten_id,
      departmentAccountId: ctx.department.accountId,
      action,
      objectType: 'schedule_entry',
      objectId: e.id,
      details: { commandId: ctx.commandId, ...details },
    })),
  );
}

/**
 * Approves submitted entries of the city: all of them or none (a bulk approval confirmed on a
 * summary must not half-happen). Approved seats are publishable at once: the kindergarten's desk
 * receives the decision through replication.
 */
export async function approveEntries(
  ctx: DecisionContext,
  { entryIds }: DepartmentCommandPayload<'scheduleEntry.approve'>,
) {
  const entries = await lockCityEntries(ctx.tx, ctx.department.cityId, entryIds);
  const found = new Set(entries.map((e) => e.id));
  const missing = entryIds.find((id) => !found.has(id));
  if (missing) return refuse('not_found', { object: 'scheduleEntry', id: missing });
  const notSubmitted = entries.find((e) => e.status !== 'submitted');
  if (notSubmitted)
    return refuse('wrong_schedule_status', { status: notSubmitted.status, action: 'approve', id: notSubmitted.id });
  await ctx.tx.query(
    `update schedule_entries set status = 'approved', decided_at = $2, decision_note = '', updated_at = $2
      where id = any ($1::uuid[])`,
    [entryIds, ctx.now],
  );
  await auditDecision(ctx, 'department.scheduleEntry.approve', entries, {});
  return allowed;
}

/**
 * Returns a submitted entry to its kindergarten with the reason: the head sees it on her schedule
 * screen, edits the entry (it becomes a draft) and submits it again.
 */
export async function returnEntry(
  ctx: DecisionContext,
  { entryId, reason }: DepartmentCommandPayload<'scheduleEntry.return'>,
) {
  const [entry] = await lockCityEntries(ctx.tx, ctx.department.cityId, [entryId]);
  if (!entry) return refuse('not_found', { object: 'scheduleEntry', id: entryId });
  if (entry.status !== 'submitted') return refuse('wrong_schedule_status', { status: entry.status, action: 'return' });
  await ctx.tx.query(
    `update schedule_entries set status = 'rejected', decided_at = $2, decision_note = $3, updated_at = $2 where id = $1`,
    [entryId, ctx.now, reason],
  );
  await auditDecision(ctx, 'department.scheduleEntry.return', [entry], { reason });
  return allowed;
}
