import type { FastifyInstance } from 'fastify';
import { cityDashboardSchema } from '../../../shared/reports/dashboard.js';
import { queueReportQuerySchema, queueReportSchema } from '../../../shared/reports/queue.js';
import { cityDashboard } from '../../department/dashboard.js';
import { cityKindergarten, queueReport } from '../../department/queue-report.js';
import { catchUpTime } from '../../intake/scheduler.js';
import type { AppDeps } from '../deps.js';
import { departmentOf } from '../require-department.js';
import { route } from '../route.js';

/**
 * The console's city dashboard and queue report (server/department/dashboard.ts, queue-report.ts):
 * counted over the session's city only, after what time has decided (an overdue referral expired,
 * its seat returned) is written.
 */
export function departmentDashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  route(app, deps, {
    method: 'GET',
    url: '/api/department/dashboard',
    summary:
      "The city's dashboard now: per kindergarten and for the city, open queue windows, seats published, claimed and open to all today, referrals waiting for a contract and their deadlines, enrollments due, unclaimed seats, schedule entries waiting for approval, devices not synced for the set number of days",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    response: cityDashboardSchema,
    handler: async ({ request }) => {
      const now = clock.now();
      await catchUpTime(db, now);
      return cityDashboard(db, departmentOf(request), now);
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/reports/queue',
    summary:
      'The queue report for the city or one of its kindergartens: applicants waiting by birth year, language and priority category, and who had a queue window opened in the period and did not claim',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: queueReportQuerySchema,
    response: queueReportSchema,
    handler: async ({ request, reply, query }) => {
      const department = departmentOf(request);
      const kindergarten = query.kindergartenId
        ? await cityKindergarten(db, department.cityId, query.kindergartenId)
        : null;
      if (query.kindergartenId && !kindergarten)
        return reply.code(404).send({ error: 'not_found', message: 'No such kindergarten in your city.' });
      const now = clock.now();
      await catchUpTime(db, now);
      return queueReport(db, department, query, kindergarten, now);
    },
  });
}
