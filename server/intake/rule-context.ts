import { calendarFromTable, type CalendarDay, type WorkingCalendar } from '../../shared/calendar/index.js';
import { defaultRegionalSettings, regionalSettingsSchema, type RegionalSettings } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';

/** What every rule needs besides the server clock: the working-day calendar and the city's settings. */
export interface RuleContext {
  cityId: string;
  calendar: WorkingCalendar;
  settings: RegionalSettings;
}

/**
 * The version of the calendar and all settings as the current statement sees them (migration 0006):
 * every write to either bumps it in the same transaction, from a sequence that never repeats, so
 * equal versions mean equal contents. Select it beside other columns to save a round trip.
 */
export const ruleVersionColumn = '(select version::text from rule_version)';

interface Versioned<T> {
  version: string;
  value: T;
}

/**
 * The per-process cache of a rule input: `load` reads the value together with the version in one
 * statement (one snapshot), so what is kept under a version is exactly that version's contents.
 */
async function cached<T>(
  db: Queryable,
  key: string,
  version: string | undefined,
  load: () => Promise<Versioned<T>>,
): Promise<T> {
  const hit = db.memo.get(key) as Versioned<T> | undefined;
  if (hit && version !== undefined && hit.version === version) return hit.value;
  const fresh = await load();
  db.memo.set(key, fresh);
  return fresh.value;
}

/** The working-day calendar; `version` (from {@link ruleVersionColumn}) lets a cached copy answer. */
export function loadCalendar(db: Queryable, version?: string): Promise<WorkingCalendar> {
  return cached(db, 'rules:calendar', version, async () => {
    const rows = await db.query<{ [K in keyof CalendarDay]: CalendarDay[K] | null } & { version: string }>(
      `select v.version::text as version, c.date::text as date, c.kind, c.name_ru as "nameRu", c.name_kk as "nameKk",
              c.name_en as "nameEn", c.source, c.provisional
         from rule_version v left join calendar_days c on not c.deleted`,
    );
    const days = rows.filter((r): r is CalendarDay & { version: string } => r.date !== null);
    return { version: rows[0]!.version, value: calendarFromTable(days) };
  });
}

/** The city's settings as stored; a city without a stored row uses the defaults. */
export function loadSettings(db: Queryable, cityId: string, version?: string): Promise<RegionalSettings> {
  return cached(db, `rules:settings:${cityId}`, version, async () => {
    const rows = await db.query<{ version: string; settings: unknown }>(
      `select v.version::text as version, s.settings
         from rule_version v left join regional_settings s on s.city_id = $1 and not s.deleted`,
      [cityId],
    );
    const row = rows[0]!;
    const value = row.settings === null ? defaultRegionalSettings : regionalSettingsSchema.parse(row.settings);
    return { version: row.version, value };
  });
}

export async function ruleContextForKindergarten(db: Queryable, kindergartenId: string): Promise<RuleContext> {
  const rows = await db.query<{ city_id: string; version: string }>(
    `select city_id, ${ruleVersionColumn} as version from kindergartens where id = $1`,
    [kindergartenId],
  );
  const row = rows[0];
  if (!row) throw new Error(`unknown kindergarten ${kindergartenId}`);
  return ruleContextForCity(db, row.city_id, row.version);
}

/** The rule context of a city; pass the version read beside the caller's own columns, if it has it. */
export async function ruleContextForCity(db: Queryable, cityId: string, version?: string): Promise<RuleContext> {
  const current =
    version ?? (await db.query<{ version: string }>(`select ${ruleVersionColumn} as version`))[0]!.version;
  const [calendar, settings] = await Promise.all([loadCalendar(db, current), loadSettings(db, cityId, current)]);
  return { cityId, calendar, settings };
}
