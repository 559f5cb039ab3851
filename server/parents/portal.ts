import { formatIsoInstant, parseIsoInstant } from '../../shared/calendar/dates.js';
import { workingDaysBetween } from '../../shared/calendar/index.js';
import { maskIin } from '../../shared/domain/iin.js';
import {
  ageGroupFor,
  canClaim,
  checkEligibility,
  publicationInstants,
  publicationPhase,
} from '../../shared/rules/index.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { loadApplicant } from '../intake/queue.js';
import { writeAudit } from '../audit/audit-log.js';
import { referralForUpdate } from '../intake/records.js';
import { concludeContract, refuseByParent } from '../intake/referrals.js';
import { ruleContextForCity, ruleContextForKindergarten } from '../intake/rule-context.js';
import { catchUpTime } from '../intake/scheduler.js';
import {
  applicantCard,
  applicantCityId,
  applicantReferrals,
  approvedScheduleEntries,
  citiesOf,
  kindergartensByIds,
  openOffers,
} from './queries.js';

/**
 * The parent portal's answers (routes/parent.ts and routes/parent-schedule.ts only parse, call
 * these and answer): the offers open to an applicant and why, the applicant's referrals, the
 * contract and the refusal by the parent, the city's approved schedule and the applicant's card.
 */

/** The publications this applicant may see now, each with its phase and whether the applicant may claim. */
export async function parentOffers(db: Queryable, applicantId: string, now: Date) {
  const cityId = await applicantCityId(db, applicantId);
  const applicant = await loadApplicant(db, applicantId, now);
  if (!cityId || !applicant) return { offers: [] };
  const ctx = await ruleContextForCity(db, cityId);
  const publications = await openOffers(db, {
    cityId,
    applicantId,
    kindergartenIds: applicant.choices.slice(0, ctx.settings.maxChoices),
  });
  return {
    serverTime: formatIsoInstant(now),
    offers: publications.map((p) => {
      const phase = publicationPhase(publicationInstants(p), now);
      const eligible = checkEligibility(
        applicant,
        {
          kindergartenId: p.kindergartenId,
          birthYear: p.birthYear,
          language: p.language,
          availableFrom: p.availableFrom,
        },
        ctx.settings,
      );
      const verdict = canClaim({ phase, applicantInWindowList: p.inTurn, eligible, seatsLeft: p.openSeats });
      return {
        publicationId: p.id,
        kindergarten: { id: p.kindergartenId, nameRu: p.nameRu, nameKk: p.nameKk },
        birthYear: p.birthYear,
        language: p.language,
        availableFrom: p.availableFrom,
        openSeats: p.openSeats,
        phase,
        windowClosesAt: p.windowClosesAt,
        /** Working days after today until the window closes (the desk's countdown, shared calendar). */
        windowWorkingDaysLeft: p.windowClosesAt
          ? workingDaysBetween(now, parseIsoInstant(p.windowClosesAt), ctx.calendar)
          : null,
        inYourTurn: p.inTurn,
        canClaim: verdict.ok,
        reason: verdict.ok ? null : verdict.rejection,
      };
    }),
  };
}

/** The applicant's referrals with their deadlines and the working days left until each. */
export async function parentReferrals(db: Queryable, applicantId: string, now: Date) {
  const cityId = await applicantCityId(db, applicantId);
  const referrals = await applicantReferrals(db, applicantId);
  const calendar = cityId ? (await ruleContextForCity(db, cityId)).calendar : null;
  return {
    serverTime: formatIsoInstant(now),
    referrals: referrals.map((r) => ({
      ...r,
      /** Working days after today until the contract deadline (the desk's countdown, shared calendar). */
      contractWorkingDaysLeft: calendar ? workingDaysBetween(now, parseIsoInstant(r.contractDeadline), calendar) : null,
    })),
  };
}

export type ParentReferralAction = 'contract' | 'refuse';

/**
 * The parent concludes the electronic contract of their own referral, or refuses it (the seat
 * returns), in one transaction with its audit entry; `not_found` when the referral is not theirs.
 */
export async function decideReferralAsParent(
  db: Db,
  clock: Clock,
  decision: { action: ParentReferralAction; referralId: string; applicantId: string },
) {
  const { action } = decision;
  // What time decided before now is carried out first, as before every other decision: a refusal
  // returns its seat after every expiry that came before it, whether or not a job has run.
  const now = clock.now();
  await catchUpTime(db, now);
  return db.transaction(async (tx) => {
    const referral = await referralForUpdate(tx, decision.referralId, { applicantId: decision.applicantId });
    if (!referral) return { ok: false as const, rejection: { code: 'not_found' as const, params: {} } };
    const outcome =
      action === 'contract'
        ? await concludeContract(tx, referral, 'parent', now)
        : await refuseByParent(tx, await ruleContextForKindergarten(tx, referral.kindergartenId), referral, now);
    if (outcome.ok) {
      await writeAudit(tx, {
        at: now,
        kindergartenId: referral.kindergartenId,
        staffId: null,
        action: `referral.${action}.parent`,
        objectType: 'referral',
        objectId: referral.id,
      });
    }
    return outcome;
  });
}

/** The approved summer intake schedule of one city, or of every city (null). */
export async function approvedSchedule(db: Queryable, clock: Clock, cityId: string | null) {
  const cities = await citiesOf(db, cityId);
  const rows = await approvedScheduleEntries(db, cityId);
  return {
    serverTime: formatIsoInstant(clock.now()),
    cities,
    entries: rows.map((e) => ({
      id: e.id,
      cityId: e.cityId,
      kindergarten: { id: e.kindergartenId, nameRu: e.nameRu, nameKk: e.nameKk, address: e.address },
      ageGroup: ageGroupFor(e.birthYear, e.availableFrom),
      birthYear: e.birthYear,
      language: e.language,
      seats: e.seats,
      publishedSeats: e.published,
      availableFrom: e.availableFrom,
    })),
  };
}

/** The applicant's own card: the child (IIN masked), the queue category, the kindergartens chosen in order; null if unknown. */
export async function applicantCardView(db: Queryable, clock: Clock, applicantId: string) {
  const a = await applicantCard(db, applicantId);
  if (!a) return null;
  const kindergartens = await kindergartensByIds(db, a.choices);
  const byId = new Map(kindergartens.map((k) => [k.id, k]));
  return {
    serverTime: formatIsoInstant(clock.now()),
    cityId: a.cityId,
    child: { fullName: a.fullName, birthDate: a.birthDate, iinMasked: maskIin(a.iin) },
    language: a.language,
    priority: a.priority,
    appliedAt: a.appliedAt,
    representativeFullName: a.representativeFullName,
    choices: a.choices.flatMap((id) => byId.get(id) ?? []),
  };
}
