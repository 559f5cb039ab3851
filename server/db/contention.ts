/**
 * Contention between transactions, answered without failing the caller: PostgreSQL aborts one
 * side of a deadlock (40P01) or a serialization conflict (40001) and says the work may simply be
 * run again. Every statement and transaction of the PostgreSQL handle goes through
 * `retryContention` (server/db/postgres.ts), so claims, pushes, the scheduler and the admin CLI all
 * retry the same way; when the retries run out the caller gets a `ContentionError`, which the HTTP
 * layer answers with 429 `server_busy` and Retry-After, never a 5xx.
 */

/** The SQLSTATEs that mean "run it again": nothing of the aborted attempt was kept. */
export const RETRYABLE_CODES: readonly string[] = ['40P01', '40001'];

export interface RetryPolicy {
  /** Attempts in all (the first run included). */
  attempts: number;
  /** The first wait; each later one doubles, each drawn at random from [0, bound) ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 6, baseDelayMs: 5, maxDelayMs: 200 };

/** Seconds a client is told to wait (Retry-After) when the retries ran out. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/** The database kept aborting the work for contention: nothing was changed, the caller may retry later. */
export class ContentionError extends Error {
  readonly statusCode = 429;
  readonly code = 'server_busy';
  readonly retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;
  constructor(
    readonly attempts: number,
    readonly sqlState: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The database is busy with conflicting work (${sqlState} ${attempts} times); nothing was changed — try again in a moment.`,
      options,
    );
  }
}

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.includes(code);
}

/** Counts of contention met by this process (for operators and benchmarks). */
export const contentionStats = { retried: 0, exhausted: 0 };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `run` until it does not fail for contention, at most `policy.attempts` times, waiting a
 * jittered, doubling delay between attempts. `run` must be safe to run again: a whole transaction,
 * or one statement outside a transaction (the database rolled the aborted attempt back).
 */
export async function retryContention<T>(run: () => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ContentionError) throw error;
      if (!isRetryable(error)) throw error;
      if (attempt >= policy.attempts) {
        contentionStats.exhausted++;
        throw new ContentionError(attempt, (error as { code: string }).code, { cause: error });
      }
      contentionStats.retried++;
      const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await wait(Math.random() * bound);
    }
  }
}
