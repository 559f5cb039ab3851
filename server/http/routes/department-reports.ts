import type { FastifyInstance } from 'fastify';
import { departmentReportSchema, reportQuerySchema } from '../../../shared/department/reports.js';
import { departmentReport } from '../../department/reports.js';
import type { AppDeps } from '../deps.js';
import { departmentOf } from '../require-department.js';
import { route } from '../route.js';

/** The console's reports (server/department/reports.ts): the session city's, or one of its kindergartens'. */
export function departmentReportRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;
  route(app, deps, {
    method: 'GET',
    url: '/api/department/reports',
    summary:
      "Intake statistics for a period and the occupancy forecast for the next 12 months, of the session's city or one of its kindergartens (another city's kindergarten: 404)",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: reportQuerySchema,
    response: departmentReportSchema,
    handler: async ({ request, reply, query }) => {
      const report = await departmentReport(db, departmentOf(request), query, clock.now());
      if (!report) return reply.code(404).send({ error: 'not_found', message: 'No such kindergarten in your city.' });
      return report;
    },
  });
}
