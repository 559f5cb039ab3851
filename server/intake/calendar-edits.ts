import {
  calendarDiscrepancies,
  calendarFromTable,
  checkCalendarDayKind,
  checkCalendarEditDate,
  cityDate,
  kzRuleOptions,
  type CalendarDay,
  type CalendarDayKind,
  type WorkingCalendar,
} from '../../shared/calendar/index.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import type { CalendarAffected, CalendarPreview } from '../../shared/department/calendar.js';
import { contractDeadline, windowClosesAt, type RegionalSettings } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { loadSettings } from './rule-context.js';

/**
 * The working-day calendar table's reads and writes, shared by the admin CLI (`calendar:*`) and the
 * department's console (`calendarDay.set`, `calendarDay.delete`). The table is national: one row
 * per date, replicated to every app. An edit never changes a stored queue window or contract
 * deadline: those were counted when they began and keep their stored end.
 */

/** The table's rows (of a year, or all), in date order. */
export async function calendarRows(db: Queryable, year: number | null): Promise<CalendarDay[]> {
  return db.query<CalendarDay>(
    `select date::text as date, kind, name_ru as "nameRu", name_kk as "nameKk", name_en as "nameEn", source, provisional
       from calendar_days where not deleted and ($1::int is null or extract(year from date) = $1) order by date`,
    [year],
  );
}

/** Adds or changes one date (a removed date comes back). */
export async function saveCalendarDay(tx: Queryable, day: CalendarDay, now: Date): Promise<void> {
  await tx.query(
    `insert into calendar_days (date, kind, name_ru, name_kk, name_en, source, provisional, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (date) do update set kind = $2, name_ru = $3, name_kk = $4, name_en = $5, source = $6,
                                      provisional = $7, updated_at = $8, deleted = false`,
    [day.date, day.kind, day.nameRu, day.nameKk, day.nameEn, day.source, day.provisional, now],
  );
}

/** Removes one date (it becomes an ordinary day again); false when the table does not have it. */
export async function removeCalendarDay(tx: Queryable, date: string, now: Date): Promise<boolean> {
  const rows = await tx.query(
    'update calendar_days set deleted = true, updated_at = $2 where date = $1 and not deleted returning date',
    [date, now],
  );
  return rows.length > 0;
}

/** One edit: a row set (with its kind) or the date's row removed (`kind` absent). */
export interface CalendarEdit {
  date: string;
  kind?: CalendarDayKind;
}

/**
 * The console's rule check of an edit: today or later (the city date of `now`), the kind fits the
 * weekday (the CLI's check, shared/calendar/edit.ts), and a removal names a date the table has.
 */
export function checkCalendarEdit(rows: readonly CalendarDay[], edit: CalendarEdit, now: Date) {
  return edit.kind ? checkCalendarSet(edit.date, edit.kind, now) : checkCalendarRemoval(rows, edit.date, now);
}

/** A date set with its kind: today or later, and the kind fits the weekday. */
export function checkCalendarSet(date: string, kind: CalendarDayKind, now: Date) {
  const past = checkCalendarEditDate(date, cityDate(now));
  return past.ok ? checkCalendarDayKind(date, kind) : past;
}

/** A date's row removed: today or later, and the table (`rows`) has it. */
export function checkCalendarRemoval(rows: readonly CalendarDay[], date: string, now: Date) {
  const past = checkCalendarEditDate(date, cityDate(now));
  if (!past.ok) return past;
  return rows.some((r) => r.date === date) ? allowed : refuse('calendar_day_not_found', { date });
}

const edited = (rows: readonly CalendarDay[], edit: CalendarEdit): CalendarDay[] => {
  const others = rows.filter((r) => r.date !== edit.date);
  if (!edit.kind) return others;
  // Names and source do not count working days: a placeholder row is enough for the preview.
  const row = {
    date: edit.date,
    kind: edit.kind,
    nameRu: '-',
    nameKk: '-',
    nameEn: '-',
    source: '-',
    provisional: false,
  };
  return [...others, row].sort((a, b) => a.date.localeCompare(b.date));
};

