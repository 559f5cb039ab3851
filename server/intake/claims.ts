import { randomUUID } from 'node:crypto';
import { refuse, type Rejection, type Verdict } from '../../shared/commands/rejection.js';
import {
  canClaim,
  checkEligibility,
  contractDeadline,
  publicationPhase,
  type Applicant,
  type PublicationPhase,
} from '../../shared/rules/index.js';
import { cityDate } from '../../shared/calendar/index.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { applicantColumns } from './queue.js';
import { writeClaim, writeClaimIn, type ClaimWrite, type ClaimWriteOutcome } from './claim-writes.js';
import { expireIfOverdue } from './referrals.js';
import { catchUpTime, timeMayBeDue } from './scheduler.js';
import { hashToken } from '../auth/sessions.js';
import { ruleContextForCity, ruleVersionColumn } from './rule-context.js';

export type ClaimResult =
  | { ok: true; referralId: string; number: string; contractDeadline: string; phase: PublicationPhase }
  | { ok: false; rejection: Rejection };

/** The claimant's row, locked, with the rules' view of it and the publication beside it (null when there is none). */
interface ClaimRow extends Applicant {
  child_last_name: string;
  child_first_name: string;
  child_middle_name: string;
  birth_date: string;
  iin: string;
  representative_full_name: string;
  representative_phone: string;
  in_turn: boolean;
  publication_id: string | null;
  kindergarten_id: string;
  city_id: string;
  group_id: string;
  birth_year: number;
  publication_language: 'ru' | 'kk';
  available_from: string;
  published_at: Date;
  window_closes_at: Date | null;
  withdrawn_at: Date | null;
  rules_version: string;
  /** The child's referral stored as active whose deadline has passed: expired now, before the claim. */
  overdue_referral: string | null;
  /** Something time decided is not carried out yet (a referral past its deadline, a held seat, settings due). */
  time_due: boolean;
  /** Row versions (xmin) the decision was made on: the write goes ahead only if both are unchanged. */
  applicant_version: string;
  publication_version: string | null;
}

/** Optimistic attempts before a claim takes its rows' locks first (only when they keep changing). */
const OPTIMISTIC_ATTEMPTS = 3;

/**
 * A parent claims a seat, decided at the server clock's `now`: the phase from the publication's
 * instants, eligibility and whose turn it is from the shared rules, the seat by
 * `FOR UPDATE SKIP LOCKED` (thousands of claimants never wait on each other), and the database's
 * unique indexes as the last word: one referral per seat, one active referral per child.
 *
 * Two round trips, no transaction around them: one statement reads what the rules need (with the
 * versions of the applicant's and the publication's rows; by the parent's token, the session check
 * too — see {@link claimSeatBySession}), and one call of `claim_writes` (migration 0016) writes the
 * referral, its seat and the audit entry only if neither row changed and the child is still free —
 * atomically, in its own subtransaction, beside the other claims of this process ready at the same
 * time (group commit: one commit for all, server/intake/claim-writes.ts). The decision between them
 * stays in TypeScript, in the shared rules (phase, eligibility, turn, the contract deadline on the
 * working-day calendar): in SQL it would be a second definition of each rule. When a row changed in
 * between (a withdrawal, a block, the window closing), the claim is decided again on the new state;
 * after a few such turns it takes both rows' locks first and writes alone in that transaction.
 */
export async function claimSeat(
  db: Db,
  clock: Clock,
  applicantId: string,
  publicationId: string,
): Promise<ClaimResult> {
  const outcome = await claimAs(db, clock.now(), { applicantId }, publicationId);
  if (outcome === 'no_session') throw new Error('unreachable: a claim by applicant id checks no session');
  return outcome;
}

/**
 * {@link claimSeat} by a parent's bearer token, the session checked in the claim's own first
 * statement (one round trip fewer than a separate session lookup): exactly the check of
 * `resolveParentSession` — a live, unrevoked, unexpired session of an account that is not blocked.
 * `no_session` when there is none; nothing is read or written for it.
 */
export async function claimSeatBySession(
  db: Db,
  clock: Clock,
  token: string,
  publicationId: string,
): Promise<ClaimResult | 'no_session'> {
  return claimAs(db, clock.now(), { tokenHash: hashToken(token) }, publicationId);
}

/** Who claims: an applicant already known, or whoever holds the session of this token hash. */
type Claimant = { applicantId: string } | { tokenHash: string };

