import { checkEligibility, whoseTurn, type Applicant, type PublicationTarget } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import type { RuleContext } from './rule-context.js';

/**
 * Whether applicant `a` is busy at `now` (an SQL expression, e.g. a parameter): a referral not yet
 * past its deadline, a contract or an enrollment, or a current enrollment without a referral.
 * The same predicate guards the claim's write in `claim_writes` (migration 0016): change both together.
 */
export const applicantBusy = (now: string) => `(exists (select 1 from referrals r where r.applicant_id = a.id
            and (r.status in ('contracted', 'enrolled') or (r.status = 'active' and r.contract_deadline >= ${now})))
   or exists (select 1 from enrollments e where e.applicant_id = a.id and e.departed_on is null and not e.deleted))`;

/**
 * An applicant as the rules read it (the rules' `Applicant`, no converter), from `applicants a`;
 * the statement's `$2` is now.
 */
export const applicantColumns = `a.id, a.birth_date::text as "birthDate", a.language, a.priority,
  ${isoInstantSql('a.applied_at')} as "appliedAt", a.choices::text[] as choices, a.blocked_at is not null as blocked,
  ${applicantBusy('$2')} as "hasActiveReferralOrEnrollment"`;

/** One applicant as the rules see it (blocked, busy with a referral or enrollment) at `now`. */
export async function loadApplicant(db: Queryable, applicantId: string, now: Date): Promise<Applicant | null> {
  const rows = await db.query<Applicant>(`select ${applicantColumns} from applicants a where a.id = $1`, [
    applicantId,
    now,
  ]);
  return rows[0] ?? null;
}

/**
 * The applicants eligible for a publication. SQL narrows the city queue to the birth year,
 * language and kindergarten (those who chose it found through the choices index, migration 0017);
 * the shared rules decide.
 */
export async function eligibleFor(
  db: Queryable,
  target: PublicationTarget,
  ctx: RuleContext,
  now: Date,
): Promise<Applicant[]> {
  const rows = await db.query<Applicant>(
    `select ${applicantColumns} from applicants a
      where a.city_id = $1 and a.language = $3 and extract(year from a.birth_date) = $4
        and a.choices @> array[$5::uuid] and $5::uuid = any (a.choices[1:$6]) and a.blocked_at is null`,
    [ctx.cityId, now, target.language, target.birthYear, target.kindergartenId, ctx.settings.maxChoices],
  );
  return rows.filter((a) => checkEligibility(a, target, ctx.settings).ok);
}

/**
 * Whose turn has come for `seats` seats: the first N eligible in queue order (skipping those in
 * `exclude`, already offered a window for the same seats), frozen into publication_turns.
 */
export async function recordTurns(
  db: Queryable,
  publicationId: string,
  target: PublicationTarget,
  seats: number,
  ctx: RuleContext,
  now: Date,
  exclude: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const turn = whoseTurn(await eligibleFor(db, target, ctx, now), seats, ctx.settings, exclude);
  for (const [position, applicant] of turn.entries()) {
    await db.query('insert into publication_turns (publication_id, applicant_id, position) values ($1, $2, $3)', [
      publicationId,
      applicant.id,
      position + 1,
    ]);
  }
  return turn.map((a) => a.id);
}
