/**
 * A `timestamptz` column selected as the shared domain's ISO instant, exactly as `Date.toISOString()`
 * writes it (UTC, milliseconds, `Z`), so a loader returns the shared type without a converter and
 * the same text on PGlite and PostgreSQL whatever the session's time zone. `column` is a column
 * reference written in the statement, never a value.
 */
export const isoInstantSql = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
