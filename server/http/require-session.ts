import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, type AuthContext } from '../auth/sessions.js';
import type { AppDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** A preHandler that admits only requests with a live device session, and scopes them to its kindergarten. */
export function requireSession({ db, clock }: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
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
