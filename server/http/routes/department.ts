import type { FastifyInstance } from 'fastify';
import {
  departmentCommandOutcomeSchema,
  departmentCommandRequestSchema,
} from '../../../shared/commands/department-commands.js';
import {
  departmentLoginRequestSchema,
  departmentSessionInfoSchema,
  departmentSessionSchema,
} from '../../../shared/department/auth.js';
import {
  departmentKindergartenListSchema,
  departmentScheduleListSchema,
  scheduleFilterSchema,
} from '../../../shared/department/schedule.js';
import {
  applicantSearchQuerySchema,
  blockPreviewSchema,
  departmentAccountListSchema,
  departmentApplicantListSchema,
  departmentStaffListSchema,
  staffListQuerySchema,
} from '../../../shared/department/accounts.js';
import { auditPageSchema, auditQuerySchema } from '../../../shared/department/audit.js';
import { z } from 'zod';
import { accountLocked } from '../../auth/sign-in-limit.js';
import {
  blockPreview,
  listCityDepartmentAccounts,
  listCityStaff,
  searchCityApplicants,
} from '../../department/accounts-view.js';
import { listCityAudit } from '../../department/audit-view.js';
import { executeDepartmentCommand } from '../../department/commands.js';
import { listCityEntries, listCityKindergartens } from '../../department/schedule.js';
import { departmentSessionCard, revokeDepartmentSession } from '../../department/sessions.js';
import { departmentSignIn } from '../../department/sign-in.js';
import { caughtUpNow } from '../../intake/scheduler.js';
import type { AppDeps } from '../deps.js';
import { departmentOf } from '../require-department.js';
import { route } from '../route.js';

/**
 * The city education department's console API (server/department/): every route scoped to the
 * session's city; every read and command first materializes what time has decided (`caughtUpNow`).
 */
export function departmentRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  route(app, deps, {
    method: 'POST',
    url: '/api/department/login',
    summary: 'Department sign-in: a console session (rate-limited per address and per account)',
    tag: 'department',
    auth: 'none',
    tenancy: 'public',
    body: departmentLoginRequestSchema,
    response: departmentSessionInfoSchema,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ body, reply }) => {
      const outcome = await departmentSignIn(db, clock, body.login, body.password);
      if (outcome.ok) return outcome.session;
      if (outcome.error === 'account_locked') {
        return reply
          .code(429)
          .header('retry-after', String(outcome.retryAfterSeconds))
          .send(accountLocked(outcome.retryAfterSeconds));
      }
      return reply.code(401).send({ error: 'invalid_credentials', message: 'Wrong login or password.' });
    },
  });

  route(app, deps, {
    method: 'POST',
    url: '/api/department/logout',
    summary: 'Ends the calling department session',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    handler: async ({ request }) => {
      await revokeDepartmentSession(db, clock, departmentOf(request).sessionId);
      return { ok: true };
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/session',
    summary: 'The calling department session: who, which city, the server clock',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    response: departmentSessionSchema,
    handler: async ({ request }) => {
      return departmentSessionCard(db, clock, departmentOf(request));
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/kindergartens',
    summary: "The city's kindergartens",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    response: departmentKindergartenListSchema,
    handler: async ({ request }) => {
      await caughtUpNow(db, clock);
      return listCityKindergartens(db, departmentOf(request));
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/schedule',
    summary: "The city's schedule entries by kindergarten, dates, age group, language and state (submitted by default)",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: scheduleFilterSchema,
    response: departmentScheduleListSchema,
    handler: async ({ request, query }) => {
      await caughtUpNow(db, clock);
      return listCityEntries(db, departmentOf(request), query);
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/staff',
    summary: "The staff accounts of the city's kindergartens (one kindergarten, or all), with their live PCs; paged",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: staffListQuerySchema,
    response: departmentStaffListSchema,
    handler: async ({ request, query }) =>
      listCityStaff(db, departmentOf(request), query, await caughtUpNow(db, clock)),
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/accounts',
    summary: "The own city's department accounts (login, name, role, state, last sign-in)",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    response: departmentAccountListSchema,
    handler: async ({ request }) => listCityDepartmentAccounts(db, departmentOf(request)),
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/applicants',
    summary: "The city's applicants found by name, IIN (12 digits or the last 4) or the parent's login; paged",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: applicantSearchQuerySchema,
    response: departmentApplicantListSchema,
    handler: async ({ request, query }) =>
      searchCityApplicants(db, departmentOf(request), query, await caughtUpNow(db, clock)),
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/applicants/:applicantId/block-preview',
    summary:
      'What blocking the applicant would terminate and free (a dry run, nothing stored), or what stays terminated after an unblock',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    params: z.object({ applicantId: z.uuid() }).strict(),
    response: blockPreviewSchema,
    handler: async ({ request, params, reply }) => {
      const preview = await blockPreview(db, departmentOf(request), params.applicantId, await caughtUpNow(db, clock));
      return preview ?? reply.code(404).send({ error: 'not_found', message: 'No such applicant.' });
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/department/audit',
    summary:
      "Audit entries of the city's kindergartens and of its department, by kindergarten, account and object; paged",
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    query: auditQuerySchema,
    response: auditPageSchema,
    handler: async ({ request, query }) => {
      await caughtUpNow(db, clock);
      return listCityAudit(db, departmentOf(request), query);
    },
  });

  route(app, deps, {
    method: 'POST',
    url: '/api/department/commands',
    summary: 'Executes a department command exactly once (a seen id answers its stored outcome)',
    tag: 'department',
    auth: 'department',
    tenancy: 'session',
    body: departmentCommandRequestSchema,
    response: departmentCommandOutcomeSchema,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: async ({ request, body }) => {
      // Decided on what time has already decided (a due settings change, an overdue referral).
      await caughtUpNow(db, clock);
      return executeDepartmentCommand(db, clock, departmentOf(request), body);
    },
  });
}
