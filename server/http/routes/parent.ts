import { catchUpTime } from '../../intake/scheduler.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { safeText } from '../../../shared/domain/text.js';
import { workingDaysBetween } from '../../../shared/calendar/index.js';
import { checkEligibility, canClaim, publicationPhase } from '../../../shared/rules/index.js';
import { parentLogin, revokeParentSession } from '../../auth/parent-sessions.js';
import { accountLocked } from '../../auth/sign-in-limit.js';
import { claimSeatBySession } from '../../intake/claims.js';
import { parentUnauthorized } from '../require-session.js';
import { loadApplicant } from '../../intake/queue.js';
import { audit, referralForUpdate } from '../../intake/records.js';
import { concludeContract, refuseByParent } from '../../intake/referrals.js';
import { ruleContextForCity, ruleContextForKindergarten } from '../../intake/rule-context.js';
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
      return { token: result.token, serverTime: clock.now().toISOString() };
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
      const applicantId = parent!.applicantId;
      const [row] = await db.query<{ city_id: string }>('select city_id from applicants where id = $1', [applicantId]);
      const applicant = await loadApplicant(db, applicantId, now);
      if (!row || !applicant) return { offers: [] };
      const ctx = await ruleContextForCity(db, row.city_id);
      const publications = await db.query<{
        id: string;
        kindergarten_id: string;
        name_ru: string;
        name_kk: string;
        group_id: string;
        birth_year: number;
        language: 'ru' | 'kk';
        available_from: string;
        published_at: Date;
        window_closes_at: Date | null;
        withdrawn_at: Date | null;
        open_seats: number;
        in_turn: boolean;
      }>(
        `select p.id, p.kindergarten_id, k.name_ru, k.name_kk, p.group_id, p.birth_year, p.language, p.available_from::text as available_from,
                p.published_at, p.window_closes_at, p.withdrawn_at,
                (select count(*)::int from seats s where s.publication_id = p.id and s.status = 'open') as open_seats,
                exists (select 1 from publication_turns t where t.publication_id = p.id and t.applicant_id = $2) as in_turn
           from publications p join kindergartens k on k.id = p.kindergarten_id
          where k.city_id = $1 and p.withdrawn_at is null and not p.deleted
            and p.kindergarten_id = any ($3::uuid[])
            and exists (select 1 from seats s where s.publication_id = p.id and s.status = 'open')
          order by p.published_at`,
        [row.city_id, applicantId, applicant.choices.slice(0, ctx.settings.maxChoices)],
      );
      return {
        serverTime: now.toISOString(),
        offers: publications.map((p) => {
          const phase = publicationPhase(
            { publishedAt: p.published_at, windowClosesAt: p.window_closes_at, withdrawnAt: p.withdrawn_at },
            now,
          );
          const eligible = checkEligibility(
            applicant,
            {
              kindergartenId: p.kindergarten_id,
              birthYear: p.birth_year,
              language: p.language,
              availableFrom: p.available_from,
            },
            ctx.settings,
          );
          const verdict = canClaim({ phase, applicantInWindowList: p.in_turn, eligible, seatsLeft: p.open_seats });
          return {
            publicationId: p.id,
            kindergarten: { id: p.kindergarten_id, nameRu: p.name_ru, nameKk: p.name_kk },
            birthYear: p.birth_year,
            language: p.language,
            availableFrom: p.available_from,
            openSeats: p.open_seats,
            phase,
            windowClosesAt: p.window_closes_at ? new Date(p.window_closes_at).toISOString() : null,
            /** Working days after today until the window closes (the desk's countdown, shared calendar). */
            windowWorkingDaysLeft: p.window_closes_at
              ? workingDaysBetween(now, new Date(p.window_closes_at), ctx.calendar)
              : null,
            inYourTurn: p.in_turn,
            canClaim: verdict.ok,
            reason: verdict.ok ? null : verdict.rejection,
          };
        }),
      };
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
        const verdict = await db.transaction(async (tx) => {
          const now = clock.now();
          const referral = await referralForUpdate(tx, params.referralId, { applicantId: parent!.applicantId });
          if (!referral) return { ok: false as const, rejection: { code: 'not_found' as const, params: {} } };
          const outcome =
            action === 'contract'
              ? await concludeContract(tx, referral, 'parent', now)
              : await refuseByParent(tx, await ruleContextForKindergarten(tx, referral.kindergarten_id), referral, now);
          if (outcome.ok) {
            await audit(tx, {
              at: now,
              kindergartenId: referral.kindergarten_id,
              staffId: null,
              action: `referral.${action}.parent`,
              objectType: 'referral',
              objectId: referral.id,
            });
          }
          return outcome;
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
      const applicantId = parent!.applicantId;
      const [row] = await db.query<{ city_id: string }>('select city_id from applicants where id = $1', [applicantId]);
      const referrals = await db.query<{ contractDeadline: Date | string } & Record<string, unknown>>(
        `select r.id, r.number, r.status, r.claimed_at as "claimedAt", r.contract_deadline as "contractDeadline",
                r.available_from::text as "availableFrom", k.name_ru as "kindergartenRu", k.name_kk as "kindergartenKk"
           from referrals r join kindergartens k on k.id = r.kindergarten_id where r.applicant_id = $1 order by r.claimed_at desc`,
        [applicantId],
      );
      const calendar = row ? (await ruleContextForCity(db, row.city_id)).calendar : null;
      return {
        serverTime: now.toISOString(),
        referrals: referrals.map((r) => ({
          ...r,
          /** Working days after today until the contract deadline (the desk's countdown, shared calendar). */
          contractWorkingDaysLeft: calendar ? workingDaysBetween(now, new Date(r.contractDeadline), calendar) : null,
        })),
      };
    },
  });
}
