/** The small data-access layer that runs on embedded PGlite and on real PostgreSQL alike. */

export interface QueryOptions {
  /**
   * A statement of a hot path (a claim, a session lookup, a command): PostgreSQL keeps it parsed
   * and planned per connection instead of planning it on every call. Only for fixed SQL text.
   */
  prepare?: boolean;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Values cached for this database, shared by the handle and its transactions. Whatever is kept
   * here carries its own proof of validity, read in the same statement as the value (see
   * server/intake/rule-context.ts): a process never trusts it blindly.
   */
  readonly memo: Map<string, unknown>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. When the
   * database aborts it for contention (deadlock, serialization failure), it runs `fn` again in a new
   * transaction, a bounded number of times (server/db/contention.ts): `fn` must do nothing outside
   * the transaction it cannot do twice. Statements outside a transaction are retried the same way.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
