import { z } from 'zod';
import { isoDate } from './dates.js';
import { safeText } from './text.js';
import { languageSchema } from './kindergarten.js';
import { replicatedFields, uuid } from './ids.js';

/**
 * Age groups by (intake year − birth year): 1 early-age (ясельная / ерте жас), 2 junior (младшая / кіші),
 * 3 middle (средняя / ортаңғы), 4 senior (старшая / ересек), 5 preschool (предшкольная / мектепалды).
 */
export const ageGroupSchema = z.enum(['early', 'junior', 'middle', 'senior', 'preschool']);
export type AgeGroup = z.infer<typeof ageGroupSchema>;

export const MAX_GROUP_CAPACITY = 60;
export const capacitySchema = z.number().int().min(0).max(MAX_GROUP_CAPACITY);

export const groupSchema = z.object({
  id: uuid,
  kindergartenId: uuid,
  name: safeText.min(1).max(100),
  /** The age group until `nextAgeGroupOn` (read it through `groupAgeGroupOn` in shared/rules). */
  ageGroup: ageGroupSchema,
  /** A relabelling move-up recorded ahead: the age group from `nextAgeGroupOn` on (both null when none). */
  nextAgeGroup: ageGroupSchema.nullable(),
  nextAgeGroupOn: isoDate.nullable(),
  language: languageSchema,
  capacity: capacitySchema,
  ...replicatedFields,
});
export type Group = z.infer<typeof groupSchema>;
