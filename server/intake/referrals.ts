import { randomUUID } from 'node:crypto';
import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse, type Verdict } from '../../shared/commands/rejection.js';
import {
  canConcludeContract,
  canDecline,
  canEnroll,
  canRefuse,
  canTerminate,
  seatReleasedBy,
} from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { returnSeat, type IntakeActor } from './publications.js';
import { lifecycleView, referralForUpdate, type ReferralRow } from './records.js';
import type { RuleContext } from './rule-context.js';

const notFound = (id: string) => refuse('not_found', { object: 'referral', id });

/** The contract is concluded: by the parent on the portal, or marked by the kindergarten. */
export async function concludeContract(
  tx: Queryable,
  referral: ReferralRow,
  by: 'parent' | 'kindergarten',
  now: Date,
): Promise<Verdict> {
  const verdict = canConcludeContract(lifecycleView(referral), now);
  if (!verdict.ok) return verdict;
  await tx.query(
    `update referrals set status = 'contracted', contract_concluded_at = $2, contract_concluded_by = $3, updated_at = $2 where id = $1`,
    [referral.id, now, by],
  );
  return allowed;
}

/** Closes a referral that returns its seat (refused, declined, expired) and republishes the seat. */
export async function closeAndReturn(
  tx: Queryable,
  ctx: RuleContext,
  referral: ReferralRow,
  status: 'refused' | 'declined' | 'expired',
  reason: string,
  now: Date,
) {
  await tx.query(`update referrals set status = $2, closed_at = $3, close_reason = $4, updated_at = $3 where id = $1`, [
    referral.id,
    status,
    now,
    reason,
  ]);
  await returnSeat(tx, ctx, referral.seat_id, now);
}

export async function refuseByParent(
  tx: Queryable,
  ctx: RuleContext,
  referral: ReferralRow,
  now: Date,
): Promise<Verdict> {
  const verdict = canRefuse(lifecycleView(referral), now);
  if (!verdict.ok) return verdict;
  await closeAndReturn(tx, ctx, referral, 'refused', 'parent_refused', now);
  return allowed;
}

export async function decline(
  tx: Queryable,
  ctx: RuleContext,
  actor: IntakeActor,
  p: CommandPayload<'referral.decline'>,
  now: Date,
): Promise<Verdict> {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  const verdict = canDecline(lifecycleView(referral), p.reason, now);
  if (!verdict.ok) return verdict;
  await closeAndReturn(tx, ctx, referral, 'declined', p.reason, now);
  return allowed;
}

export async function markContract(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'referral.concludeContract'>,
  now: Date,
): Promise<Verdict> {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  return concludeContract(tx, referral, 'kindergarten', now);
}

