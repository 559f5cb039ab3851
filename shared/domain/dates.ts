import { z } from 'zod';

/** A calendar date (YYYY-MM-DD), meaning the date in the city's zone. */
export const isoDate = z.iso.date();
/** An instant (ISO 8601 with offset), always from the server's clock when it decides anything. */
export const isoInstant = z.iso.datetime({ offset: true });
