import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveParentSession, type ParentContext } from '../auth/parent-sessions.js';
import { resolveSession, type AuthContext } from '../auth/sessions.js';
import { bearerToken } from './bearer.js';
import type { AppDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    parent: ParentContext | null;
  }
}

/** A preHandler that admits only a parent's live portal session (its own applicant account). */
export function requireParentSession({ db, clock }: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const parent = token ? await resolveParentSession(db, clock, token) : null;
    if (!parent) return parentUnauthorized(reply);
    request.parent = parent;
  };
}

/** The answer to a request without a live parent session. */
export function parentUnauthorized(reply: FastifyReply) {
  return reply.code(401).send({ error: 'unauthorized', message: 'Sign in again.' });
}

/** A preHandler that admits only requests with a live device session, and scopes them to its kindergarten. */
export function requireSession({ db, clock }: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const auth = token ? await resolveSession(db, clock, token) : null;
    if (!auth) {
      return reply
        .code(401)
        .send({ error: 'unauthorized', message: 'Sign in again: the session is missing, expired or revoked.' });
    }
    request.auth = auth;
  };
}

export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new Error('route registered without requireSession');
  return request.auth;
}
