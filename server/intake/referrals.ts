import { randomUUID } from 'node:crypto';
import type { CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse } from '../../shared/commands/rejection.js';
import type { Enrollment } from '../../shared/domain/enrollment.js';
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
import { referralForUpdate, type LockedReferral } from './records.js';
import { ruleContextForKindergarten, type RuleContext } from './rule-context.js';

const notFound = (id: string) => refuse('not_found', { object: 'referral', id });

/** The contract is concluded: by the parent on the portal, or marked by the kindergarten. */
export async function concludeContract(
  tx: Queryable,
  referral: LockedReferral,
  by: 'parent' | 'kindergarten',
  now: Date,
) {
  const verdict = canConcludeContract(referral, now);
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
  referral: LockedReferral,
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
  await returnSeat(tx, ctx, referral.seatId, now);
}

/**
 * Expires a referral whose deadline has passed (its seat returned and republished), if it is still
 * stored as active: what the scheduler does, done by whichever decision meets it first (a claim of
 * the same child elsewhere), so no decision waits for a job. Returns whether it expired it.
 */
export async function expireIfOverdue(tx: Queryable, referralId: string, now: Date): Promise<boolean> {
  const referral = await referralForUpdate(tx, referralId, {});
  if (!referral || referral.status !== 'active' || new Date(referral.contractDeadline) >= now) return false;
  const ctx = await ruleContextForKindergarten(tx, referral.kindergartenId);
  // Dated at the instant time decided it (the millisecond after the deadline), not when a job or a
  // claim got to it: the returned seat's republication and its window are the same whoever runs it.
  const expiredAt = new Date(new Date(referral.contractDeadline).getTime() + 1);
  await closeAndReturn(tx, ctx, referral, 'expired', 'contract_deadline_passed', expiredAt);
  return true;
}

export async function refuseByParent(tx: Queryable, ctx: RuleContext, referral: LockedReferral, now: Date) {
  const verdict = canRefuse(referral, now);
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
) {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  const verdict = canDecline(referral, p.reason, now);
  if (!verdict.ok) return verdict;
  await closeAndReturn(tx, ctx, referral, 'declined', p.reason, now);
  return allowed;
}

export async function markContract(
  tx: Queryable,
  actor: IntakeActor,
  p: CommandPayload<'referral.concludeContract'>,
  now: Date,
) {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  return concludeContract(tx, referral, 'kindergarten', now);
}

