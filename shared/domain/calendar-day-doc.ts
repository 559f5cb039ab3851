import { z } from 'zod';
import { calendarDaySchema } from '../calendar/types.js';
import { replicatedFields } from './ids.js';

/** A calendar table row as replicated: the date is its id. */
export const calendarDayDocSchema = calendarDaySchema.extend({
  id: z.iso.date(),
  ...replicatedFields,
});
export type CalendarDayDoc = z.infer<typeof calendarDayDocSchema>;
