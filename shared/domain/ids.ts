import { z } from 'zod';
import { isoInstant } from './dates.js';

/** Server-assigned replication metadata carried by every replicated document. */
export const replicatedFields = {
  /** Server revision counter, incremented on every change of the row. */
  rev: z.number().int().nonnegative(),
  /** Server clock instant of the last change (ISO 8601, UTC). Clients never set it. */
  updatedAt: isoInstant,
};

export const uuid = z.uuid();
