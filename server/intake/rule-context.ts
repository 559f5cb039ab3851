import { calendarFromTable, type CalendarDay, type WorkingCalendar } from '../../shared/calendar/index.js';
import { defaultRegionalSettings, regionalSettingsSchema, type RegionalSettings } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';

/** What every rule needs besides the server clock: the working-day calendar and the city's settings. */
export interface RuleContext {
  cityId: string;
  calendar: WorkingCalendar;
  settings: RegionalSettings;
}

export async function loadCalendar(db: Queryable): Promise<WorkingCalendar> {
  const rows = await db.query<CalendarDay>(
    `select date::text as date, kind, name_ru as "nameRu", name_kk as "nameKk", name_en as "nameEn", source, provisional
       from calendar_days where not deleted`,
  );
  return calendarFromTable(rows);
}

/** The city's settings as stored; a city without a stored row uses the defaults. */
export async function loadSettings(db: Queryable, cityId: string): Promise<RegionalSettings> {
  const rows = await db.query<{ settings: unknown }>(
    'select settings from regional_settings where city_id = $1 and not deleted',
    [cityId],
  );
  if (!rows[0]) return defaultRegionalSettings;
  return regionalSettingsSchema.parse(rows[0].settings);
}

export async function ruleContextForKindergarten(db: Queryable, kindergartenId: string): Promise<RuleContext> {
  const rows = await db.query<{ city_id: string }>('select city_id from kindergartens where id = $1', [kindergartenId]);
  const cityId = rows[0]?.city_id;
  if (!cityId) throw new Error(`unknown kindergarten ${kindergartenId}`);
  return ruleContextForCity(db, cityId);
}

export async function ruleContextForCity(db: Queryable, cityId: string): Promise<RuleContext> {
  const [calendar, settings] = await Promise.all([loadCalendar(db), loadSettings(db, cityId)]);
  return { cityId, calendar, settings };
}
