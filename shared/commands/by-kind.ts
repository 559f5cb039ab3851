import type { z } from 'zod';
import { commonRejections, type RejectionCode, type RejectionOf } from './rejection.js';

/**
 * One kind's entry in a command table: its payload schema, who may send it, and the codes its
 * handler may refuse with. Every kind may also answer `commonRejections` (its executor's checks
 * before the handler runs), declared once for all kinds.
 */
export interface CommandEntry<Role extends string> {
  payload: z.ZodType;
  roles: readonly Role[];
  rejections: readonly RejectionCode[];
}

/**
 * One column of a command table (kind → entry): each kind with that field of its entry, e.g. the
 * payload schemas or the roles of `commandTable`.
 */
export function byKind<T extends Record<string, Record<F, unknown>>, F extends string>(
  table: T,
  field: F,
): { [K in keyof T]: T[K][F] } {
  return Object.fromEntries(Object.entries(table).map(([kind, entry]) => [kind, entry[field]])) as {
    [K in keyof T]: T[K][F];
  };
}

/** Every code a kind whose own codes (its `rejections`) are `own` may answer: the common codes, then its own. */
export const answerableCodes = (own: readonly RejectionCode[]): readonly RejectionCode[] => [
  ...commonRejections,
  ...own,
];

/**
 * For each kind of a table, the codes it declares that no path of its handler (`H[K]`, returning a
 * verdict or its promise) can return: an empty list for every kind when the table is exact.
 */
export type UnreturnedRejections<
  T extends Record<string, { rejections: readonly RejectionCode[] }>,
  H extends { [K in keyof T]: (...args: never) => unknown },
> = { [K in keyof T]: Exclude<T[K]['rejections'][number], RejectionOf<Awaited<ReturnType<H[K]>>>>[] };

/** Compiles only when every kind's list is empty: `EveryDeclaredCodeReturned<UnreturnedRejections<…>>`. */
export type EveryDeclaredCodeReturned<T extends Record<string, never[]>> = T;