/** Enrollment (зачисление) by order, never before the seat's available-from date. */
export async function enroll(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'referral.enroll'>,
  now: Date,
): Promise<Verdict> {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  const verdict = canEnroll(lifecycleView(referral), p, now);
  if (!verdict.ok) return verdict;
  const enrollmentId = randomUUID();
  await tx.query(
    `insert into enrollments (id, kindergarten_id, group_id, referral_id, applicant_id, child_full_name, child_birth_date, child_iin,
       representative_full_name, representative_phone, enrolled_on, order_number, order_date, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      enrollmentId,
      referral.kindergarten_id,
      referral.group_id,
      referral.id,
      referral.applicant_id,
      referral.child_full_name,
      referral.child_birth_date,
      referral.child_iin,
      referral.representative_full_name,
      referral.representative_phone,
      p.enrollmentDate,
      p.orderNumber,
      p.orderDate,
      now,
    ],
  );
  await tx.query(`update referrals set status = 'enrolled', enrollment_id = $2, updated_at = $3 where id = $1`, [
    referral.id,
    enrollmentId,
    now,
  ]);
  return allowed;
}

interface EnrollmentRow {
  id: string;
  group_id: string;
  referral_id: string | null;
  enrolled_on: string;
  departed_on: string | null;
}

/**
 * A departure from the kindergarten: the child stops counting from `departsOn`, the movement
 * register gets a line, and the seat becomes a vacancy to publish from that date.
 */
export async function recordDeparture(
  tx: Queryable,
  actor: IntakeActor,
  enrollment: EnrollmentRow,
  input: {
    kind: 'termination' | 'account_blocked';
    departsOn: string;
    orderNumber: string;
    orderDate: string | null;
    reason: string;
    note?: string;
  },
  now: Date,
) {
  const departureId = randomUUID();
  await tx.query(
    `insert into departures (id, kindergarten_id, group_id, kind, departs_on, order_number, order_date, reason, note, enrollment_id, children, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $12, $9, 1, $10, $11)`,
    [
      departureId,
      actor.kindergartenId,
      enrollment.group_id,
      input.kind,
      input.departsOn,
      input.orderNumber,
      input.orderDate,
      input.reason,
      enrollment.id,
      actor.staffId,
      now,
      input.note ?? '',
    ],
  );
  await tx.query('update enrollments set departed_on = $2, departure_id = $3, updated_at = $4 where id = $1', [
    enrollment.id,
    input.departsOn,
    departureId,
    now,
  ]);
  await tx.query(
    `insert into vacancies (id, kindergarten_id, group_id, departure_id, seats, available_from, updated_at) values ($1, $2, $3, $4, 1, $5, $6)`,
    [randomUUID(), actor.kindergartenId, enrollment.group_id, departureId, input.departsOn, now],
  );
}

/** Contract termination by the kindergarten: after enrollment a departure (vacancy), before it a returned seat. */
export async function terminate(
  tx: Queryable,
  ctx: RuleContext,
  actor: IntakeActor,
  p: CommandPayload<'contract.terminate'>,
  now: Date,
): Promise<Verdict> {
  let enrollment: EnrollmentRow | null = null;
  let referral: ReferralRow | null = null;
  if (p.enrollmentId) {
    const rows = await tx.query<EnrollmentRow>(
      `select id, group_id, referral_id, enrolled_on::text as enrolled_on, departed_on::text as departed_on
         from enrollments where id = $1 and kindergarten_id = $2 and not deleted for no key update`,
      [p.enrollmentId, actor.kindergartenId],
    );
    enrollment = rows[0] ?? null;
    if (!enrollment) return refuse('not_found', { object: 'enrollment', id: p.enrollmentId });
    if (enrollment.departed_on) return refuse('already_departed', { departedOn: enrollment.departed_on });
    if (enrollment.referral_id)
      referral = await referralForUpdate(tx, enrollment.referral_id, { kindergartenId: actor.kindergartenId });
  } else if (p.referralId) {
    referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
    if (!referral) return notFound(p.referralId);
  }
  if (referral) {
    const verdict = canTerminate(lifecycleView(referral), p, now);
    if (!verdict.ok) return verdict;
  } else if (enrollment && p.terminatedOn < enrollment.enrolled_on) {
    return refuse('departure_before_enrollment', { terminatedOn: p.terminatedOn, enrolledOn: enrollment.enrolled_on });
  }
  if (referral) {
    await tx.query(
      `update referrals set status = 'terminated', closed_at = $2, close_reason = $3, close_note = $4, updated_at = $2 where id = $1`,
      [referral.id, now, p.reason, p.note],
    );
  }
  if (enrollment) {
    await recordDeparture(
      tx,
      actor,
      enrollment,
      {
        kind: 'termination',
        departsOn: p.terminatedOn,
        orderNumber: p.orderNumber,
        orderDate: p.orderDate,
        reason: p.reason,
        note: p.note,
      },
      now,
    );
  } else if (referral && seatReleasedBy(referral.status, 'terminated') === 'returned_seat') {
    await returnSeat(tx, ctx, referral.seat_id, now);
  }
  return allowed;
}
