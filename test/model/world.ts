import fc from 'fast-check';
import type { AgeGroup } from '../../shared/domain/group.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';

/**
 * The small world a sequence starts from: four Russian-language groups of the demo kindergarten
 * (junior, middle, senior, preschool) with a few seats and children, ten applicants, two approved
 * schedule entries, and the instant the clock starts at.
 */
export interface WorldGroup {
  id: string;
  ageGroup: AgeGroup;
  language: 'ru' | 'kk';
  capacity: number;
  /** Enrollment ids of the children attending at the start (enrolled without a referral). */
  children: string[];
  childBirthDate: string;
  enrolledOn: string;
}

export interface WorldApplicant {
  birthDate: string;
  language: 'ru' | 'kk';
  priority: 'out_of_turn' | 'first' | 'general';
  appliedAt: string;
  choices: string[];
}

export interface WorldEntry {
  id: string;
  groupId: string;
  birthYear: number;
  language: 'ru' | 'kk';
  seats: number;
  availableFrom: string;
}

export interface WorldSpec {
  start: string;
  groups: WorldGroup[];
  applicants: WorldApplicant[];
  entries: WorldEntry[];
}

/** The demo groups the model uses (seed.ts ids), relabelled per sequence. */
export const worldGroups: Array<{ id: string; ageGroup: AgeGroup; childBirthDate: string }> = [
  { id: '0191d2a0-0000-7000-8000-000000000102', ageGroup: 'junior', childBirthDate: '2023-04-04' },
  { id: '0191d2a0-0000-7000-8000-000000000103', ageGroup: 'middle', childBirthDate: '2022-04-04' },
  { id: '0191d2a0-0000-7000-8000-000000000104', ageGroup: 'senior', childBirthDate: '2021-04-04' },
  { id: '0191d2a0-0000-7000-8000-000000000105', ageGroup: 'preschool', childBirthDate: '2020-04-04' },
];

const OTHER_KINDERGARTEN = '0191d2a0-0000-7000-8000-00000000ffff';

/** Starting instants around the summer intake: before June, in June–July, in the August pause, after it. */
const starts = [
  '2026-05-22T05:00:00.000Z',
  '2026-06-02T04:00:00.000Z',
  '2026-06-12T09:30:00.000Z',
  '2026-06-26T05:00:00.000Z',
  '2026-07-24T04:00:00.000Z',
  '2026-07-28T05:00:00.000Z',
  '2026-07-31T12:00:00.000Z',
  '2026-08-20T06:00:00.000Z',
  '2026-08-28T10:00:00.000Z',
  '2026-09-14T03:00:00.000Z',
  '2026-10-05T04:00:00.000Z',
];

const entryDates = ['2026-06-01', '2026-07-01', '2026-08-31', '2026-09-01', '2026-10-01'];

