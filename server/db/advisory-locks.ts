/**
 * Every PostgreSQL advisory lock the server takes, in one place, so no two jobs share an id by
 * accident (test/layering/advisory-locks.test.ts fails on an advisory-lock call that names a
 * number instead of one of these).
 */
export const ADVISORY_LOCKS = {
  /** Migrations: processes starting together migrate one at a time (server/db/migrate.ts). */
  migrate: 7243001,
  /** The demo seed of an empty database: one process seeds (server/demo/seed-kindergarten.ts). */
  seed: 7243002,
  /** The scheduler's round: one process leads at a time (server/intake/scheduler.ts). */
  schedulerLeader: 7243003,
} as const;
