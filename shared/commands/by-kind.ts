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