export const worldArbitrary: fc.Arbitrary<WorldSpec> = fc
  .record({
    start: fc.constantFrom(...starts),
    capacities: fc.tuple(...worldGroups.map(() => fc.integer({ min: 1, max: 5 }))),
    // Mostly room for a few seats (publishing and the race for them is what most sequences test), sometimes full.
    fill: fc.tuple(...worldGroups.map(() => fc.constantFrom(0, 0, 1, 1, 2, 3, 5))),
    applicants: fc.array(
      fc.record({
        birthYear: fc.constantFrom(2021, 2022, 2023, 2023, 2024, 2024, 2025),
        // Most of a kindergarten's queue is of the ages it takes: often the birth year of one of its
        // entries (so a publication has several applicants in line, and its returned seats have
        // someone left to go to), otherwise any year.
        sameAsEntry: fc.constantFrom(-1, -1, 0, 1, 2),
        month: fc.integer({ min: 1, max: 12 }),
        language: fc.constantFrom<'ru' | 'kk'>('ru', 'ru', 'ru', 'ru', 'kk'),
        priority: fc.constantFrom<WorldApplicant['priority']>('general', 'general', 'general', 'first', 'out_of_turn'),
        appliedDay: fc.integer({ min: 0, max: 900 }),
        chosen: fc.constantFrom('first', 'first', 'first', 'second', 'fifth'),
      }),
      { minLength: 10, maxLength: 10 },
    ),
    entries: fc.array(
      fc.record({
        group: fc.integer({ min: 0, max: 3 }),
        date: fc.constantFrom(...entryDates),
        seats: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 2, maxLength: 3 },
    ),
  })
  .map(({ start, capacities, fill, applicants, entries: drawn }) => {
    const entries = drawn.map((e, i) => {
      const group = worldGroups[e.group]!;
      const intake = Number(e.date.slice(0, 4)) - (Number(e.date.slice(5, 7)) >= 6 ? 0 : 1);
      const offset = ['early', 'junior', 'middle', 'senior', 'preschool'].indexOf(group.ageGroup) + 1;
      return {
        id: `0191d2a0-0000-7000-8000-0000000f000${i}`,
        groupId: group.id,
        birthYear: intake - offset,
        language: 'ru' as const,
        seats: e.seats,
        availableFrom: e.date,
      };
    });
    const groups = worldGroups.map((g, i) => {
      const capacity = capacities[i]!;
      const children = Math.min(capacity, fill[i]!);
      return {
        id: g.id,
        ageGroup: g.ageGroup,
        language: 'ru' as const,
        capacity,
        children: Array.from(
          { length: children },
          (_, c) => `0191d2a0-0000-7000-8000-0000000e${i}${String(c).padStart(3, '0')}`,
        ),
        childBirthDate: g.childBirthDate,
        enrolledOn: '2025-09-01',
      };
    });
    const choicesFor = (chosen: string) =>
      chosen === 'first'
        ? [demoKindergarten.id]
        : chosen === 'second'
          ? [OTHER_KINDERGARTEN, demoKindergarten.id]
          : [OTHER_KINDERGARTEN, OTHER_KINDERGARTEN, OTHER_KINDERGARTEN, OTHER_KINDERGARTEN, demoKindergarten.id];
    return {
      start,
      groups,
      applicants: applicants.map((a) => ({
        birthDate: `${a.sameAsEntry >= 0 ? entries[a.sameAsEntry % entries.length]!.birthYear : a.birthYear}-${String(a.month).padStart(2, '0')}-15`,
        language: a.language,
        priority: a.priority,
        appliedAt: new Date(Date.UTC(2023, 0, 1) + a.appliedDay * 86_400_000 + 3_600_000).toISOString(),
        choices: choicesFor(a.chosen),
      })),
      entries,
    };
  });

/** A world written out by hand (regression tests): groups in `worldGroups` order, applicants in queue slots. */
export function makeWorld(spec: {
  start: string;
  groups: Array<{ capacity: number; children: number }>;
  applicants: Array<{ birthDate: string; priority?: WorldApplicant['priority'] }>;
  entries: Array<{ group: number; birthYear: number; seats: number; availableFrom: string }>;
}): WorldSpec {
  return {
    start: spec.start,
    groups: worldGroups.map((g, i) => ({
      id: g.id,
      ageGroup: g.ageGroup,
      language: 'ru',
      capacity: spec.groups[i]!.capacity,
      children: Array.from(
        { length: spec.groups[i]!.children },
        (_, c) => `0191d2a0-0000-7000-8000-0000000e${i}${String(c).padStart(3, '0')}`,
      ),
      childBirthDate: g.childBirthDate,
      enrolledOn: '2025-09-01',
    })),
    applicants: spec.applicants.map((a, i) => ({
      birthDate: a.birthDate,
      language: 'ru',
      priority: a.priority ?? 'general',
      appliedAt: new Date(Date.UTC(2024, 0, 1 + i, 4)).toISOString(),
      choices: [demoKindergarten.id],
    })),
    entries: spec.entries.map((e, i) => ({
      id: `0191d2a0-0000-7000-8000-0000000f000${i}`,
      groupId: worldGroups[e.group]!.id,
      birthYear: e.birthYear,
      language: 'ru',
      seats: e.seats,
      availableFrom: e.availableFrom,
    })),
  };
}
