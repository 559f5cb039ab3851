import { z } from 'zod';

/** The page a department list is asked for (1-based; absent for the first). */
export const pageParam = z.coerce.number().int().min(1).max(10_000).optional();

/** What every paged department list answers beside its items. */
export const pageFields = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };
