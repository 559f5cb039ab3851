import type { Sex } from '../../shared/domain/iin.js';
import type { AgeGroup, Language } from '../../shared/domain/index.js';
import { plusMs, DAY_MS } from '../../shared/calendar/dates.js';
import { cityDate, nextMonthDay } from '../../shared/calendar/index.js';
import { birthYearFor, type ApplicantPriority } from '../../shared/rules/index.js';
import { planApplicants, planEnrollments } from './children-plan.js';
import { districts, groupNames, kindergartenNames, streets } from './names.js';
import { IinRegistry, staffName } from './people.js';
import type { Random } from './prng.js';

/**
 * The demo city as plain data, drawn from one seeded stream: kindergartens with groups per age and
 * language, their staff, the summer intake schedule, the children attending, and the city queue.
 * Everything is relative to `now` (the server clock at seeding), so the schedule is always the
 * coming summer. Publications and claims are played out afterwards (intake-timeline.ts).
 */

export interface DemoCitySize {
  kindergartens: number;
  applicants: number;
}

/** `full`: a city like Petropavlovsk (a few dozen kindergartens, ~3,000 in the queue); `small`: for tests. */
export const demoCitySizes = {
  full: { kindergartens: 30, applicants: 3000 },
  small: { kindergartens: 4, applicants: 240 },
} as const satisfies Record<string, DemoCitySize>;

export const AGE_GROUPS: readonly AgeGroup[] = ['early', 'junior', 'middle', 'senior', 'preschool'];

export interface GroupPlan {
  id: string;
  kindergartenId: string;
  name: string;
  ageGroup: AgeGroup;
  language: Language;
  capacity: number;
}

/** The kindergarten `seedDemo` already made (the demo kindergarten and its two accounts). */
export interface FirstKindergarten {
  id: string;
  nameRu: string;
  nameKk: string;
  address: string;
  headId: string;
  groups: GroupPlan[];
}

export interface KindergartenPlan {
  id: string;
  nameRu: string;
  nameKk: string;
  address: string;
  district: string;
  /** How strongly parents want it (the first kindergarten is the city's favourite). */
  popularity: number;
  headId: string;
  groups: GroupPlan[];
  /** Made by seedDemo, not by this plan (its rows exist already). */
  existing: boolean;
}

export interface StaffPlan {
  id: string;
  kindergartenId: string;
  login: string;
  fullName: string;
  role: 'head' | 'staff';
}

/** How the timeline treats an approved entry's seats by the time of seeding. */
export type PublicationMode = 'none' | 'window' | 'open';

export interface EntryPlan {
  id: string;
  kindergartenId: string;
  groupId: string;
  birthYear: number;
  language: Language;
  seats: number;
  availableFrom: string;
  status: 'draft' | 'submitted' | 'approved';
  note: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdBy: string;
  /** Set for the first kindergarten so the demo always shows a window and an open-to-all offer there. */
  mode: PublicationMode | null;
}

export interface EnrollmentPlan {
  id: string;
  kindergartenId: string;
  groupId: string;
  childFullName: string;
  childBirthDate: string;
  childIin: string;
  representativeFullName: string;
  representativePhone: string;
  enrolledOn: string;
  orderNumber: string;
}

export interface ApplicantPlan {
  id: string;
  iin: string;
  sex: Sex;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  language: Language;
  priority: ApplicantPriority;
  appliedAt: Date;
  choices: string[];
  representativeFullName: string;
  representativePhone: string;
}

export interface CityPlan {
  now: Date;
  today: string;
  /** The coming summer's schedule dates: 1 June, 1 July, 1 August of its year and the next 1 September. */
  scheduleDates: { june: string; july: string; august: string; september: string };
  kindergartens: KindergartenPlan[];
  staff: StaffPlan[];
  entries: EntryPlan[];
  enrollments: EnrollmentPlan[];
  applicants: ApplicantPlan[];
}

/** The first kindergarten's groups that always get seats in the demo: a queue window and open-to-all offers. */
const FIRST_KINDERGARTEN_MODES: Readonly<Record<string, PublicationMode>> = {
  Солнышко: 'window',
  Балдырған: 'window',
  Колокольчик: 'open',
  Ақбота: 'open',
};

export function planCity(input: { random: Random; size: DemoCitySize; now: Date; first: FirstKindergarten }): CityPlan {
  const { random, size, now, first } = input;
  const today = cityDate(now);
  const june = nextMonthDay(now, '06-01');
  const scheduleDates = {
    june,
    july: `${june.slice(0, 4)}-07-01`,
    august: `${june.slice(0, 4)}-08-01`,
    september: nextMonthDay(now, '09-01'),
  };
  const ids = random.fork('ids');
  const iins = new IinRegistry(random.fork('iin'));
  const kindergartens = planKindergartens(random.fork('kindergartens'), ids, size, first);
  const staff = planStaff(random.fork('staff'), ids, kindergartens);
  const rooms = new Map<string, number>();
  const entries = planEntries(random.fork('schedule'), ids, kindergartens, scheduleDates, now, rooms);
  const enrollments = planEnrollments(random.fork('enrollments'), ids, iins, kindergartens, rooms, today);
  const applicants = planApplicants(random.fork('applicants'), ids, iins, kindergartens, size.applicants, now);
  return { now, today, scheduleDates, kindergartens, staff, entries, enrollments, applicants };
}

