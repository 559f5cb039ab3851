import type { AgeGroup } from '../domain/group.js';
import { monthOf, plusMonths, wholeMonthsBetween, yearOf } from '../calendar/dates.js';

/**
 * Age groups by year of birth against the intake year of a seat, and the minimum age.
 * Source: docs/rules.md, Rules › Age groups: intake year A = the year of available-from
 * if it falls in June–December, else the year before; A − birth year = 1 early-age (ясельная / ерте
 * жас), 2 junior (младшая / кіші), 3 middle (средняя / ортаңғы), 4 senior (старшая / ересек),
 * 5 preschool (предшкольная / мектепалды); 6 or more → school, not admitted. A minimum age in months
 * at available-from (default 12) keeps a December-born child out of a June seat.
 */

const byDifference: readonly AgeGroup[] = ['early', 'junior', 'middle', 'senior', 'preschool'];

/** The intake (academic) year a seat belongs to: June–December → that year, January–May → the year before. */
export function intakeYear(availableFrom: string): number {
  const year = yearOf(availableFrom);
  return monthOf(availableFrom) >= 6 ? year : year - 1;
}

/** The age group of children born in `birthYear` for a seat available from `availableFrom`; null = not admitted. */
export function ageGroupFor(birthYear: number, availableFrom: string): AgeGroup | null {
  return byDifference[intakeYear(availableFrom) - birthYear - 1] ?? null;
}

/** The birth year that an age group targets in a seat's intake year (the inverse of `ageGroupFor`). */
export function birthYearFor(ageGroup: AgeGroup, availableFrom: string): number {
  return intakeYear(availableFrom) - (byDifference.indexOf(ageGroup) + 1);
}

/** Age in whole months on a date (the day the child turns N months is the first day it is N months old). */
export function ageInMonths(birthDate: string, onDate: string): number {
  return wholeMonthsBetween(birthDate, onDate);
}

/** Has the child reached `minimumAgeMonths` whole months on the seat's available-from date? */
export function meetsMinimumAge(birthDate: string, availableFrom: string, minimumAgeMonths: number): boolean {
  return plusMonths(birthDate, minimumAgeMonths) <= availableFrom;
}

/** A group's age group as a dated value: `ageGroup` until `nextAgeGroupOn`, `nextAgeGroup` from that date on. */
export type DatedAgeGroup = { ageGroup: AgeGroup; nextAgeGroup: AgeGroup | null; nextAgeGroupOn: string | null };

/**
 * The group's age group on a date. A relabelling move-up is recorded ahead (in June for 1 September)
 * and takes effect on its date: until then the group, its lists and its vacancies keep the age group
 * its children are in now.
 */
export function groupAgeGroupOn(group: DatedAgeGroup, date: string): AgeGroup {
  return group.nextAgeGroup !== null && group.nextAgeGroupOn !== null && date >= group.nextAgeGroupOn
    ? group.nextAgeGroup
    : group.ageGroup;
}
