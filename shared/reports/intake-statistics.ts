import { cityDate } from '../calendar/index.js';
import type { AgeGroup, ApplicantPriority, Enrollment, Language, Publication, Referral } from '../domain/index.js';
import { ageGroupFor, effectiveStatus } from '../rules/index.js';

/**
 * Intake statistics for a period: what the department answers to the akimat for and what a head
 * reports on her own kindergarten. One pure function over the replicated documents, so the server
 * (from its tables, read through the replication's own column mapping) and the desk (from its
 * replica) count alike. Each figure counts an event dated in the period (city dates, both ends
 * included):
 * - seats published: the seats of every publication published in it (a republication of returned
 *   seats counts again: the seats were offered again);
 * - referrals issued: claimed in it; concluded: contract concluded in it; enrolled: referrals whose
 *   enrollment starts (enrolled-on date) in it;
 * - refused by the parent, declined by the kindergarten (by ground), terminated (by reason): closed
 *   in it; expired: the contract deadline passed in it without a contract (an active referral past
 *   its deadline counts as expired before the job has run, as the rules read it).
 * A referral is broken down by its publication's age group and language and by the applicant's
 * priority category at the claim (the referral's `applicantPriority`, so the desk's replica, which
 * holds no applicants, counts it as the server does).
 */

export const intakeFigureKeys = [
  'seatsPublished',
  'issued',
  'concluded',
  'enrolled',
  'refused',
  'declined',
  'expired',
  'terminated',
] as const;
export type IntakeFigureKey = (typeof intakeFigureKeys)[number];
export type IntakeFigures = Record<IntakeFigureKey, number>;

export const reportAgeGroups: readonly AgeGroup[] = ['early', 'junior', 'middle', 'senior', 'preschool'];
export const reportLanguages: readonly Language[] = ['kk', 'ru'];
export const reportPriorities: readonly ApplicantPriority[] = ['out_of_turn', 'first', 'general'];

export interface IntakePeriod {
  /** First and last city dates of the period (YYYY-MM-DD), both included. */
  from: string;
  to: string;
}

export interface IntakeSources {
  publications: readonly Publication[];
  referrals: readonly Referral[];
  enrollments: readonly Enrollment[];
}

export interface IntakeStatistics extends IntakePeriod {
  total: IntakeFigures;
  /** Seats and referrals whose birth year falls in no age group on their date are in `total` only. */
  byAgeGroup: Record<AgeGroup, IntakeFigures>;
  byLanguage: Record<Language, IntakeFigures>;
  /**
   * Referrals by the applicant's category at the claim (seats have none). A referral without one (a
   * desk's referral stored before referrals v4, until the next pull) is in `total` only.
   */
  byPriority: Record<ApplicantPriority, IntakeFigures>;
  /** Declined referrals by the ground given (declineReason), in ascending order of the ground. */
  declinedByGround: Record<string, number>;
  /** Terminated referrals by reason (terminationReason, or account_blocked). */
  terminatedByReason: Record<string, number>;
  /** Medians in hours, null when nothing was counted: publication → claim (claims in the period), claim → contract (contracts in it). */
  medianHours: { publicationToClaim: number | null; claimToContract: number | null };
}

export const emptyFigures = (): IntakeFigures => ({
  seatsPublished: 0,
  issued: 0,
  concluded: 0,
  enrolled: 0,
  refused: 0,
  declined: 0,
  expired: 0,
  terminated: 0,
});

const table = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, emptyFigures()])) as Record<K, IntakeFigures>;

/** The median of the values, or null for none: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const HOUR = 3_600_000;
const hoursBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / HOUR;

/** Intake statistics of the documents given (one kindergarten's, or the city's) for the period, as of `now`. */
export function intakeStatistics(period: IntakePeriod, sources: IntakeSources, now: Date): IntakeStatistics {
  const inPeriod = (date: string) => period.from <= date && date <= period.to;
  const instantIn = (instant: string | null) => instant !== null && inPeriod(cityDate(new Date(instant)));
  const stats: IntakeStatistics = {
    ...period,
    total: emptyFigures(),
    byAgeGroup: table(reportAgeGroups),
    byLanguage: table(reportLanguages),
    byPriority: table(reportPriorities),
    declinedByGround: {},
    terminatedByReason: {},
    medianHours: { publicationToClaim: null, claimToContract: null },
  };
  const count = (
    key: IntakeFigureKey,
    slices: { ageGroup: AgeGroup | null; language: Language; priority: ApplicantPriority | null },
    n = 1,
  ) => {
    stats.total[key] += n;
    if (slices.ageGroup) stats.byAgeGroup[slices.ageGroup][key] += n;
    stats.byLanguage[slices.language][key] += n;
    if (slices.priority) stats.byPriority[slices.priority][key] += n;
  };

  const publications = new Map(sources.publications.map((p) => [p.id, p]));
  for (const p of sources.publications) {
    if (!instantIn(p.publishedAt)) continue;
    count(
      'seatsPublished',
      { ageGroup: ageGroupFor(p.birthYear, p.availableFrom), language: p.language, priority: null },
      p.seats,
    );
  }

  const enrolledOn = new Map(sources.enrollments.map((e) => [e.id, e.enrolledOn]));
  const toClaim: number[] = [];
  const toContract: number[] = [];
  for (const r of sources.referrals) {
    const publication = publications.get(r.publicationId);
    if (!publication) continue;
    const slices = {
      ageGroup: ageGroupFor(publication.birthYear, publication.availableFrom),
      language: publication.language,
      priority: r.applicantPriority,
    };
    if (instantIn(r.claimedAt)) {
      count('issued', slices);
      toClaim.push(hoursBetween(publication.publishedAt, r.claimedAt));
    }
    if (instantIn(r.contractConcludedAt)) {
      count('concluded', slices);
      toContract.push(hoursBetween(r.claimedAt, r.contractConcludedAt!));
    }
    const enrolled = r.enrollmentId ? enrolledOn.get(r.enrollmentId) : undefined;
    if (enrolled !== undefined && inPeriod(enrolled)) count('enrolled', slices);
    const status = effectiveStatus(r, now);
    if (status === 'expired' && instantIn(r.contractDeadline)) count('expired', slices);
    if (!instantIn(r.closedAt)) continue;
    const reason = r.closeReason ?? '';
    if (status === 'refused') count('refused', slices);
    if (status === 'declined') {
      count('declined', slices);
      stats.declinedByGround[reason] = (stats.declinedByGround[reason] ?? 0) + 1;
    }
    if (status === 'terminated') {
      count('terminated', slices);
      stats.terminatedByReason[reason] = (stats.terminatedByReason[reason] ?? 0) + 1;
    }
  }
  stats.declinedByGround = sortedKeys(stats.declinedByGround);
  stats.terminatedByReason = sortedKeys(stats.terminatedByReason);
  stats.medianHours = { publicationToClaim: median(toClaim), claimToContract: median(toContract) };
  return stats;
}

const sortedKeys = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
