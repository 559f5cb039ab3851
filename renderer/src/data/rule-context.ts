import { combineLatest, map, type Observable } from 'rxjs';
import { calendarFromTable, type WorkingCalendar } from '../../../shared/calendar/index.js';
import { defaultRegionalSettings, regionalSettingsSchema, type RegionalSettings } from '../../../shared/rules/index.js';
import type { ReplicaDatabase } from './replica.js';

/** What the shared rules need to explain and preview: the replicated calendar and regional settings. */
export interface RuleContext {
  calendar: WorkingCalendar;
  settings: RegionalSettings;
  /** False until the first sync brought the settings (the defaults are shown meanwhile). */
  fromServer: boolean;
}

export function ruleContext$(db: ReplicaDatabase): Observable<RuleContext> {
  return combineLatest([db.calendarDays.find().$, db.regionalSettings.find().$]).pipe(
    map(([days, settingsDocs]) => {
      const parsed = settingsDocs[0] ? regionalSettingsSchema.safeParse(settingsDocs[0].settings) : null;
      return {
        calendar: calendarFromTable(days.map((d) => d.toMutableJSON())),
        settings: parsed?.success ? parsed.data : defaultRegionalSettings,
        fromServer: Boolean(parsed?.success),
      };
    }),
  );
}
