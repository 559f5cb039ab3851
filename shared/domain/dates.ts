import { z } from 'zod';

/**
 * The range every date and instant a client sends must fall in: years 2000 to 2100 (a birth, an
 * order, a device's clock). Outside it a value is a mistake or an attack, never a kindergarten
 * fact, and PostgreSQL would refuse some (year 0000) with an error instead of an answer.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const RANGE_MESSAGE = `must be within the years ${FIRST_YEAR} to ${LAST_YEAR}`;
const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};

/** A real calendar date (YYYY-MM-DD) of any year: what the rules take (birth dates, available-from, order dates). */
export const isoDateSchema = z.iso.date();

/** A calendar date (YYYY-MM-DD), meaning the date in the city's zone, years 2000–2100. */
export const isoDate = z.iso.date().refine(yearInRange, { message: RANGE_MESSAGE });
/**
 * An instant (ISO 8601 with offset), always from the server's clock when it decides anything;
 * years 2000–2100 (as written).
 */
export const isoInstant = z.iso.datetime({ offset: true }).refine(yearInRange, { message: RANGE_MESSAGE });
