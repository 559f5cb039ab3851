import { canClaim, checkEligibility, publicationPhase, type RegionalSettings } from '../../shared/rules/index.js';
import type { ApplicantPlan, CityPlan } from './city-plan.js';
import type { Timeline } from './intake-timeline.js';

/** Every demo parent signs in with this password (one scrypt hash for the whole queue). */
export const DEMO_PARENT_PASSWORD = 'demo-parent';

/** `p0001`, `p0002`, … `p9999`, `p10000`, … */
export const parentLogin = (n: number) => `p${String(n).padStart(4, '0')}`;

/**
 * Hands out parent logins so the first ones are the most useful to someone trying the demo:
 * first the parents who may claim a seat at the first kindergarten right now (their turn in a
 * queue window first, then open to all), then everyone else who may claim somewhere now, then
 * the rest of the queue by application time. Returns the login of each applicant id.
 */
export function assignParentLogins(
  plan: CityPlan,
  timeline: Timeline,
  settings: RegionalSettings,
): Map<string, string> {
  const now = plan.now;
  const first = plan.kindergartens.find((k) => k.existing)?.id;
  const busy = new Set(timeline.referrals.map((r) => r.applicantId));
  const turns = new Set(timeline.turns.map((t) => `${t.publicationId}:${t.applicantId}`));
  const openSeats = new Map<string, number>();
  for (const s of timeline.seats)
    if (s.status === 'open') openSeats.set(s.publicationId, (openSeats.get(s.publicationId) ?? 0) + 1);
  const offered = new Map<string, Timeline['publications']>();
  for (const p of timeline.publications) {
    if (!openSeats.get(p.id)) continue;
    const key = `${p.language}:${p.birthYear}`;
    offered.set(key, [...(offered.get(key) ?? []), p]);
  }
  const rank = new Map<string, number>();
  const consider = (a: ApplicantPlan) => {
    for (const p of offered.get(`${a.language}:${a.birthDate.slice(0, 4)}`) ?? []) {
      const seatsLeft = openSeats.get(p.id) ?? 0;
      if (!a.choices.slice(0, settings.maxChoices).includes(p.kindergartenId)) continue;
      const phase = publicationPhase(
        { publishedAt: p.publishedAt, windowClosesAt: p.windowClosesAt, withdrawnAt: null },
        now,
      );
      const eligible = checkEligibility(
        {
          id: a.id,
          birthDate: a.birthDate,
          language: a.language,
          priority: a.priority,
          appliedAt: a.appliedAt.toISOString(),
          choices: a.choices,
          blocked: false,
          hasActiveReferralOrEnrollment: busy.has(a.id),
        },
        {
          kindergartenId: p.kindergartenId,
          birthYear: p.birthYear,
          language: p.language,
          availableFrom: p.availableFrom,
        },
        settings,
      );
      const inTurn = turns.has(`${p.id}:${a.id}`);
      if (!canClaim({ phase, applicantInWindowList: inTurn, eligible, seatsLeft }).ok) continue;
      const score = (p.kindergartenId === first ? 0 : 2) + (phase === 'queue_window' ? 0 : 1);
      rank.set(a.id, Math.min(rank.get(a.id) ?? 9, score));
    }
  };
  plan.applicants.forEach(consider);
  const ordered = [...plan.applicants].sort(
    (a, b) =>
      (rank.get(a.id) ?? 9) - (rank.get(b.id) ?? 9) ||
      a.appliedAt.getTime() - b.appliedAt.getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  return new Map(ordered.map((a, i) => [a.id, parentLogin(i + 1)]));
}
