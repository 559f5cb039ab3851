import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema, sessionInfoSchema, type SessionInfo } from '../../../shared/auth.js';
import { dummyHash, verifyPassword } from '../../auth/password.js';
import { createSession, revokeSession } from '../../auth/sessions.js';
import { accountLocked, admitSignIn, signInSucceeded } from '../../auth/sign-in-limit.js';
import type { AppDeps } from '../deps.js';
import { authOf } from '../require-session.js';
import { route } from '../route.js';
import type { NamedAuditAction } from '../../../shared/department/audit-actions.js';

interface StaffRow {
  id: string;
  kindergarten_id: string;
  full_name: string;
  position: string;
  role: 'head' | 'staff';
  password_hash: string;
  name_ru: string;
  name_kk: string;
}

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
      const { login, password, deviceId, deviceName } = body;
      const admitted = await admitSignIn(db, clock, 'staff', login);
      if (!admitted.ok) {
        return reply
          .code(429)
          .header('retry-after', String(admitted.retryAfterSeconds))
          .send(accountLocked(admitted.retryAfterSeconds));
      }
      const rows = await db.query<StaffRow>(
        `select s.id, s.kindergarten_id, s.full_name, s.position, s.role, s.password_hash, k.name_ru, k.name_kk
           from staff s join kindergartens k on k.id = s.kindergarten_id
          where lower(s.login) = lower($1) and s.disabled_at is null`,
        [login],
      );
      const staff = rows[0];
      // The same scrypt work whether or not the login exists: timing tells nothing.
      const ok = await verifyPassword(password, staff?.password_hash ?? (await dummyHash));
      if (!staff || !ok) {
        return reply.code(401).send({ error: 'invalid_credentials', message: 'Wrong login or password.' });
      }
      await signInSucceeded(db, 'staff', login);
      const session = await createSession(db, clock, {
        staffId: staff.id,
        kindergartenId: staff.kindergarten_id,
        deviceId,
        deviceName: deviceName ?? '',
        ttlMs: config.sessionTtlMs,
      });
      await db.query(
        `insert into audit_log (at, kindergarten_id, staff_id, action, object_type, object_id, details)
         values ($1, $2, $3, $4, 'device', $5, '{}')`,
        [clock.now(), staff.kindergarten_id, staff.id, 'auth.login' satisfies NamedAuditAction, deviceId],
      );
      // The signed-in head signs; staff print with the kindergarten's longest-standing active head.
      const [head] = await db.query<{ full_name: string; position: string }>(
        `select full_name, position from staff
          where kindergarten_id = $1 and role = 'head' and disabled_at is null
          order by id = $2 desc, created_at, id limit 1`,
        [staff.kindergarten_id, staff.id],
      );
      const info: SessionInfo = {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        staff: { id: staff.id, fullName: staff.full_name, position: staff.position, role: staff.role },
        kindergarten: {
          id: staff.kindergarten_id,
          nameRu: staff.name_ru,
          nameKk: staff.name_kk,
          head: head ? { fullName: head.full_name, position: head.position } : null,
        },
        serverTime: clock.now().toISOString(),
      };
      return info;
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
