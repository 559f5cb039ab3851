import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import type { ParentContext } from '../auth/parent-sessions.js';
import type { AuthContext } from '../auth/sessions.js';
import type { DepartmentContext } from '../department/sessions.js';
import type { AppDeps } from './deps.js';
import { sendInvalid } from './errors.js';
import { requireDepartmentSession } from './require-department.js';
import { parentUnauthorized, requireParentSession, requireSession } from './require-session.js';
import { bearerToken } from './bearer.js';
import { resolveParentSession } from '../auth/parent-sessions.js';
import { hashToken } from '../auth/sessions.js';

/**
 * How a route keeps kindergartens apart. `public`: it serves no tenant data (health, login).
 * `session`: everything it reads or writes is scoped by the caller's session (staff: the
 * kindergarten; parent: the applicant's own account). The cross-tenant test enumerates the
 * OpenAPI document and demands a check for every route that is not public.
 */
export type Tenancy = 'public' | 'session';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  auth: 'none' | 'staff' | 'parent' | 'department';
  tenancy: Tenancy;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented response body (not enforced at runtime). */
  response?: z.ZodType;
  bodyLimit?: number;
  /**
   * Per caller: a signed-in route counts per verified session (thousands of parents behind one
   * provider's NAT are different callers), a public one per address.
   */
  rateLimit?: { max: number; timeWindow: string };
  /**
   * For `auth: 'parent'`: the handler checks the session itself, in its own first statement (the
   * claim: one round trip fewer than a lookup before it). It gets the strictly parsed bearer token
   * as `parentToken` and must answer {@link parentUnauthorized} when no live session holds it. A
   * request without such a token is answered 401 before the handler; one with an invalid input has
   * its session looked up first, so it gets 401 or 400 exactly as a route with the lookup before it.
   */
  sessionInHandler?: boolean;
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  auth: AuthContext | null;
  parent: ParentContext | null;
  /** The bearer token, on a `sessionInHandler` route (whose `parent` is null: the handler checks it). */
  parentToken: string | null;
  department: DepartmentContext | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RegisteredRoute {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
}

const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** The routes registered through `route()`, for the OpenAPI document. */
export function routesOf(app: FastifyInstance): readonly RegisteredRoute[] {
  return registries.get(app) ?? [];
}

/**
 * Registers a route whose every input (params, query, body) is validated by zod before the
 * handler runs: a bad input gets a 400 naming the problem and changes nothing.
 */
export function route<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(app: FastifyInstance, deps: AppDeps, spec: RouteSpec<P, Q, B>): void {
  const list = registries.get(app) ?? [];
  registries.set(app, list);
  list.push({ spec: spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType> });
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    ...(spec.rateLimit
      ? {
          config: {
            rateLimit: {
              ...spec.rateLimit,
              // A public route never trusts a header the caller chooses: it counts per address. A
              // signed-in one counts per verified session, so it runs after the session check: no
              // spelling of the header starts a fresh allowance.
              ...(spec.auth === 'none' ? {} : { hook: 'preHandler' as const }),
              keyGenerator: (request: FastifyRequest) =>
                inHandlerKey(spec, request) ??
                request.auth?.sessionId ??
                (request.parent
                  ? `parent:${request.parent.sessionId}`
                  : request.department
                    ? `department:${request.department.sessionId}`
                    : request.ip),
            },
          },
        }
      : {}),
    ...(spec.auth === 'staff' ? { preHandler: requireSession(deps) } : {}),
    ...(spec.auth === 'parent' && !spec.sessionInHandler ? { preHandler: requireParentSession(deps) } : {}),
    ...(spec.auth === 'department' ? { preHandler: requireDepartmentSession(deps) } : {}),
    handler: async (request, reply) => {
      const parentToken = spec.sessionInHandler ? bearerToken(request.headers.authorization) : null;
      if (spec.sessionInHandler && !parentToken) return parentUnauthorized(reply);
      const parsed: Record<string, unknown> = {};
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = spec[part];
        if (!schema) continue;
        const result = schema.safeParse(request[part]);
        if (!result.success) {
          if (parentToken && !(await resolveParentSession(deps.db, deps.clock, parentToken)))
            return parentUnauthorized(reply);
          return sendInvalid(reply, result.error, part);
        }
        parsed[part] = result.data;
      }
      return spec.handler({
        ...(parsed as Pick<RouteInput<P, Q, B>, 'params' | 'query' | 'body'>),
        auth: request.auth,
        parent: request.parent,
        parentToken,
        department: request.department,
        request,
        reply,
      });
    },
  });
}

/**
 * The rate-limit key of a `sessionInHandler` route: the hash of its strictly parsed bearer token, as
 * sessions store it — one live session, one key, like the verified session id of other routes. A
 * token no session holds is answered 401 by the handler whatever its allowance; no token, the address.
 */
function inHandlerKey(spec: { sessionInHandler?: boolean }, request: FastifyRequest): string | undefined {
  if (!spec.sessionInHandler) return undefined;
  const token = bearerToken(request.headers.authorization);
  return token ? `parent-token:${hashToken(token)}` : undefined;
}
