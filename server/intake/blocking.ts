import { cityDate } from '../../shared/calendar/index.js';
import { onAccountBlocked, type ReferralStatus, type SeatRelease } from '../../shared/rules/index.js';
import { revokeParentSessions } from '../auth/parent-sessions.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { returnSeat } from './publications.js';
import { catchUpTime } from './scheduler.js';
import { writeAudit } from '../audit/audit-log.js';
import { referralForUpdate } from './records.js';
import { departChild, enrollmentForUpdate, staysOf } from './referrals.js';
import { ruleContextForKindergarten } from './rule-context.js';

export interface BlockOutcome {
  applicantId: string;
  alreadyBlocked: boolean;
  terminated: Array<{ referralId: string; from: ReferralStatus; kindergartenId: string; seat: SeatRelease }>;
}

/**
 * The department blocks an applicant account (access shared or sold): the referral and contract
 * terminate automatically, even after enrollment — a departure today (city date) with a vacancy,
 * or a returned seat before enrollment. Idempotent: blocking again changes nothing.
 */
export async function blockApplicant(
  db: Db,
  clock: Clock,
  applicantId: string,
  reason: string,
): Promise<BlockOutcome | null> {
  // What time decided before this instant is carried out first, as before every other decision
  // (the HTTP routes do it per request): a referral that expired before the block returned its seat
  // to whoever was free then, this applicant included.
  const now = clock.now();
  await catchUpTime(db, now);
  return db.transaction((tx) => blockApplicantIn(tx, now, applicantId, reason));
}

/** {@link blockApplicant} inside the caller's transaction (the department's applicant.block command). */
export async function blockApplicantIn(
  tx: Queryable,
  now: Date,
  applicantId: string,
  reason: string,
): Promise<BlockOutcome | null> {
  const rows = await tx.query<{ blocked_at: Date | null }>(
    'select blocked_at from applicants where id = $1 for update',
    [applicantId],
  );
  const applicant = rows[0];
  if (!applicant) return null;
  const outcome: BlockOutcome = { applicantId, alreadyBlocked: applicant.blocked_at !== null, terminated: [] };
  if (!outcome.alreadyBlocked) {
    await tx.query('update applicants set blocked_at = $2, blocked_reason = $3, updated_at = $2 where id = $1', [
      applicantId,
      now,
      reason,
    ]);
    // Ended, not merely refused while blocked: an unblock must not bring an old session back.
    await revokeParentSessions(tx, { now: () => now }, applicantId);
  }
  const live = await tx.query<{ id: string }>(
    `select id from referrals where applicant_id = $1 and status in ('active', 'contracted', 'enrolled') order by claimed_at`,
    [applicantId],
  );
  for (const { id } of live) {
    const referral = await referralForUpdate(tx, id, {});
    if (!referral) continue;
    const decision = onAccountBlocked(referral, now);
    if (!decision.terminate) continue;
    await tx.query(
      `update referrals set status = 'terminated', closed_at = $2, close_reason = 'account_blocked', updated_at = $2 where id = $1`,
      [id, now],
    );
    const actor = { kindergartenId: referral.kindergartenId, staffId: null };
    if (decision.seat === 'vacancy' && referral.enrollmentId) {
      const latest = await enrollmentForUpdate(tx, referral.enrollmentId);
      const stays = latest ? await staysOf(tx, latest) : [];
      const enrolledOn = stays.at(-1)?.enrolledOn;
      if (enrolledOn !== undefined) {
        // The child leaves today, or on the enrollment date if that is still ahead; already gone, nothing to record.
        const today = cityDate(now);
        const departsOn = today < enrolledOn ? enrolledOn : today;
        await departChild(
          tx,
          actor,
          stays,
          { kind: 'account_blocked', departsOn, orderNumber: '', orderDate: null, reason },
          now,
        );
      }
    } else if (decision.seat === 'returned_seat') {
      await returnSeat(tx, await ruleContextForKindergarten(tx, referral.kindergartenId), referral.seatId, now);
    }
    outcome.terminated.push({
      referralId: id,
      from: decision.from,
      kindergartenId: referral.kindergartenId,
      seat: decision.seat,
    });
    await writeAudit(tx, {
      at: now,
      kindergartenId: referral.kindergartenId,
      staffId: null,
      action: 'referral.terminate.account_blocked',
      objectType: 'referral',
      objectId: id,
      details: { reason },
    });
  }
  return outcome;
}

class DryRun extends Error {
  constructor(readonly outcome: BlockOutcome | null) {
    super('dry run');
  }
}

/**
 * What blocking the applicant now would terminate and free, computed by the block itself in a
 * transaction that is rolled back: nothing is stored (the console shows it before confirming).
 */
export async function previewBlock(db: Db, now: Date, applicantId: string): Promise<BlockOutcome | null> {
  try {
    await db.transaction(async (tx) => {
      throw new DryRun(await blockApplicantIn(tx, now, applicantId, ''));
    });
  } catch (error) {
    if (error instanceof DryRun) return error.outcome;
    throw error;
  }
  throw new Error('unreachable: the dry run always rolls back');
}

/**
 * Lifts a block: the parent can sign in and claim again. A referral or contract the block
 * terminated stays terminated (its seat went back to the queue, or became a vacancy). Returns
 * false when the applicant was not blocked.
 */
export async function unblockApplicant(tx: Queryable, now: Date, applicantId: string): Promise<boolean> {
  const rows = await tx.query(
    `update applicants set blocked_at = null, blocked_reason = null, updated_at = $2
      where id = $1 and blocked_at is not null returning id`,
    [applicantId, now],
  );
  return rows.length > 0;
}