/** Enrollment (зачисление) by order, never before the seat's available-from date. */
export async function enroll(tx: Queryable, actor: IntakeActor, p: CommandPayload<'referral.enroll'>, now: Date) {
  const referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
  if (!referral) return notFound(p.referralId);
  const verdict = canEnroll(referral, p, now);
  if (!verdict.ok) return verdict;
  const enrollmentId = randomUUID();
  await tx.query(
    `insert into enrollments (id, kindergarten_id, group_id, referral_id, applicant_id, child_full_name, child_birth_date, child_iin,
       representative_full_name, representative_phone, enrolled_on, order_number, order_date, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      enrollmentId,
      referral.kindergartenId,
      referral.groupId,
      referral.id,
      referral.applicantId,
      referral.childFullName,
      referral.childBirthDate,
      referral.childIin,
      referral.representativeFullName,
      referral.representativePhone,
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

/**
 * One stay of a child, locked: the shared domain type's fields, plus the stay it continues after a
 * move-up (`movedFrom`, not replicated: the desk sees the stays, the server links them).
 */
export type LockedEnrollment = Pick<
  Enrollment,
  'id' | 'groupId' | 'referralId' | 'enrolledOn' | 'departedOn' | 'departureId'
> & { movedFrom: string | null };

const enrollmentColumns = `id, group_id as "groupId", referral_id as "referralId", enrolled_on::text as "enrolledOn",
  departed_on::text as "departedOn", departure_id as "departureId", moved_from as "movedFrom"`;

export async function enrollmentForUpdate(tx: Queryable, id: string, kindergartenId?: string) {
  const rows = await tx.query<LockedEnrollment>(
    `select ${enrollmentColumns} from enrollments where id = $1 and ($2::uuid is null or kindergarten_id = $2) and not deleted for no key update`,
    [id, kindergartenId ?? null],
  );
  return rows[0] ?? null;
}

/**
 * The child's latest stay, whichever of its stays is given: a move-up recorded ahead starts a new
 * stay (`moved_from` names the one it continues), so an earlier stay's id still names the child.
 */
export async function latestStayOf(tx: Queryable, stay: LockedEnrollment): Promise<LockedEnrollment> {
  let latest = stay;
  for (;;) {
    const rows = await tx.query<LockedEnrollment>(
      `select ${enrollmentColumns} from enrollments where moved_from = $1 and not deleted for no key update`,
      [latest.id],
    );
    if (!rows[0]) return latest;
    latest = rows[0];
  }
}

/** The child's stays in the kindergarten, latest first: `latest` and the stays it continues after move-ups. */
export async function staysOf(tx: Queryable, latest: LockedEnrollment): Promise<LockedEnrollment[]> {
  const stays = [latest];
  for (let stay = latest; stay.movedFrom;) {
    const previous = await enrollmentForUpdate(tx, stay.movedFrom);
    if (!previous) break;
    stays.push(previous);
    stay = previous;
  }
  return stays;
}

export interface DepartureInput {
  kind: 'termination' | 'account_blocked';
  departsOn: string;
  orderNumber: string;
  orderDate: string | null;
  reason: string;
  note?: string;
}

/**
 * A departure from the kindergarten on its date: the child stops counting from `departsOn`, the
 * movement register gets a line, and the seat becomes a vacancy to publish from that date.
 * `stays` are the child's stays, latest first (`staysOf`). The stay the child is in on the day
 * before `departsOn` ends then; a later stay (a move-up recorded ahead, not begun yet) never
 * begins and is deleted; a departure recorded ahead for a later date (a graduation, a move-up) is
 * replaced by this earlier one. Refused when the child has already left by then.
 */
export async function departChild(
  tx: Queryable,
  actor: IntakeActor,
  stays: readonly LockedEnrollment[],
  input: DepartureInput,
  now: Date,
) {
  const first = stays.at(-1)!;
  const leaving = stays.find((stay) => stay.enrolledOn < input.departsOn) ?? first;
  const notBegun = stays.slice(0, stays.indexOf(leaving));
  if (notBegun.length === 0 && leaving.departedOn !== null && leaving.departedOn <= input.departsOn)
    return refuse('already_departed', { departedOn: leaving.departedOn });
  const referralId = stays[0]!.referralId;
  for (const stay of notBegun) {
    await tx.query('update enrollments set deleted = true, referral_id = null, updated_at = $2 where id = $1', [
      stay.id,
      now,
    ]);
  }
  if (leaving.departureId) {
    // A departure recorded ahead (a group's graduation or move-up) no longer takes this child.
    await tx.query('update departures set children = children - 1, updated_at = $2 where id = $1 and children > 0', [
      leaving.departureId,
      now,
    ]);
  }
  const departureId = randomUUID();
  await tx.query(
    `insert into departures (id, kindergarten_id, group_id, kind, departs_on, order_number, order_date, reason, note, enrollment_id, children, created_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $12, $9, 1, $10, $11)`,
    [
      departureId,
      actor.kindergartenId,
      leaving.groupId,
      input.kind,
      input.departsOn,
      input.orderNumber,
      input.orderDate,
      input.reason,
      leaving.id,
      actor.staffId,
      now,
      input.note ?? '',
    ],
  );
  await tx.query(
    'update enrollments set departed_on = $2, departure_id = $3, referral_id = coalesce(referral_id, $5), updated_at = $4 where id = $1',
    [leaving.id, input.departsOn, departureId, now, referralId],
  );
  if (referralId && notBegun.length > 0)
    await tx.query('update referrals set enrollment_id = $2, updated_at = $3 where id = $1', [
      referralId,
      leaving.id,
      now,
    ]);
  await tx.query(
    `insert into vacancies (id, kindergarten_id, group_id, departure_id, seats, available_from, updated_at) values ($1, $2, $3, $4, 1, $5, $6)`,
    [randomUUID(), actor.kindergartenId, leaving.groupId, departureId, input.departsOn, now],
  );
  return allowed;
}

/**
 * Contract termination by the kindergarten: after enrollment a departure (vacancy), before it a
 * returned seat. One path whatever id the head gives: a referral whose child is enrolled (another
 * device enrolled it before this termination synced) terminates that enrollment, exactly as the
 * enrollment's id would.
 */
export async function terminate(
  tx: Queryable,
  ctx: RuleContext,
  actor: IntakeActor,
  p: CommandPayload<'contract.terminate'>,
  now: Date,
) {
  let enrollment: LockedEnrollment | null = null;
  let referral: LockedReferral | null = null;
  if (p.enrollmentId) {
    const named = await enrollmentForUpdate(tx, p.enrollmentId, actor.kindergartenId);
    if (!named) return refuse('not_found', { object: 'enrollment', id: p.enrollmentId });
    enrollment = await latestStayOf(tx, named);
    if (enrollment.referralId)
      referral = await referralForUpdate(tx, enrollment.referralId, { kindergartenId: actor.kindergartenId });
  } else if (p.referralId) {
    referral = await referralForUpdate(tx, p.referralId, { kindergartenId: actor.kindergartenId });
    if (!referral) return notFound(p.referralId);
    if (referral.enrollmentId) enrollment = await enrollmentForUpdate(tx, referral.enrollmentId, actor.kindergartenId);
  }
  // A child whose contract is already terminated has left (a graduation or move-up recorded ahead is
  // not a leaving: the child attends until its date, so an earlier termination still applies).
  if (enrollment?.departedOn && (referral ? referral.status !== 'enrolled' : await hasLeft(tx, enrollment)))
    return refuse('already_departed', { departedOn: enrollment.departedOn });
  const stays = enrollment ? await staysOf(tx, enrollment) : [];
  const enrolledOn = stays.at(-1)?.enrolledOn ?? null;
  if (referral) {
    const verdict = canTerminate({ ...referral, enrolledOn: enrolledOn ?? referral.enrolledOn }, p, now);
    if (!verdict.ok) return verdict;
  } else if (enrolledOn !== null && p.terminatedOn < enrolledOn) {
    return refuse('departure_before_enrollment', { terminatedOn: p.terminatedOn, enrolledOn });
  }
  if (enrollment) {
    const departed = await departChild(
      tx,
      actor,
      stays,
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
    if (!departed.ok) return departed;
  }
  const returnsSeat = !enrollment && referral && seatReleasedBy(referral.status, 'terminated') === 'returned_seat';
  if (referral) {
    await tx.query(
      `update referrals set status = 'terminated', closed_at = $2, close_reason = $3, close_note = $4, updated_at = $2 where id = $1`,
      [referral.id, now, p.reason, p.note],
    );
  }
  // The seat goes back to the queue after the referral is closed, as every return does: whose turn
  // comes is decided on the state the termination leaves, where this applicant holds nothing.
  if (returnsSeat && referral) await returnSeat(tx, ctx, referral.seatId, now);
  return allowed;
}

/** The enrollment's departure is a leaving (a termination or a blocked account), not a move or a graduation. */
async function hasLeft(tx: Queryable, enrollment: LockedEnrollment): Promise<boolean> {
  if (!enrollment.departureId) return true;
  const [departure] = await tx.query<{ kind: string }>('select kind from departures where id = $1', [
    enrollment.departureId,
  ]);
  return departure?.kind !== 'graduation' && departure?.kind !== 'move_up';
}
