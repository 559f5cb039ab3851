import { calendarDiscrepancies, cityDate, kzRuleOptions, type CalendarDay } from '../../shared/calendar/index.js';
import type { DepartmentCommandPayload } from '../../shared/commands/department-commands.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import type { DepartmentCalendarYear } from '../../shared/department/calendar.js';
import {
  calendarRows,
  checkCalendarRemoval,
  checkCalendarSet,
  removeCalendarDay,
  saveCalendarDay,
} from '../intake/calendar-edits.js';
import { changeSettings } from '../intake/settings-changes.js';
import type { Queryable } from '../db/db.js';
import type { DecisionContext } from './schedule.js';
import type { DepartmentAuditAction } from '../../shared/department/audit-actions.js';
import { writeAudit } from '../audit/audit-log.js';

/**
 * The department's calendar and settings commands. The working-day calendar is national (one table,
 * replicated to every app): any city's department reads it, an administrator edits it (today and
 * later only). The regional settings are the session's city's. Every change is audited with its
 * before and after; nothing stored — a queue window, a contract deadline — changes with it.
 */

/** A year of the table with the rules' check of it (null when the rules do not know the year). */
export async function calendarYear(db: Queryable, year: number, now: Date): Promise<DepartmentCalendarYear> {
  const [days, years] = await Promise.all([
    calendarRows(db, year),
    db.query<{ year: number }>(
      'select distinct extract(year from date)::int as year from calendar_days where not deleted order by year',
    ),
  ]);
  const options = kzRuleOptions[year];
  return {
    year,
    today: cityDate(now),
    years: years.map((r) => Number(r.year)),
    days,
    discrepancies: options
      ? calendarDiscrepancies(days, year, options).map((p) => ({
          date: p.date,
          issue: p.issue,
          have: p.issue === 'extra' || p.issue === 'different' ? p.have.kind : null,
          want: p.issue === 'missing' || p.issue === 'different' ? p.want.kind : null,
        }))
      : null,
  };
}

async function audit(
  ctx: DecisionContext,
  action: DepartmentAuditAction,
  objectType: string,
  objectId: string,
  details: object,
) {
  await writeAudit(ctx.tx, {
    at: ctx.now,
    departmentAccountId: ctx.department.accountId,
    action,
    objectType,
    objectId,
    details: { commandId: ctx.commandId, cityId: ctx.department.cityId, ...details },
  });
}

/** The date's row as it is before the edit, locked (the audit's "before" stays exact). */
async function rowOf(ctx: DecisionContext, date: string): Promise<CalendarDay | null> {
  const [row] = await ctx.tx.query<CalendarDay>(
    `select date::text as date, kind, name_ru as "nameRu", name_kk as "nameKk", name_en as "nameEn", source, provisional
       from calendar_days where date = $1 and not deleted for update`,
    [date],
  );
  return row ?? null;
}

export async function setCalendarDay(ctx: DecisionContext, day: DepartmentCommandPayload<'calendarDay.set'>) {
  const before = await rowOf(ctx, day.date);
  const verdict = checkCalendarSet(day.date, day.kind, ctx.now);
  if (!verdict.ok) return verdict;
  await saveCalendarDay(ctx.tx, day, ctx.now);
  await audit(ctx, 'department.calendarDay.set', 'calendar_day', day.date, { before, after: day });
  return allowed;
}

export async function deleteCalendarDay(
  ctx: DecisionContext,
  { date }: DepartmentCommandPayload<'calendarDay.delete'>,
) {
  const before = await rowOf(ctx, date);
  const verdict = checkCalendarRemoval(before ? [before] : [], date, ctx.now);
  if (!verdict.ok) return verdict;
  await removeCalendarDay(ctx.tx, date, ctx.now);
  await audit(ctx, 'department.calendarDay.delete', 'calendar_day', date, { before, after: null });
  return allowed;
}

/** The city's settings from the stated instant (null: at once); a past instant is refused. */
export async function changeCitySettings(
  ctx: DecisionContext,
  { settings, effectiveFrom }: DepartmentCommandPayload<'regionalSettings.change'>,
) {
  const from = effectiveFrom === null ? ctx.now : new Date(effectiveFrom);
  if (from < ctx.now) return refuse('settings_effective_past', { effectiveFrom: from.toISOString() });
  const [before] = await ctx.tx.query<{ settings: unknown; pending_settings: unknown; pending_from: Date | null }>(
    'select settings, pending_settings, pending_from from regional_settings where city_id = $1 for update',
    [ctx.department.cityId],
  );
  const state = await changeSettings(ctx.tx, ctx.department.cityId, settings, from, ctx.now);
  await audit(ctx, 'department.regionalSettings.change', 'regional_settings', ctx.department.cityId, {
    before: before ?? null,
    after: settings,
    effectiveFrom: from.toISOString(),
    state,
  });
  return allowed;
}
