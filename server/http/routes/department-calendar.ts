import type { FastifyInstance } from 'fastify';
import {
  calendarPreviewQuerySchema,
  calendarPreviewSchema,
  calendarYearQuerySchema,
  departmentCalendarYearSchema,
  departmentSettingsSchema,
} from '../../../shared/department/calendar.js';
import { calendarYear } from '../../department/calendar.js';
import { previewCalendarEdit } from '../../intake/calendar-edits.js';
import { caughtUpNow } from '../../intake/scheduler.js';
import { settingsOfCity } from '../../intake/settings-changes.js';
import type { AppDeps } from '../deps.js';
import { departmentOf } from '../require-department.js';
import { route } from '../route.js';

/**
 * The console's calendar and settings reads (server/department/calendar.ts). The calendar is
 * national: every department reads the same table; an edit's preview lists the session city's open
 * windows and deadlines only. The settings are the session city's. Each read first materializes
 * what time has decided (`caughtUpNow`). Changes go through POST /api/department/commands.
 */
export function departmentCalendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  route(app, deps, {
    method: 'GET',
    url: '/api/department/calendar',
    summary: 'A year of the national working-day calendar, each day with its source, checked against the rules',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: calendarYearQuerySchema,
    response: departmentCalendarYearSchema,
    handler: async ({ query }) => calendarYear(db, query.year, await caughtUpNow(db, clock)),
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/calendar/preview',
    summary:
      "What a calendar edit would do before it is confirmed: its refusal, and the city's open windows and deadlines whose end it would have changed (they keep their stored end)",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: calendarPreviewQuerySchema,
    response: calendarPreviewSchema,
    handler: async ({ request, query }) =>
      previewCalendarEdit(db, departmentOf(request).cityId, query, await caughtUpNow(db, clock)),
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/settings',
    summary: "The city's regional settings in force (since when), a stated change not yet in force, and the defaults",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    response: departmentSettingsSchema,
    handler: async ({ request }) => {
      // A stated change whose instant has come shows in force at once, not after the scheduler's next round.
      await caughtUpNow(db, clock);
      return settingsOfCity(db, departmentOf(request).cityId);
    },
  });
}
