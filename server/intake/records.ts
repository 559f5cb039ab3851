import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import type { Enrollment } from '../../shared/domain/enrollment.js';
import type { Publication } from '../../shared/domain/publication.js';
import type { Referral } from '../../shared/domain/referral.js';

/** A publication as the intake handlers read it, locked for the rest of the transaction: the shared domain type's fields. */
export type LockedPublication = Pick<
  Publication,
  | 'id'
  | 'kindergartenId'
  | 'groupId'
  | 'scheduleEntryId'
  | 'vacancyId'
  | 'birthYear'
  | 'language'
  | 'seats'
  | 'availableFrom'
  | 'publishedAt'
  | 'windowClosesAt'
  | 'withdrawnAt'
  | 'round'
>;

/** A publication, locked FOR NO KEY UPDATE (a claim's key-share lock for a new referral still goes through). */
export async function publicationForUpdate(db: Queryable, id: string, kindergartenId?: string) {
  const rows = await db.query<LockedPublication>(
    `select id, kindergarten_id as "kindergartenId", group_id as "groupId", schedule_entry_id as "scheduleEntryId",
            vacancy_id as "vacancyId", birth_year as "birthYear", language, seats, available_from::text as "availableFrom",
            ${isoInstantSql('published_at')} as "publishedAt", ${isoInstantSql('window_closes_at')} as "windowClosesAt",
            ${isoInstantSql('withdrawn_at')} as "withdrawnAt", round
       from publications where id = $1 and ($2::uuid is null or kindergarten_id = $2) and not deleted for no key update`,
    [id, kindergartenId ?? null],
  );
  return rows[0] ?? null;
}

/**
 * A referral as the intake handlers read it: fields of the shared domain type (the loader selects
 * them under their camelCase names, the deadline as the domain's ISO instant), and the date its
 * enrollment began, null before enrollment.
 */
export type LockedReferral = Pick<
  Referral,
  | 'id'
  | 'number'
  | 'seatId'
  | 'publicationId'
  | 'kindergartenId'
  | 'groupId'
  | 'applicantId'
  | 'childFullName'
  | 'childBirthDate'
  | 'childIin'
  | 'representativeFullName'
  | 'representativePhone'
  | 'availableFrom'
  | 'status'
  | 'contractDeadline'
  | 'enrollmentId'
> & { enrolledOn: Enrollment['enrolledOn'] | null };

/**
 * A referral, locked; scoped to a kindergarten (staff) or an applicant (parent). Its publication is
 * locked first (a returned seat is republished from it): publication before referral is the order
 * every path takes (server/executor/batch-locks.ts), so two of them never deadlock.
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
  const rows = await db.query<LockedReferral>(
    `select r.id, r.number, r.seat_id as "seatId", r.publication_id as "publicationId",
            r.kindergarten_id as "kindergartenId", r.group_id as "groupId", r.applicant_id as "applicantId",
            r.child_full_name as "childFullName", r.child_birth_date::text as "childBirthDate", r.child_iin as "childIin",
            r.representative_full_name as "representativeFullName", r.representative_phone as "representativePhone",
            r.available_from::text as "availableFrom", r.status,
            ${isoInstantSql('r.contract_deadline')} as "contractDeadline", r.enrollment_id as "enrollmentId",
            e.enrolled_on::text as "enrolledOn"
       from referrals r left join enrollments e on e.id = r.enrollment_id
      where r.id = $1 and ($2::uuid is null or r.kindergarten_id = $2) and ($3::uuid is null or r.applicant_id = $3)
        and not r.deleted
      for no key update of r`,
    [id, scope.kindergartenId ?? null, scope.applicantId ?? null],
  );
  return rows[0] ?? null;
}
