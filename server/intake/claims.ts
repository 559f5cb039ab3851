import { randomUUID } from 'node:crypto';
import { refuse, type Rejection, type Verdict } from '../../shared/commands/rejection.js';
import {
  canClaim,
  checkEligibility,
  contractDeadline,
  publicationPhase,
  type PublicationPhase,
} from '../../shared/rules/index.js';
import { cityDate } from '../../shared/calendar/index.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.js';
import { applicantBusy, applicantColumns, toApplicant, type ApplicantRow } from './queue.js';
import { auditColumns, auditValues } from './records.js';
import { expireIfOverdue } from './referrals.js';
import { ruleContextForCity, ruleVersionColumn } from './rule-context.js';

export type ClaimResult =
  | { ok: true; referralId: string; number: string; contractDeadline: string; phase: PublicationPhase }
  | { ok: false; rejection: Rejection };

/** The claimant's row, locked, with the rules' view of it and the publication beside it (null when there is none). */
interface ClaimRow extends ApplicantRow {
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
 * Two statements, no transaction around them: one reads what the rules need (with the versions of
 * the applicant's and the publication's rows), the other writes the referral, its seat and the audit
 * entry only if neither row changed and the child is still free — atomically, as one statement is.
 * When a row changed in between (a withdrawal, a block, the window closing), the claim is decided
 * again on the new state; after a few such turns it takes both rows' locks first.
 */
export async function claimSeat(
  db: Db,
  clock: Clock,
  applicantId: string,
  publicationId: string,
): Promise<ClaimResult> {
  const now = clock.now();
  try {
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      const outcome = await attemptClaim(db, now, applicantId, publicationId);
      if (typeof outcome === 'object' && 'expire' in outcome) {
        const referralId = outcome.expire;
        await db.transaction((tx) => expireIfOverdue(tx, referralId, now));
        continue;
      }
      if (outcome !== 'changed') return outcome;
    }
    return await db.transaction(async (tx) => {
      // Publication before applicant (and both before the seat): the order every writer takes.
      await tx.query('select 1 from publications where id = $1 for share', [publicationId]);
      await tx.query('select 1 from applicants where id = $1 for update', [applicantId]);
      let outcome = await attemptClaim(tx, now, applicantId, publicationId);
      if (typeof outcome === 'object' && 'expire' in outcome) {
        await expireIfOverdue(tx, outcome.expire, now);
        outcome = await attemptClaim(tx, now, applicantId, publicationId);
      }
      if (outcome === 'changed' || 'expire' in outcome)
        throw new Error(`claim ${applicantId} → ${publicationId}: rows changed under their locks`);
      return outcome;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      return { ok: false, rejection: { code: 'already_has_referral', params: {} } };
    throw error;
  }
}

async function attemptClaim(
  db: Queryable,
  now: Date,
  applicantId: string,
  publicationId: string,
): Promise<ClaimResult | 'changed' | { expire: string }> {
  const refused = (v: Verdict): ClaimResult => (v.ok ? { ok: false, rejection: { code: 'forbidden', params: {} } } : v);
  const [row] = await db.query<ClaimRow>(
    `select ${applicantColumns}, a.child_last_name, a.child_first_name, a.child_middle_name, a.birth_date::text as birth_date,
            a.iin, a.representative_full_name, a.representative_phone, a.xmin::text as applicant_version,
            exists (select 1 from publication_turns t where t.publication_id = $3 and t.applicant_id = a.id) as in_turn,
            p.id as publication_id, p.kindergarten_id, p.city_id, p.group_id, p.birth_year, p.language as publication_language,
            p.available_from, p.published_at, p.window_closes_at, p.withdrawn_at, p.version as publication_version,
            ${ruleVersionColumn} as rules_version,
            (select r.id from referrals r where r.applicant_id = a.id and r.status = 'active' and r.contract_deadline < $2
              limit 1) as overdue_referral
       from applicants a
       left join lateral (
         select p.id, p.kindergarten_id, k.city_id, p.group_id, p.birth_year, p.language, p.available_from::text as available_from,
                p.published_at, p.window_closes_at, p.withdrawn_at, p.xmin::text as version
           from publications p join kindergartens k on k.id = p.kindergarten_id
          where p.id = $3 and not p.deleted) p on true
      where a.id = $1`,
    [applicantId, now, publicationId],
    { prepare: true },
  );
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
    toApplicant(row),
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
  const auditEntry = auditValues({
    at: now,
    kindergartenId: row.kindergarten_id,
    staffId: null,
    action: 'referral.claim',
    objectType: 'referral',
    objectId: referralId,
    details: { applicantId, phase },
  });
  // One statement: the guards (both rows as read, the child still free), a seat nobody else holds,
  // the referral (with the applicant's category as read), the seat taken, the audit entry. It writes everything or nothing.
  const [issued] = await db.query<{ unchanged: boolean; number: string | null }>(
    `with applicant as (
       select a.id from applicants a
        where a.id = $5 and a.xmin = $16::xid and a.blocked_at is null and not ${applicantBusy('$12')}
          for update),
     publication as (select p.id from publications p where p.id = $2 and p.xmin = $17::xid and not p.deleted),
     seat as (
       select s.id from seats s
        where s.publication_id = $2 and s.status = 'open' and not s.deleted
          and exists (select 1 from applicant) and exists (select 1 from publication)
        order by s.id limit 1 for update skip locked),
     referral as (
       insert into referrals (id, number, seat_id, publication_id, kindergarten_id, group_id, applicant_id, applicant_priority, child_full_name,
         child_birth_date, child_iin, representative_full_name, representative_phone, available_from, claimed_at, claimed_in_phase, contract_deadline,
         status, updated_at)
       select $1, $15 || '-' || lpad(num.n, greatest(6, length(num.n)), '0'), seat.id, $2, $3, $4, $5, $25, $6, $7, $8, $9, $10, $11, $12, $13,
              $14, 'active', $12
         from seat, lateral (select nextval('referral_number_seq')::text as n) num
       returning seat_id, number),
     taken as (update seats set status = 'claimed', referral_id = $1, updated_at = $12 where id = (select seat_id from referral)),
     logged as (insert into audit_log (${auditColumns}) select $18, $19, $20, $21, $22, $23, $24 from referral)
     select exists (select 1 from applicant) and exists (select 1 from publication) as unchanged,
            (select number from referral) as number`,
    [
      referralId,
      publicationId,
      row.kindergarten_id,
      row.group_id,
      applicantId,
      fullName,
      row.birth_date,
      row.iin,
      row.representative_full_name,
      row.representative_phone,
      row.available_from,
      now,
      phase,
      deadline,
      cityDate(now).slice(0, 4),
      row.applicant_version,
      row.publication_version,
      ...auditEntry,
      // The category the claim was decided on (the applicant's row is checked unchanged above).
      row.priority,
    ],
    { prepare: true },
  );
  if (!issued!.unchanged) return 'changed';
  if (issued!.number === null) return refused(canClaim({ ...claim, seatsLeft: 0 }));
  return {
    ok: true,
    referralId,
    number: issued!.number,
    contractDeadline: deadline.toISOString(),
    phase: phase as PublicationPhase,
  };
}
