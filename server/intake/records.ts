import type { Queryable } from '../db/db.js';

/** Rows the intake handlers read, locked for the rest of the transaction. */
export interface PublicationRow {
  id: string;
  kindergarten_id: string;
  group_id: string;
  schedule_entry_id: string | null;
  vacancy_id: string | null;
  birth_year: number;
  language: 'ru' | 'kk';
  seats: number;
  available_from: string;
  published_at: Date;
  window_closes_at: Date | null;
  withdrawn_at: Date | null;
  round: number;
}

/** A publication, locked FOR NO KEY UPDATE (a claim's key-share lock for a new referral still goes through). */
export async function publicationForUpdate(db: Queryable, id: string, kindergartenId?: string) {
  const rows = await db.query<PublicationRow>(
    `select id, kindergarten_id, group_id, schedule_entry_id, vacancy_id, birth_year, language, seats,
            available_from::text as available_from, published_at, window_closes_at, withdrawn_at, round
       from publications where id = $1 and ($2::uuid is null or kindergarten_id = $2) and not deleted for no key update`,
    [id, kindergartenId ?? null],
  );
  return rows[0] ?? null;
}

export interface ReferralRow {
  id: string;
  number: string;
  seat_id: string;
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
  status: 'active' | 'contracted' | 'enrolled' | 'refused' | 'declined' | 'expired' | 'terminated';
  contract_deadline: Date;
  enrollment_id: string | null;
  enrolled_on: string | null;
}

/**
 * A referral, locked; scoped to a kindergarten (staff) or an applicant (parent). Its publication is
 * locked first (a returned seat is republished from it): publication before referral is the order
 * every path takes (server/commands/batch-locks.ts), so two of them never deadlock.
 */
export async function referralForUpdate(
  db: Queryable,
  id: string,
  scope: { kindergartenId?: string; applicantId?: string },
) {
  await db.query(
    `select p.id from publications p where p.id = (select publication_id from referrals where id = $1) for no key update`,
    [id],
  );
  const rows = await db.query<ReferralRow>(
    `select r.id, r.number, r.seat_id, r.publication_id, r.kindergarten_id, r.group_id, r.applicant_id, r.child_full_name,
            r.child_birth_date::text as child_birth_date, r.child_iin, r.representative_full_name, r.representative_phone,
            r.available_from::text as available_from, r.status, r.contract_deadline, r.enrollment_id,
            e.enrolled_on::text as enrolled_on
       from referrals r left join enrollments e on e.id = r.enrollment_id
      where r.id = $1 and ($2::uuid is null or r.kindergarten_id = $2) and ($3::uuid is null or r.applicant_id = $3)
        and not r.deleted
      for no key update of r`,
    [id, scope.kindergartenId ?? null, scope.applicantId ?? null],
  );
  return rows[0] ?? null;
}

/** The referral as the lifecycle rules read it. */
export const lifecycleView = (r: ReferralRow) => ({
  status: r.status,
  contractDeadline: new Date(r.contract_deadline),
  availableFrom: r.available_from,
  enrolledOn: r.enrolled_on,
});