/** The end a rule counts, or null when the table cannot count it (a year not loaded). */
const endOf = (count: () => Date): number | null => {
  try {
    return count().getTime();
  } catch {
    return null;
  }
};

interface WindowRow {
  id: string;
  name_ru: string;
  name_kk: string;
  birth_year: number;
  language: 'ru' | 'kk';
  opened_at: Date;
  stored_end: Date;
}
interface DeadlineRow {
  id: string;
  name_ru: string;
  name_kk: string;
  number: string;
  claimed_at: Date;
  stored_end: Date;
}

/**
 * The city's open queue windows and contract deadlines (stored, not yet passed at `now`) whose end
 * the edit would have changed, counted with the settings in force now from the instant each began
 * — shown before the department confirms. Nothing stored changes: they keep their stored end.
 */
async function affectedBy(
  db: Queryable,
  cityId: string,
  settings: RegionalSettings,
  before: WorkingCalendar,
  after: WorkingCalendar,
  now: Date,
): Promise<CalendarAffected[]> {
  const affected: CalendarAffected[] = [];
  const differs = (count: (calendar: WorkingCalendar) => Date) =>
    endOf(() => count(before)) !== endOf(() => count(after)) ? endOf(() => count(after)) : undefined;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (settings.queueWindow.unit === 'working_days') {
    const windows = await db.query<WindowRow>(
      `select p.id, k.name_ru, k.name_kk, p.birth_year, p.language, p.published_at as opened_at, p.window_closes_at as stored_end
         from publications p join kindergartens k on k.id = p.kindergarten_id
        where k.city_id = $1 and not p.deleted and p.window_closes_at >= $2
          and (p.withdrawn_at is null or p.withdrawn_at > $2)
        order by p.window_closes_at, p.id`,
      [cityId, now],
    );
    for (const w of windows) {
      const end = differs((calendar) => windowClosesAt(new Date(w.opened_at), settings, calendar));
      if (end === undefined) continue;
      affected.push({
        object: 'window',
        id: w.id,
        kindergartenNameRu: w.name_ru,
        kindergartenNameKk: w.name_kk,
        referralNumber: null,
        birthYear: Number(w.birth_year),
        language: w.language,
        storedEnd: new Date(w.stored_end).toISOString(),
        editedEnd: iso(end),
      });
    }
  }
  const deadlines = await db.query<DeadlineRow>(
    `select r.id, k.name_ru, k.name_kk, r.number, r.claimed_at, r.contract_deadline as stored_end
       from referrals r join kindergartens k on k.id = r.kindergarten_id
      where k.city_id = $1 and r.status = 'active' and r.contract_deadline >= $2
      order by r.contract_deadline, r.id`,
    [cityId, now],
  );
  for (const d of deadlines) {
    const end = differs((calendar) => contractDeadline(new Date(d.claimed_at), settings, calendar));
    if (end === undefined) continue;
    affected.push({
      object: 'deadline',
      id: d.id,
      kindergartenNameRu: d.name_ru,
      kindergartenNameKk: d.name_kk,
      referralNumber: d.number,
      birthYear: null,
      language: null,
      storedEnd: new Date(d.stored_end).toISOString(),
      editedEnd: iso(end),
    });
  }
  return affected;
}

/** What an edit would do, before it is confirmed: its refusal, the city's open windows and deadlines it would have changed, the rule check after it. */
export async function previewCalendarEdit(
  db: Queryable,
  cityId: string,
  edit: CalendarEdit,
  now: Date,
): Promise<CalendarPreview> {
  const rows = await calendarRows(db, null);
  const verdict = checkCalendarEdit(rows, edit, now);
  const after = edited(rows, edit);
  const year = Number(edit.date.slice(0, 4));
  const options = kzRuleOptions[year];
  return {
    refusal: verdict.ok ? null : verdict.rejection,
    affected: verdict.ok
      ? await affectedBy(
          db,
          cityId,
          await loadSettings(db, cityId),
          calendarFromTable(rows),
          calendarFromTable(after),
          now,
        )
      : [],
    discrepanciesAfter: options ? calendarDiscrepancies(after, year, options).length : null,
  };
}
