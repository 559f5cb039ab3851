import type { Sex } from '../../shared/domain/iin.js';
import type { Language } from '../../shared/domain/index.js';
import { daysBetween, plusDays, plusMonths } from '../../shared/calendar/dates.js';
import { cityDate, cityInstant, nextMonthDay } from '../../shared/calendar/index.js';
import { birthYearFor, type ApplicantPriority } from '../../shared/rules/index.js';
import type { ApplicantPlan, EnrollmentPlan, KindergartenPlan } from './city-plan.js';
import { districts } from './names.js';
import { makeFamily, type IinRegistry, type Origin } from './people.js';
import type { Random } from './prng.js';

/**
 * The demo city's children: those attending each group now, and the city queue — named,
 * born and identified consistently (people.ts), each drawn from the seeded stream.
 */

/** The children attending now: each group full but for the seats its schedule entries plan. */
export function planEnrollments(
  random: Random,
  ids: Random,
  iins: IinRegistry,
  kindergartens: KindergartenPlan[],
  rooms: Map<string, number>,
  today: string,
): EnrollmentPlan[] {
  const enrollments: EnrollmentPlan[] = [];
  const youngest = plusMonths(today, -12);
  for (const k of kindergartens) {
    let order = random.int(20, 90);
    for (const group of k.groups) {
      const year = birthYearFor(group.ageGroup, today);
      const attending = group.capacity - (rooms.get(group.id) ?? 0);
      for (let i = 0; i < attending; i++) {
        const birthDate = birthDateIn(random, year, youngest);
        const sex: Sex = random.chance(0.5) ? 'male' : 'female';
        const family = makeFamily(random, originFor(random, group.language), sex);
        const admissible = plusMonths(birthDate, 12);
        const septembers = Array.from({ length: 6 }, (_, n) => `${year + 1 + n}-09-01`).filter(
          (d) => d >= admissible && d <= today,
        );
        const enrolledOn =
          septembers.length && random.chance(0.7)
            ? random.pick(septembers)
            : plusDays(admissible, random.int(0, Math.max(0, daysBetween(admissible, today))));
        const c = family.child;
        enrollments.push({
          id: ids.uuid(),
          kindergartenId: k.id,
          groupId: group.id,
          childFullName: [c.lastName, c.firstName, c.middleName].filter(Boolean).join(' '),
          childBirthDate: birthDate,
          childIin: iins.issue(birthDate, sex),
          representativeFullName: family.representative.fullName,
          representativePhone: family.representative.phone,
          enrolledOn,
          orderNumber: `${(order += random.int(1, 3))}-к`,
        });
      }
    }
  }
  return enrollments;
}

/** A birth date in `year`, not after `latest`. */
function birthDateIn(random: Random, year: number, latest: string): string {
  const first = `${year}-01-01`;
  const last = `${year}-12-31` < latest ? `${year}-12-31` : latest;
  return plusDays(first, random.int(0, Math.max(0, daysBetween(first, last))));
}

function originFor(random: Random, language: Language): Origin {
  return language === 'kk' ? (random.chance(0.95) ? 'kazakh' : 'russian') : random.chance(0.35) ? 'kazakh' : 'russian';
}

/**
 * The city queue. Children born one to five years before the coming intake, the youngest most
 * numerous; parents apply within months of the birth; 1–4 kindergartens chosen near home, in the
 * child's language where the kindergarten teaches it.
 */
export function planApplicants(
  random: Random,
  ids: Random,
  iins: IinRegistry,
  kindergartens: KindergartenPlan[],
  count: number,
  now: Date,
): ApplicantPlan[] {
  const today = cityDate(now);
  const intake = Number(nextMonthDay(now, '06-01').slice(0, 4));
  const latestBirth = plusDays(today, -10);
  const applicants: ApplicantPlan[] = [];
  for (let i = 0; i < count; i++) {
    const language: Language = random.chance(0.6) ? 'ru' : 'kk';
    const sex: Sex = random.chance(0.5) ? 'male' : 'female';
    const family = makeFamily(random, originFor(random, language), sex);
    const age = random.weighted([
      [1, 0.32],
      [2, 0.3],
      [3, 0.2],
      [4, 0.11],
      [5, 0.07],
    ]);
    const birthDate = birthDateIn(random, intake - age, latestBirth);
    const appliedDate = plusDays(birthDate, random.int(3, 150));
    const appliedAt = cityInstant(appliedDate < today ? appliedDate : plusDays(today, -1), random.int(8 * 60, 22 * 60));
    const home = random.pick(districts);
    applicants.push({
      id: ids.uuid(),
      iin: iins.issue(birthDate, sex),
      ...family.child,
      birthDate,
      language,
      priority: random.weighted<ApplicantPriority>([
        ['out_of_turn', 0.03],
        ['first', 0.14],
        ['general', 0.83],
      ]),
      appliedAt,
      choices: chooseKindergartens(random, kindergartens, home, language),
      representativeFullName: family.representative.fullName,
      representativePhone: family.representative.phone,
    });
  }
  return applicants;
}

function chooseKindergartens(
  random: Random,
  kindergartens: KindergartenPlan[],
  home: string,
  language: Language,
): string[] {
  const wanted = Math.min(
    kindergartens.length,
    random.weighted([
      [1, 0.2],
      [2, 0.3],
      [3, 0.25],
      [4, 0.25],
    ]),
  );
  let candidates = kindergartens.map((k) => {
    const teaches = k.groups.some((g) => g.language === language);
    return [k, k.popularity * (k.district === home ? 4 : 1) * (teaches ? 3 : 0.2)] as const;
  });
  const chosen: string[] = [];
  while (chosen.length < wanted && candidates.length) {
    const k = random.weighted(candidates);
    chosen.push(k.id);
    candidates = candidates.filter(([c]) => c !== k);
  }
  return chosen;
}
