import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema, sessionInfoSchema } from '../../../shared/auth.js';
import { revokeSession } from '../../auth/sessions.js';
import { accountLocked } from '../../auth/sign-in-limit.js';
import { staffLogin } from '../../auth/staff-login.js';
import type { AppDeps } from '../deps.js';
import { authOf } from '../require-session.js';
import { route } from '../route.js';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, config } = deps;

  route(app, deps, {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Staff sign-in: a device session token for this PC (rate-limited per address and per account)',
    tag: 'auth',
    auth: 'none',
    tenancy: 'public',
    body: loginRequestSchema.strict(),
    response: sessionInfoSchema,
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ body, reply }) => {
      const result = await staffLogin(db, clock, { ...body, ttlMs: config.sessionTtlMs });
      if (!result.ok && result.error === 'account_locked') {
        return reply
          .code(429)
          .header('retry-after', String(result.retryAfterSeconds))
          .send(accountLocked(result.retryAfterSeconds));
      }
      if (!result.ok) {
        return reply.code(401).send({ error: 'invalid_credentials', message: 'Wrong login or password.' });
      }
      return result.session;
    },
  });

  route(app, deps, {
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Revokes the calling device session',
    tag: 'auth',
    auth: 'staff',
    tenancy: 'session',
    handler: async ({ request }) => {
      await revokeSession(db, clock, authOf(request).sessionId);
      return { ok: true };
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/auth/session',
    summary: 'The calling session: who, which kindergarten, the server clock',
    tag: 'auth',
    auth: 'staff',
    tenancy: 'session',
    response: z.object({ staffId: z.uuid(), kindergartenId: z.uuid(), role: z.string(), serverTime: z.string() }),
    handler: async ({ request }) => {
      const auth = authOf(request);
      return {
        staffId: auth.staffId,
        kindergartenId: auth.kindergartenId,
        role: auth.role,
        serverTime: clock.now().toISOString(),
      };
    },
  });
}