async function claimAs(
  db: Db,
  now: Date,
  claimant: Claimant,
  publicationId: string,
): Promise<ClaimResult | 'no_session'> {
  try {
    const grouped: Writer = (write) => writeClaim(db, write);
    // What time decided before now is carried out before the claim is decided (every decision does
    // so): the claim's own read says whether anything is due, so a claim stays two round trips
    // when nothing is, and catches up once when something is.
    let caughtUp = false;
    const first = await attemptClaim(db, grouped, now, claimant, publicationId, caughtUp);
    if (first === 'no_session') return first;
    const applicantId = first.applicantId;
    let outcome = first.outcome;
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      if (attempt > 0) outcome = await attemptAs(db, grouped, now, applicantId, publicationId, caughtUp);
      if (typeof outcome === 'object' && 'catchUp' in outcome) {
        await catchUpTime(db, now);
        caughtUp = true;
        continue;
      }
      if (typeof outcome === 'object' && 'expire' in outcome) {
        const referralId = outcome.expire;
        await db.transaction((tx) => expireIfOverdue(tx, referralId, now));
        continue;
      }
      if (outcome !== 'changed') return outcome;
    }
    return await db.transaction(async (tx) => {
      const alone: Writer = (write) => writeClaimIn(tx, write);
      // Publication before applicant (and both before the seat): the order every writer takes.
      await tx.query('select 1 from publications where id = $1 for share', [publicationId]);
      await tx.query('select 1 from applicants where id = $1 for update', [applicantId]);
      let outcome = await attemptAs(tx, alone, now, applicantId, publicationId, true);
      if (typeof outcome === 'object' && 'expire' in outcome) {
        await expireIfOverdue(tx, outcome.expire, now);
        outcome = await attemptAs(tx, alone, now, applicantId, publicationId, true);
      }
      if (outcome === 'changed' || 'expire' in outcome || 'catchUp' in outcome)
        throw new Error(`claim ${applicantId} → ${publicationId}: rows changed under their locks`);
      return outcome;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      return { ok: false, rejection: { code: 'already_has_referral', params: {} } };
    throw error;
  }
}

type Attempt = ClaimResult | 'changed' | { expire: string } | { catchUp: true };

/** The claim's read: the claimant's row by applicant id, or by a live session's token hash ($1). */
const claimReadSql = (by: 'applicant' | 'session') =>
  `select ${applicantColumns}, a.child_last_name, a.child_first_name, a.child_middle_name, a.birth_date::text as birth_date,
            a.iin, a.representative_full_name, a.representative_phone, a.xmin::text as applicant_version,
            exists (select 1 from publication_turns t where t.publication_id = $3 and t.applicant_id = a.id) as in_turn,
            p.id as publication_id, p.kindergarten_id, p.city_id, p.group_id, p.birth_year, p.language as publication_language,
            p.available_from, p.published_at, p.window_closes_at, p.withdrawn_at, p.version as publication_version,
            ${ruleVersionColumn} as rules_version,
            (select r.id from referrals r where r.applicant_id = a.id and r.status = 'active' and r.contract_deadline < $2
              limit 1) as overdue_referral,
            ${timeMayBeDue('$2')} as time_due
       from ${
         by === 'applicant'
           ? 'applicants a'
           : `parent_sessions s join applicants a on a.id = s.applicant_id and a.blocked_at is null`
       }
       left join lateral (
         select p.id, p.kindergarten_id, k.city_id, p.group_id, p.birth_year, p.language, p.available_from::text as available_from,
                p.published_at, p.window_closes_at, p.withdrawn_at, p.xmin::text as version
           from publications p join kindergartens k on k.id = p.kindergarten_id
          where p.id = $3 and not p.deleted) p on true
      where ${by === 'applicant' ? 'a.id = $1' : 's.token_hash = $1 and s.revoked_at is null and s.expires_at > $2'}`;
const readByApplicant = claimReadSql('applicant');
const readBySession = claimReadSql('session');

/** How an attempt writes: with the process's group commit, or alone in the caller's transaction. */
type Writer = (write: ClaimWrite) => Promise<ClaimWriteOutcome>;

async function attemptClaim(
  db: Queryable,
  writer: Writer,
  now: Date,
  claimant: Claimant,
  publicationId: string,
  caughtUp: boolean,
): Promise<'no_session' | { applicantId: string; outcome: Attempt }> {
  const bySession = 'tokenHash' in claimant;
  const [row] = await db.query<ClaimRow>(
    bySession ? readBySession : readByApplicant,
    [bySession ? claimant.tokenHash : claimant.applicantId, now, publicationId],
    { prepare: true },
  );
  if (!row && bySession) return 'no_session';
  const applicantId = row ? row.id : (claimant as { applicantId: string }).applicantId;
  // Held seats are due only once their pause has ended; in the pause the catch-up finds nothing, once.
  if (row?.time_due && !caughtUp) return { applicantId, outcome: { catchUp: true } };
  return { applicantId, outcome: await decideAndWrite(db, writer, now, applicantId, publicationId, row) };
}

/** An attempt by an applicant already known (a later turn of the same claim). */
async function attemptAs(
  db: Queryable,
  writer: Writer,
  now: Date,
  applicantId: string,
  publicationId: string,
  caughtUp: boolean,
): Promise<Attempt> {
  const attempt = await attemptClaim(db, writer, now, { applicantId }, publicationId, caughtUp);
  if (attempt === 'no_session') throw new Error('unreachable: a claim by applicant id checks no session');
  return attempt.outcome;
}

/** The rules' decision on the row read, and the atomic write when they grant the claim. */
async function decideAndWrite(
  db: Queryable,
  writer: Writer,
  now: Date,
  applicantId: string,
  publicationId: string,
  row: ClaimRow | undefined,
): Promise<Attempt> {
  const refused = (v: Verdict): ClaimResult => (v.ok ? { ok: false, rejection: { code: 'forbidden', params: {} } } : v);
  if (!row) return refused(refuse('not_found', { object: 'applicant', id: applicantId }));
  if (!row.publication_id) return refused(refuse('not_found', { object: 'publication', id: publicationId }));
  if (row.overdue_referral) {
    // Phases come from time: the overdue referral is expired (its seat returned) before this claim
    // is decided, so the one-active-referral index never refuses the child for it.
    return { expire: row.overdue_referral };
  }
  const ctx = await ruleContextForCity(db, row.city_id, row.rules_version);
  const phase = publicationPhase(
    { publishedAt: row.published_at, windowClosesAt: row.window_closes_at, withdrawnAt: row.withdrawn_at },
    now,
  );
  const eligible = checkEligibility(
    row,
    {
      kindergartenId: row.kindergarten_id,
      birthYear: row.birth_year,
      language: row.publication_language,
      availableFrom: row.available_from,
    },
    ctx.settings,
  );
  const claim = { phase, applicantInWindowList: row.in_turn, eligible };
  const verdict = canClaim({ ...claim, seatsLeft: 1 });
  if (!verdict.ok) {
    if (verdict.rejection.code !== 'not_your_turn') return verdict;
    // The rules name an empty publication before a turn not yet come.
    const [open] = await db.query<{ left: boolean }>(
      `select exists (select 1 from seats where publication_id = $1 and status = 'open' and not deleted) as left`,
      [publicationId],
    );
    return refused(canClaim({ ...claim, seatsLeft: open!.left ? 1 : 0 }));
  }
  const referralId = randomUUID();
  const deadline = contractDeadline(now, ctx.settings, ctx.calendar);
  const fullName = [row.child_last_name, row.child_first_name, row.child_middle_name].filter(Boolean).join(' ');
  const write: ClaimWrite = {
    referral_id: referralId,
    publication_id: publicationId,
    kindergarten_id: row.kindergarten_id,
    group_id: row.group_id,
    applicant_id: applicantId,
    // The category the claim was decided on (the function checks the applicant's row unchanged).
    applicant_priority: row.priority,
    child_full_name: fullName,
    child_birth_date: row.birth_date,
    child_iin: row.iin,
    representative_full_name: row.representative_full_name,
    representative_phone: row.representative_phone,
    available_from: row.available_from,
    now: now.toISOString(),
    phase,
    contract_deadline: deadline.toISOString(),
    year: cityDate(now).slice(0, 4),
    applicant_version: row.applicant_version,
    publication_version: row.publication_version!,
    details: { applicantId, phase },
  };
  // The guards (both rows as read, the child still free), a seat nobody else holds, the referral,
  // the seat taken, the audit entry: everything or nothing, in `claim_writes` (migration 0016) —
  // beside the other claims ready at the same time (group commit) or, in the locked fallback, alone
  // in the caller's transaction.
  const issued = await writer(write);
  if (!issued.unchanged) return 'changed';
  if (issued.number === null) return refused(canClaim({ ...claim, seatsLeft: 0 }));
  return {
    ok: true,
    referralId,
    number: issued.number,
    contractDeadline: deadline.toISOString(),
    phase: phase as PublicationPhase,
  };
}
