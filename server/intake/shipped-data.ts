import { kzCalendarDays } from '../../shared/calendar/index.js';
import { defaultRegionalSettings } from '../../shared/rules/index.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';

/**
 * Installs what the app ships: the calendar rows for dates the table does not have yet (the
 * department's edits and deletions are kept), and default settings for a city that has none.
 * Idempotent; runs at every server start.
 */
export async function installShippedData(db: Queryable, clock: Clock): Promise<{ calendarDays: number }> {
  const now = clock.now();
  let inserted = 0;
  for (const day of kzCalendarDays) {
    const rows = await db.query(
      `insert into calendar_days (date, kind, name_ru, name_kk, name_en, source, provisional, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (date) do nothing returning date`,
      [day.date, day.kind, day.nameRu, day.nameKk, day.nameEn, day.source, day.provisional, now],
    );
    inserted += rows.length;
  }
  await db.query(
    `insert into regional_settings (city_id, settings, updated_at)
     select id, $1::jsonb, $2 from cities on conflict (city_id) do nothing`,
    [JSON.stringify(defaultRegionalSettings), now],
  );
  return { calendarDays: inserted };
}
