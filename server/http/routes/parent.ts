import { catchUpTime } from '../../intake/scheduler.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatIsoInstant } from '../../../shared/calendar/dates.js';
import { safeText } from '../../../shared/domain/text.js';
import { parentLogin, revokeParentSession } from '../../auth/parent-sessions.js';
import { accountLocked } from '../../auth/sign-in-limit.js';
import { claimSeatBySession } from '../../intake/claims.js';
import { parentUnauthorized } from '../require-session.js';
import { decideReferralAsParent, parentOffers, parentReferrals } from '../../parents/portal.js';
import type { AppDeps } from '../deps.js';
import { route } from '../route.js';

const referralParams = z.object({ referralId: z.uuid() }).strict();

/**
 * The parent side of the central portal (the role the city's portal and app play): sign in,
 * see the offers open to this applicant and why, claim, conclude the contract, refuse.
 * Every action is the applicant's own, by their own session.
 */
export function parentRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  route(app, deps, {
    method: 'POST',
    url: '/api/parent/login',
    summary: "Parent sign-in with the legal representative's own account (rate-limited per address and per account)",
    tag: 'parent',
    auth: 'none',
    tenancy: 'public',
    body: z.object({ login: safeText.trim().min(1).max(100), password: safeText.min(1).max(200) }).strict(),
    rateLimit: { max: 10, timeWindow: '1 minute' },
    handler: async ({ body, reply }) => {
      const result = await parentLogin(db, clock, body.login, body.password);
      if (!result.ok && result.error === 'account_locked') {
        return reply
          .code(429)
          .header('retry-after', String(result.retryAfterSeconds))
          .send(accountLocked(result.retryAfterSeconds));
      }
      if (!result.ok) return reply.code(result.error === 'account_blocked' ? 403 : 401).send({ error: result.error });
      return { token: result.token, serverTime: formatIsoInstant(clock.now()) };
    },
  });

  route(app, deps, {
    method: 'POST',
    url: '/api/parent/logout',
    summary: 'Signs the calling parent session out (its token stops working at once)',
    tag: 'parent',
    auth: 'parent',
    tenancy: 'session',
    handler: async ({ parent }) => {
      await revokeParentSession(db, clock, parent!.sessionId);
      return { ok: true };
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/parent/offers',
    summary: 'Publications this applicant may see now, each with its phase and whether the applicant may claim',
    tag: 'parent',
    auth: 'parent',
    tenancy: 'session',
    handler: async ({ parent }) => {
      const now = clock.now();
      // A republished seat is offered from the instant time republished it, scheduler or not.
      await catchUpTime(db, now);
      return parentOffers(db, parent!.applicantId, now);
    },
  });

  route(app, deps, {
    method: 'POST',
    url: '/api/parent/claims',
    summary: 'Claims a seat of a publication: issues a referral, or refuses with a reason',
    tag: 'parent',
    auth: 'parent',
    tenancy: 'session',
    body: z.object({ publicationId: z.uuid() }).strict(),
    rateLimit: { max: 30, timeWindow: '1 minute' },
    // The session is checked in the claim's own first statement: one round trip fewer (issue #24).
    sessionInHandler: true,
    handler: async ({ body, parentToken, reply }) => {
      const result = await claimSeatBySession(db, clock, parentToken!, body.publicationId);
      if (result === 'no_session') return parentUnauthorized(reply);
      if (!result.ok) return reply.code(409).send({ error: 'claim_refused', rejection: result.rejection });
      return result;
    },
  });

  for (const action of ['contract', 'refuse'] as const) {
    route(app, deps, {
      method: 'POST',
      url: `/api/parent/referrals/:referralId/${action}`,
      summary:
        action === 'contract'
          ? 'Concludes the electronic contract of the referral'
          : 'Refuses the referral (the seat returns)',
      tag: 'parent',
      auth: 'parent',
      tenancy: 'session',
      params: referralParams,
      handler: async ({ params, parent, reply }) => {
        const verdict = await decideReferralAsParent(db, clock, {
          action,
          referralId: params.referralId,
          applicantId: parent!.applicantId,
        });
        if (!verdict.ok)
          return reply
            .code(verdict.rejection.code === 'not_found' ? 404 : 409)
            .send({ error: 'refused', rejection: verdict.rejection });
        return { ok: true };
      },
    });
  }

  route(app, deps, {
    method: 'GET',
    url: '/api/parent/referrals',
    summary: "The applicant's referrals with their deadlines",
    tag: 'parent',
    auth: 'parent',
    tenancy: 'session',
    handler: async ({ parent }) => {
      const now = clock.now();
      // A republished seat is offered from the instant time republished it, scheduler or not.
      await catchUpTime(db, now);
      return parentReferrals(db, parent!.applicantId, now);
    },
  });
}
