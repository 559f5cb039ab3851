import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveDepartmentSession, type DepartmentContext } from '../department/sessions.js';
import { bearerToken } from './bearer.js';
import type { AppDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    department: DepartmentContext | null;
  }
}

/** A preHandler that admits only a department employee's live session, scoped to its city. */
export function requireDepartmentSession({ db, clock }: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    const department = token ? await resolveDepartmentSession(db, clock, token) : null;
    if (!department) return reply.code(401).send({ error: 'unauthorized', message: 'Sign in again.' });
    request.department = department;
  };
}

export function departmentOf(request: FastifyRequest): DepartmentContext {
  if (!request.department) throw new Error('route registered without requireDepartmentSession');
  return request.department;
}