function planKindergartens(
  random: Random,
  ids: Random,
  size: DemoCitySize,
  first: FirstKindergarten,
): KindergartenPlan[] {
  const names = random.shuffle(kindergartenNames);
  const numbers = random.shuffle(Array.from({ length: 68 }, (_, i) => i + 2));
  const result: KindergartenPlan[] = [{ ...first, district: districts[0], popularity: 3, existing: true }];
  for (let i = 1; i < size.kindergartens; i++) {
    const name = names[(i - 1) % names.length]!;
    const number = numbers[(i - 1) % numbers.length]!;
    const id = ids.uuid();
    const profile = random.weighted<readonly Language[]>([
      [['ru', 'kk'], 0.6],
      [['ru'], 0.25],
      [['kk'], 0.15],
    ]);
    const groups = planGroups(random, ids, id, profile);
    // A kindergarten with an early-age group is most often registered as a nursery-kindergarten (ясли-сад).
    const nursery = groups.some((g) => g.ageGroup === 'early') && random.chance(0.75);
    result.push({
      id,
      nameRu: `${nursery ? 'Ясли-сад' : 'Детский сад'} № ${number} «${name}»`,
      nameKk: `№ ${number} «${name}» ${nursery ? 'бөбекжай-бақшасы' : 'балабақшасы'}`,
      address: `${random.pick(streets)}, ${random.int(1, 160)}`,
      district: random.pick(districts),
      popularity: 0.5 + random.float(),
      headId: '',
      groups,
      existing: false,
    });
  }
  return result;
}

function planGroups(random: Random, ids: Random, kindergartenId: string, languages: readonly Language[]) {
  const groups: GroupPlan[] = [];
  const names = { ru: random.shuffle(groupNames.ru), kk: random.shuffle(groupNames.kk) };
  for (const ageGroup of AGE_GROUPS) {
    for (const language of languages) {
      if (!random.chance(ageGroup === 'early' ? 0.6 : 0.9) && groups.length > 0) continue;
      groups.push({
        id: ids.uuid(),
        kindergartenId,
        name: names[language].shift() ?? `${ageGroup}-${language}`,
        ageGroup,
        language,
        capacity: ageGroup === 'early' ? random.int(15, 20) : random.int(20, 25),
      });
    }
  }
  return groups;
}

function planStaff(random: Random, ids: Random, kindergartens: KindergartenPlan[]): StaffPlan[] {
  const staff: StaffPlan[] = [];
  kindergartens.forEach((k, i) => {
    if (k.existing) return;
    const n = String(i + 1).padStart(2, '0');
    const head = { id: ids.uuid(), kindergartenId: k.id, login: `head-${n}`, fullName: staffName(random) };
    staff.push({ ...head, role: 'head' });
    staff.push({
      id: ids.uuid(),
      kindergartenId: k.id,
      login: `staff-${n}`,
      fullName: staffName(random),
      role: 'staff',
    });
    k.headId = head.id;
  });
  return staff;
}

/**
 * One entry per group (two for some): the seats the group frees up next summer, for the birth year
 * that its age group takes then. Two kindergartens (not the first) still wait for approval.
 */
function planEntries(
  random: Random,
  ids: Random,
  kindergartens: KindergartenPlan[],
  dates: CityPlan['scheduleDates'],
  now: Date,
  rooms: Map<string, number>,
): EntryPlan[] {
  const waiting = new Set(
    random
      .shuffle(kindergartens.filter((k) => !k.existing))
      .slice(0, kindergartens.length > 6 ? 2 : 1)
      .map((k) => k.id),
  );
  const entries: EntryPlan[] = [];
  for (const k of kindergartens) {
    for (const group of k.groups) {
      const room = random.int(3, 6);
      rooms.set(group.id, room);
      const forced = k.existing ? (FIRST_KINDERGARTEN_MODES[group.name] ?? null) : null;
      const split = !forced && room >= 4 && random.chance(0.25);
      const parts = split ? [2, room - 2] : [room];
      for (const [i, seats] of parts.entries()) {
        const availableFrom = forced
          ? dates.september
          : split
            ? i === 0
              ? dates.june
              : dates.september
            : random.weighted([
                [dates.june, 0.25],
                [dates.july, 0.05],
                [dates.august, 0.1],
                [dates.september, 0.6],
              ]);
        const status = waiting.has(k.id) ? 'submitted' : !forced && random.chance(0.03) ? 'draft' : 'approved';
        const submittedAt =
          status === 'draft'
            ? null
            : plusMs(now, -(status === 'submitted' ? random.int(1, 4) : random.int(40, 60)) * DAY_MS);
        entries.push({
          id: ids.uuid(),
          kindergartenId: k.id,
          groupId: group.id,
          birthYear: birthYearFor(group.ageGroup, availableFrom),
          language: group.language,
          seats,
          availableFrom,
          status,
          note: group.ageGroup === 'preschool' ? 'Выпуск предшкольной группы в школу' : '',
          submittedAt,
          decidedAt: status === 'approved' && submittedAt ? plusMs(submittedAt, random.int(3, 12) * DAY_MS) : null,
          createdBy: k.headId,
          mode: forced,
        });
      }
    }
  }
  return entries;
}
