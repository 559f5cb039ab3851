import { retryContention } from '../db/contention.js';
import type { Db, Queryable } from '../db/db.js';
import type { ApplicantPriority } from '../../shared/domain/referral.js';

/**
 * What a granted claim writes, decided by the rules in TypeScript (server/intake/claims.ts): the
 * database function `claim_writes` (migration 0016) writes it only if the applicant's and the
 * publication's rows are still the versions the decision was made on and the child is still free.
 */
export interface ClaimWrite {
  publication_id: string;
  kindergarten_id: string;
  group_id: string;
  applicant_id: string;
  child_full_name: string;
  child_birth_date: string;
  child_iin: string;
  representative_full_name: string;
  representative_phone: string;
  available_from: string;
  referral_id: string;
  /** The applicant's queue category as the decision read it (migration 0015). */
  applicant_priority: ApplicantPriority;
  /** The claim's instant (ISO): claimed_at, updated_at, the audit entry's time. */
  now: string;
  phase: string;
  contract_deadline: string;
  /** The referral number's year prefix (the city's year). */
  year: string;
  applicant_version: string;
  publication_version: string;
  /** The audit entry's details. */
  details: Record<string, unknown>;
}

/** One claim's outcome: `unchanged` false when a row changed since the decision; `number` null when no seat was left. */
export interface ClaimWriteOutcome {
  unchanged: boolean;
  number: string | null;
}

interface RawOutcome extends Partial<ClaimWriteOutcome> {
  /** The SQLSTATE that rolled this claim (and only this claim) back. */
  error?: string;
}

/**
 * Group commit: at most this many `claim_writes` calls of one process in flight at once; claims
 * whose decision is ready while they are all busy wait and go together in the next call, one
 * transaction and one commit for all of them. A lone claim never waits (it goes at once). On a
 * durable cluster on 2 cores, 1 and 4 measured alike (within the machine's noise); 4 keeps more than
 * one backend writing on a larger machine.
 */
export const GROUP_IN_FLIGHT = 4;
/** The most claims one call writes (a bound on the transaction's length and its locks). */
export const GROUP_MAX = 64;

/** Counts of this process's group commits (for tests and benchmarks). */
export const claimWriteStats = { calls: 0, claims: 0, largest: 0 };

const SQL = 'select claim_writes($1::jsonb) as out';

/** The SQLSTATE of one claim's outcome as an error, so the caller sees what a lone statement would throw. */
function failure(code: string): Error {
  return Object.assign(new Error(`claim write rolled back: SQLSTATE ${code}`), { code });
}

function settle(raw: RawOutcome): ClaimWriteOutcome {
  if (raw.error) throw failure(raw.error);
  return { unchanged: raw.unchanged === true, number: raw.number ?? null };
}

interface Waiting {
  write: ClaimWrite;
  resolve(outcome: ClaimWriteOutcome): void;
  reject(error: unknown): void;
}

class ClaimWriteGroup {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  /** One try: written in the next call, its own outcome (a rolled-back claim rejects with its SQLSTATE). */
  once(write: ClaimWrite): Promise<ClaimWriteOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < GROUP_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, GROUP_MAX);
      this.inFlight++;
      void this.call(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async call(batch: Waiting[]): Promise<void> {
    try {
      // The call itself is one statement outside a transaction: the handle retries it whole when it
      // is aborted for contention (nothing of it was kept); each claim's own failures come back as
      // its outcome instead.
      const outcomes = await writeClaimsTogether(
        this.db,
        batch.map((w) => w.write),
      );
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i]!;
        if (outcome instanceof Error) waiting.reject(outcome);
        else waiting.resolve(outcome);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}

/**
 * One call of `claim_writes`: the claims in order, each in its own subtransaction, one commit for
 * all (outside a transaction). Each outcome is the claim's own: an error (with the SQLSTATE that
 * rolled that claim back) for one leaves the others written.
 */
export async function writeClaimsTogether(
  db: Queryable,
  writes: readonly ClaimWrite[],
): Promise<Array<ClaimWriteOutcome | Error>> {
  claimWriteStats.calls++;
  claimWriteStats.claims += writes.length;
  claimWriteStats.largest = Math.max(claimWriteStats.largest, writes.length);
  const [row] = await db.query<{ out: RawOutcome[] }>(SQL, [JSON.stringify(writes)], { prepare: true });
  return row!.out.map((raw) => {
    try {
      return settle(raw);
    } catch (error) {
      return error as Error;
    }
  });
}

const groups = new WeakMap<Db, ClaimWriteGroup>();

/**
 * Writes a claim together with the other claims of this process that are ready at the same time
 * (group commit). Its outcome is its own: another claim's refusal or failure in the same call
 * changes nothing of it. A claim rolled back for contention (deadlock, serialization failure) is
 * tried again as a lone statement would be (server/db/contention.ts), then 429, never a 5xx; a
 * unique violation rejects with 23505 as the statement would.
 */
export function writeClaim(db: Db, write: ClaimWrite): Promise<ClaimWriteOutcome> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new ClaimWriteGroup(db)));
  const g = group;
  return retryContention(() => g.once(write));
}

/** Writes a claim alone inside the caller's transaction (the claim's locked fallback). */
export async function writeClaimIn(tx: Queryable, write: ClaimWrite): Promise<ClaimWriteOutcome> {
  const [outcome] = await writeClaimsTogether(tx, [write]);
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}
