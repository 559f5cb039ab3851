import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type SessionInfo } from '../../../shared/auth.js';
import { dummyHash, verifyPassword } from '../../auth/password.js';
import { createSession, revokeSession } from '../../auth/sessions.js';
import type { AppDeps } from '../deps.js';
import { authOf, requireSession } from '../require-session.js';
import { sendInvalid } from '../errors.js';

interface StaffRow {
  id: string;
  kindergarten_id: string;
  full_name: string;
  role: 'head' | 'staff';
  password_hash: string;
  name_ru: string;
  name_kk: string;
}

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock, config } = deps;

  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = loginRequestSchema.safeParse(request.body);
      if (!parsed.success) return sendInvalid(reply, parsed.error);
      const { login, password, deviceId, deviceName } = parsed.data;
      const rows = await db.query<StaffRow>(
        `select s.id, s.kindergarten_id, s.full_name, s.role, s.password_hash, k.name_ru, k.name_kk
           from staff s join kindergartens k on k.id = s.kindergarten_id
          where lower(s.login) = lower($1) and s.disabled_at is null`,
        [login],
      );
      const staff = rows[0];
      const ok = await verifyPassword(password, staff?.password_hash ?? (await dummyHash));
      if (!staff || !ok) {
        return reply.code(401).send({ error: 'invalid_credentials', message: 'Wrong login or password.' });
      }
      const session = await createSession(db, clock, {
        staffId: staff.id,
        kindergartenId: staff.kindergarten_id,
        deviceId,
        deviceName: deviceName ?? '',
        ttlMs: config.sessionTtlMs,
      });
      await db.query(
        `insert into audit_log (at, kindergarten_id, staff_id, action, object_type, object_id, details)
         values ($1, $2, $3, 'auth.login', 'device', $4, '{}')`,
        [clock.now(), staff.kindergarten_id, staff.id, deviceId],
      );
      const body: SessionInfo = {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        staff: { id: staff.id, fullName: staff.full_name, role: staff.role },
        kindergarten: { id: staff.kindergarten_id, nameRu: staff.name_ru, nameKk: staff.name_kk },
        serverTime: clock.now().toISOString(),
      };
      return body;
    },
  );

  app.post('/api/auth/logout', { preHandler: requireSession(deps) }, async (request) => {
    await revokeSession(db, clock, authOf(request).sessionId);
    return { ok: true };
  });

  app.get('/api/auth/session', { preHandler: requireSession(deps) }, async (request) => {
    const auth = authOf(request);
    return {
      staffId: auth.staffId,
      kindergartenId: auth.kindergartenId,
      role: auth.role,
      serverTime: clock.now().toISOString(),
    };
  });
}
