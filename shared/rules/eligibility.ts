import { z } from 'zod';
import { safeText } from '../domain/text.js';
import { isoDateSchema, isoInstant } from '../domain/dates.js';
import { allowed, refuse, type Verdict } from '../commands/rejection.js';
import { languageSchema } from '../domain/kindergarten.js';
import { applicantPrioritySchema } from '../domain/referral.js';
import { ageInMonths, meetsMinimumAge } from './age-groups.js';
import { yearOf } from '../calendar/dates.js';
import type { RegionalSettings } from './settings.js';

/**
 * Who may claim a seat of a publication.
 * Source: docs/rules.md, Rules › Queue order ("the applicants eligible for a publication
 * (birth year, language, the kindergarten among their 1–4 choices, no active referral or
 * enrollment)") and › Age groups (minimum age in months at available-from); "The process" §6–7
 * (a blocked account may not claim).
 */

/** Внеочередное (out of turn), первоочередное (first priority), общая очередь (general): one definition, the referral's. */
export { applicantPrioritySchema, type ApplicantPriority } from '../domain/referral.js';

/** An application in the city queue, as the rules need it. */
export const applicantSchema = z.object({
  id: safeText.min(1),
  birthDate: isoDateSchema,
  language: languageSchema,
  priority: applicantPrioritySchema,
  /** Server instant the application was filed (ISO 8601 with offset). */
  appliedAt: isoInstant,
  /** Kindergarten ids in the parent's order of preference; only the first `maxChoices` count. */
  choices: z.array(safeText.min(1)).min(1).max(10),
  blocked: z.boolean(),
  hasActiveReferralOrEnrollment: z.boolean(),
});
export type Applicant = z.infer<typeof applicantSchema>;

/** What a publication offers: a birth year, a language of instruction, a kindergarten, a date. */
export const publicationTargetSchema = z.object({
  kindergartenId: safeText.min(1),
  birthYear: z.number().int(),
  language: languageSchema,
  availableFrom: isoDateSchema,
});
export type PublicationTarget = z.infer<typeof publicationTargetSchema>;

/**
 * May this applicant claim a seat of this publication? The first failing condition is reported,
 * in this order: account blocked, already has a referral or enrollment, kindergarten not among the
 * choices, language, birth year, minimum age.
 */
export function checkEligibility(applicant: Applicant, target: PublicationTarget, settings: RegionalSettings): Verdict {
  if (applicant.blocked) return refuse('account_blocked');
  if (applicant.hasActiveReferralOrEnrollment) return refuse('already_has_referral');
  if (!applicant.choices.slice(0, settings.maxChoices).includes(target.kindergartenId)) {
    return refuse('kindergarten_not_chosen', {
      kindergartenId: target.kindergartenId,
      maxChoices: settings.maxChoices,
    });
  }
  if (applicant.language !== target.language) {
    return refuse('wrong_language', { language: applicant.language, required: target.language });
  }
  const birthYear = yearOf(applicant.birthDate);
  if (birthYear !== target.birthYear) return refuse('wrong_birth_year', { birthYear, required: target.birthYear });
  if (!meetsMinimumAge(applicant.birthDate, target.availableFrom, settings.minimumAgeMonths)) {
    return refuse('below_minimum_age', {
      ageMonths: ageInMonths(applicant.birthDate, target.availableFrom),
      minimumAgeMonths: settings.minimumAgeMonths,
      availableFrom: target.availableFrom,
    });
  }
  return allowed;
}

/** The applicants who may claim a seat of this publication, in their given order. */
export function eligibleApplicants<T extends Applicant>(
  applicants: readonly T[],
  target: PublicationTarget,
  settings: RegionalSettings,
): T[] {
  return applicants.filter((applicant) => checkEligibility(applicant, target, settings).ok);
}
