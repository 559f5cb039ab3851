import { checkEligibility, eligibleApplicants, type Applicant, type PublicationTarget } from './eligibility.js';
import { defaultRegionalSettings as settings } from './settings.js';

const balapan = 'kg-balapan';
const target: PublicationTarget = {
  kindergartenId: balapan,
  birthYear: 2023,
  language: 'kk',
  availableFrom: '2026-09-01',
};

function applicant(overrides: Partial<Applicant> = {}): Applicant {
  return {
    id: 'a-1',
    birthDate: '2023-03-14',
    language: 'kk',
    priority: 'general',
    appliedAt: '2024-01-10T09:00:00+05:00',
    choices: ['kg-other', balapan],
    blocked: false,
    hasActiveReferralOrEnrollment: false,
    ...overrides,
  };
}

describe('eligibility for a publication', () => {
  it('admits a child of the birth year and language who chose the kindergarten', () => {
    expect(checkEligibility(applicant(), target, settings)).toEqual({ ok: true });
  });

  it('refuses a blocked account before anything else', () => {
    const verdict = checkEligibility(applicant({ blocked: true, language: 'ru' }), target, settings);
    expect(verdict).toEqual({ ok: false, rejection: { code: 'account_blocked', params: {} } });
  });

  it('refuses an applicant who already holds a referral or an enrollment', () => {
    const verdict = checkEligibility(applicant({ hasActiveReferralOrEnrollment: true }), target, settings);
    expect(verdict).toMatchObject({ ok: false, rejection: { code: 'already_has_referral' } });
  });

  it('refuses an applicant who did not choose this kindergarten', () => {
    expect(checkEligibility(applicant({ choices: ['kg-other'] }), target, settings)).toEqual({
      ok: false,
      rejection: { code: 'kindergarten_not_chosen', params: { kindergartenId: balapan, maxChoices: 4 } },
    });
  });

  it('counts only the first maxChoices choices', () => {
    const choices = ['k1', 'k2', 'k3', 'k4', balapan];
    expect(checkEligibility(applicant({ choices }), target, settings).ok).toBe(false);
    expect(checkEligibility(applicant({ choices }), target, { ...settings, maxChoices: 5 }).ok).toBe(true);
  });

  it('refuses a Russian-language applicant for a Kazakh-language seat', () => {
    expect(checkEligibility(applicant({ language: 'ru' }), target, settings)).toEqual({
      ok: false,
      rejection: { code: 'wrong_language', params: { language: 'ru', required: 'kk' } },
    });
  });

  it('refuses a child of another birth year', () => {
    expect(checkEligibility(applicant({ birthDate: '2022-12-31' }), target, settings)).toEqual({
      ok: false,
      rejection: { code: 'wrong_birth_year', params: { birthYear: 2022, required: 2023 } },
    });
  });

  it('refuses a child born 2025-12-10 for a June 2026 early-age seat: 5 months, the minimum is 12', () => {
    const june = { ...target, birthYear: 2025, availableFrom: '2026-06-01' };
    expect(checkEligibility(applicant({ birthDate: '2025-12-10' }), june, settings)).toEqual({
      ok: false,
      rejection: {
        code: 'below_minimum_age',
        params: { ageMonths: 5, minimumAgeMonths: 12, availableFrom: '2026-06-01' },
      },
    });
    expect(checkEligibility(applicant({ birthDate: '2025-05-20' }), june, settings).ok).toBe(true);
  });

  it('filters a list down to the eligible, keeping its order', () => {
    const list = [
      applicant({ id: 'a' }),
      applicant({ id: 'b', language: 'ru' }),
      applicant({ id: 'c', blocked: true }),
      applicant({ id: 'd' }),
    ];
    expect(eligibleApplicants(list, target, settings).map((a) => a.id)).toEqual(['a', 'd']);
  });
});
