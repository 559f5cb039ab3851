import type { DepartmentSettings } from '../../shared/department/calendar.js';
import { defaultRegionalSettings, regionalSettingsSchema, type RegionalSettings } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';

/**
 * A city's regional settings with their effective-from instants (migration 0014), shared by the
 * admin CLI (`settings:*`) and the department's console (`regionalSettings.change`): the settings
 * in force, since when, and at most one stated change not yet in force. The rules read the
 * settings in force (rule-context.ts: `loadSettings`); a due change is promoted before any request
 * reads or decides on it (`promoteDueSettings`, called by the scheduler's catch-up).
 */

interface SettingsRow {
  settings: unknown;
  effective_from: Date | null;
  pending_settings: unknown;
  pending_from: Date | null;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/** The city's settings as the department sees them; a city without a stored row has the defaults. */
export async function settingsOfCity(db: Queryable, cityId: string): Promise<DepartmentSettings> {
  const [row] = await db.query<SettingsRow>(
    `select settings, effective_from, pending_settings, pending_from from regional_settings where city_id = $1 and not deleted`,
    [cityId],
  );
  return {
    cityId,
    settings: row ? regionalSettingsSchema.parse(row.settings) : defaultRegionalSettings,
    effectiveFrom: iso(row?.effective_from ?? null),
    pending:
      row?.pending_settings && row.pending_from
        ? { settings: regionalSettingsSchema.parse(row.pending_settings), effectiveFrom: iso(row.pending_from)! }
        : null,
    defaults: defaultRegionalSettings,
  };
}

/**
 * States a change of the city's settings, effective from `effectiveFrom` (not before `now`; the
 * callers refuse a past instant): at once when that is `now`, else it waits as the pending change,
 * replacing one stated before. Returns whether it is in force already.
 */
export async function changeSettings(
  tx: Queryable,
  cityId: string,
  next: RegionalSettings,
  effectiveFrom: Date,
  now: Date,
): Promise<'in_force' | 'pending'> {
  const json = JSON.stringify(next);
  if (effectiveFrom.getTime() <= now.getTime()) {
    await tx.query(
      `insert into regional_settings (city_id, settings, effective_from, updated_at) values ($1, $2, $3, $4)
       on conflict (city_id) do update set settings = $2, effective_from = $3, pending_settings = null,
                                          pending_from = null, updated_at = $4, deleted = false`,
      [cityId, json, effectiveFrom, now],
    );
    return 'in_force';
  }
  await tx.query(
    `insert into regional_settings (city_id, settings, pending_settings, pending_from, updated_at) values ($1, $5, $2, $3, $4)
     on conflict (city_id) do update set pending_settings = $2, pending_from = $3, updated_at = $4, deleted = false`,
    [cityId, json, effectiveFrom, now, JSON.stringify(defaultRegionalSettings)],
  );
  return 'pending';
}

/**
 * Puts every stated change whose instant is `at` or before in force (in force since its stated
 * instant, not since this call; `now` is the write's time). The scheduler's catch-up calls it at each
 * due change's own instant, in time order with what else time decided (scheduler.ts: `catchUpTime`);
 * a write bumps the rule version.
 */
export async function promoteDueSettings(db: Queryable, at: Date, now: Date): Promise<number> {
  const promoted = await db.query(
    `update regional_settings set settings = pending_settings, effective_from = pending_from,
            pending_settings = null, pending_from = null, updated_at = $2
      where pending_from <= $1 returning city_id`,
    [at, now],
  );
  return promoted.length;
}
