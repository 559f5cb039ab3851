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
import { loadApplicant } from './queue.js';
import { audit } from './records.js';
import { ruleContextForKindergarten } from './rule-context.js';

export type ClaimResult =
  | { ok: true; referralId: string; number: string; contractDeadline: string; phase: PublicationPhase }
  | { ok: false; rejection: Rejection };

interface PublicationForClaim {
  id: string;
  kindergarten_id: string;
  group_id: string;
  birth_year: number;
  language: 'ru' | 'kk';
  available_from: string;
  published_at: Date;
  window_closes_at: Date | null;
  withdrawn_at: Date | null;
}

interface ApplicantCard {
  child_last_name: string;
  child_first_name: string;
  child_middle_name: string;
  birth_date: string;
  iin: string;
  representative_full_name: string;
  representative_phone: string;
}

/**
 * A parent claims a seat. Everything is decided in one transaction at the server clock's `now`:
 * the phase from the publication's instants, eligibility and whose turn it is from the shared rules,
 * the seat by `FOR UPDATE SKIP LOCKED` (thousands of claimants never wait on each other), and the
 * database's unique indexes as the last word: one referral per seat, one active referral per child.
 */
export async function claimSeat(
  db: Db,
  clock: Clock,
  applicantId: string,
  publicationId: string,
): Promise<ClaimResult> {
  try {
    return await db.transaction((tx) => claimIn(tx, clock.now(), applicantId, publicationId));
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      return { ok: false, rejection: { code: 'already_has_referral', params: {} } };
    throw error;
  }
}

async function claimIn(tx: Queryable, now: Date, applicantId: string, publicationId: string): Promise<ClaimResult> {
  const refused = (v: Verdict): ClaimResult => (v.ok ? { ok: false, rejection: { code: 'forbidden', params: {} } } : v);
  const pubs = await tx.query<PublicationForClaim>(
    `select id, kindergarten_id, group_id, birth_year, language, available_from::text as available_from, published_at, window_closes_at, withdrawn_at
       from publications where id = $1 and not deleted`,
    [publicationId],
  );
  const publication = pubs[0];
  if (!publication) return refused(refuse('not_found', { object: 'publication', id: publicationId }));
  // One claim per child at a time: concurrent claims by the same account queue on its row.
  const cards = await tx.query<ApplicantCard>(
    `select child_last_name, child_first_name, child_middle_name, birth_date::text as birth_date, iin, representative_full_name, representative_phone
       from applicants where id = $1 for update`,
    [applicantId],
  );
  const card = cards[0];
  const applicant = await loadApplicant(tx, applicantId, now);
  if (!card || !applicant) return refused(refuse('not_found', { object: 'applicant', id: applicantId }));
  const ctx = await ruleContextForKindergarten(tx, publication.kindergarten_id);
  const phase = publicationPhase(
    {
      publishedAt: publication.published_at,
      windowClosesAt: publication.window_closes_at,
      withdrawnAt: publication.withdrawn_at,
    },
    now,
  );
  const eligible = checkEligibility(
    applicant,
    {
      kindergartenId: publication.kindergarten_id,
      birthYear: publication.birth_year,
      language: publication.language,
      availableFrom: publication.available_from,
    },
    ctx.settings,
  );
  const turn = await tx.query('select 1 from publication_turns where publication_id = $1 and applicant_id = $2', [
    publicationId,
    applicantId,
  ]);
  const seats = await tx.query<{ id: string }>(
    `select id from seats where publication_id = $1 and status = 'open' and not deleted order by id limit 1 for update skip locked`,
    [publicationId],
  );
  const verdict = canClaim({ phase, applicantInWindowList: turn.length > 0, eligible, seatsLeft: seats.length });
  if (!verdict.ok) return verdict;
  const seat = seats[0]!;
  const referralId = randomUUID();
  const [numbered] = await tx.query<{ n: string }>(`select nextval('referral_number_seq')::text as n`);
  const number = `${cityDate(now).slice(0, 4)}-${numbered!.n.padStart(6, '0')}`;
  const deadline = contractDeadline(now, ctx.settings, ctx.calendar);
  const fullName = [card.child_last_name, card.child_first_name, card.child_middle_name].filter(Boolean).join(' ');
  await tx.query(
    `insert into referrals (id, number, seat_id, publication_id, kindergarten_id, group_id, applicant_id, child_full_name, child_birth_date,
       child_iin, representative_full_name, representative_phone, available_from, claimed_at, claimed_in_phase, contract_deadline, status, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'active', $14)`,
    [
      referralId,
      number,
      seat.id,
      publicationId,
      publication.kindergarten_id,
      publication.group_id,
      applicantId,
      fullName,
      card.birth_date,
      card.iin,
      card.representative_full_name,
      card.representative_phone,
      publication.available_from,
      now,
      phase,
      deadline,
    ],
  );
  await tx.query(`update seats set status = 'claimed', referral_id = $2, updated_at = $3 where id = $1`, [
    seat.id,
    referralId,
    now,
  ]);
  await audit(tx, {
    at: now,
    kindergartenId: publication.kindergarten_id,
    staffId: null,
    action: 'referral.claim',
    objectType: 'referral',
    objectId: referralId,
    details: { applicantId, phase },
  });
  return { ok: true, referralId, number, contractDeadline: deadline.toISOString(), phase: phase as PublicationPhase };
}
