import type { Kindergarten } from '../../shared/domain/kindergarten.js';
import type { Publication } from '../../shared/domain/publication.js';
import type { Referral } from '../../shared/domain/referral.js';
import type { ScheduleEntry } from '../../shared/domain/schedule-entry.js';
import type { Applicant } from '../../shared/rules/index.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';

/**
 * The parent portal's reads (routes/parent.ts, routes/parent-schedule.ts): each statement selects
 * camelCase aliases into a named row type, built from the shared domain types where one exists.
 * Instants come back as the domain's ISO text (`isoInstantSql`), dates as ISO dates: no row holds a
 * `Date`, and the portal reads an instant through the one date module (`parseIsoInstant`).
 */

/** A kindergarten as the portal names it. */
export type KindergartenRef = Pick<Kindergarten, 'id' | 'nameRu' | 'nameKk'>;

/** The city of an applicant, or null for an unknown applicant. */
export async function applicantCityId(db: Queryable, applicantId: string): Promise<string | null> {
  const [row] = await db.query<{ cityId: string }>('select city_id as "cityId" from applicants where id = $1', [
    applicantId,
  ]);
  return row?.cityId ?? null;
}

/** A live publication with open seats, as a parent sees it. */
export type OpenOfferRow = Pick<
  Publication,
  | 'id'
  | 'kindergartenId'
  | 'groupId'
  | 'birthYear'
  | 'language'
  | 'availableFrom'
  | 'publishedAt'
  | 'windowClosesAt'
  | 'withdrawnAt'
> &
  Pick<Kindergarten, 'nameRu' | 'nameKk'> & {
    openSeats: number;
    /** Whether the applicant is in the publication's queue-window list. */
    inTurn: boolean;
  };

/** Live publications of the city with an open seat, in the kindergartens given, oldest first. */
export async function openOffers(
  db: Queryable,
  where: { cityId: string; applicantId: string; kindergartenIds: readonly string[] },
): Promise<OpenOfferRow[]> {
  return db.query<OpenOfferRow>(
    `select p.id, p.kindergarten_id as "kindergartenId", k.name_ru as "nameRu", k.name_kk as "nameKk",
            p.group_id as "groupId", p.birth_year as "birthYear", p.language, p.available_from::text as "availableFrom",
            ${isoInstantSql('p.published_at')} as "publishedAt", ${isoInstantSql('p.window_closes_at')} as "windowClosesAt",
            ${isoInstantSql('p.withdrawn_at')} as "withdrawnAt",
            (select count(*)::int from seats s where s.publication_id = p.id and s.status = 'open') as "openSeats",
            exists (select 1 from publication_turns t where t.publication_id = p.id and t.applicant_id = $2) as "inTurn"
       from publications p join kindergartens k on k.id = p.kindergarten_id
      where k.city_id = $1 and p.withdrawn_at is null and not p.deleted
        and p.kindergarten_id = any ($3::uuid[])
        and exists (select 1 from seats s where s.publication_id = p.id and s.status = 'open')
      order by p.published_at`,
    [where.cityId, where.applicantId, where.kindergartenIds],
  );
}

/** One of an applicant's referrals, with its kindergarten's names. */
export type ApplicantReferral = Pick<
  Referral,
  'id' | 'number' | 'status' | 'availableFrom' | 'claimedAt' | 'contractDeadline'
> & {
  kindergartenRu: string;
  kindergartenKk: string;
};

/** An applicant's referrals, the latest claimed first. */
export async function applicantReferrals(db: Queryable, applicantId: string): Promise<ApplicantReferral[]> {
  return db.query<ApplicantReferral>(
    `select r.id, r.number, r.status, ${isoInstantSql('r.claimed_at')} as "claimedAt",
            ${isoInstantSql('r.contract_deadline')} as "contractDeadline",
            r.available_from::text as "availableFrom", k.name_ru as "kindergartenRu", k.name_kk as "kindergartenKk"
       from referrals r join kindergartens k on k.id = r.kindergarten_id where r.applicant_id = $1 order by r.claimed_at desc`,
    [applicantId],
  );
}

export interface CityRow {
  id: string;
  nameRu: string;
  nameKk: string;
  timeZone: string;
}

/** One city, or every city (null), by id. */
export async function citiesOf(db: Queryable, cityId: string | null): Promise<CityRow[]> {
  return db.query<CityRow>(
    `select id, name_ru as "nameRu", name_kk as "nameKk", time_zone as "timeZone" from cities
      where $1::text is null or id = $1 order by id`,
    [cityId],
  );
}

/** An approved schedule entry with its kindergarten and how many of its seats are published so far. */
export type ApprovedEntryRow = Pick<
  ScheduleEntry,
  'id' | 'kindergartenId' | 'birthYear' | 'language' | 'seats' | 'availableFrom'
> &
  Pick<Kindergarten, 'nameRu' | 'nameKk' | 'address'> & {
    cityId: string;
    /** Seats of the entry published so far (open or claimed). */
    published: number;
  };

/** The approved schedule entries of one city, or of every city (null), in the order the schedule prints them. */
export async function approvedScheduleEntries(db: Queryable, cityId: string | null): Promise<ApprovedEntryRow[]> {
  return db.query<ApprovedEntryRow>(
    `select e.id, k.city_id as "cityId", k.id as "kindergartenId", k.name_ru as "nameRu", k.name_kk as "nameKk", k.address,
            e.birth_year as "birthYear", e.language, e.seats, e.available_from::text as "availableFrom",
            (select count(*)::int from seats s join publications p on p.id = s.publication_id
              where p.schedule_entry_id = e.id and s.status in ('open', 'claimed')) as published
       from schedule_entries e join kindergartens k on k.id = e.kindergarten_id
      where e.status = 'approved' and not e.deleted and not k.deleted and ($1::text is null or k.city_id = $1)
      order by e.available_from, k.name_ru, e.birth_year desc, e.language`,
    [cityId],
  );
}

/** What an applicant's own card shows (the child, the queue category, the kindergartens chosen). */
export type ApplicantCardRow = Pick<Applicant, 'birthDate' | 'language' | 'priority' | 'appliedAt' | 'choices'> & {
  cityId: string;
  fullName: string;
  iin: string;
  representativeFullName: string;
};

export async function applicantCard(db: Queryable, applicantId: string): Promise<ApplicantCardRow | null> {
  const [row] = await db.query<ApplicantCardRow>(
    `select city_id as "cityId",
            concat_ws(' ', child_last_name, child_first_name, nullif(child_middle_name, '')) as "fullName",
            birth_date::text as "birthDate", iin, language, priority, ${isoInstantSql('applied_at')} as "appliedAt",
            representative_full_name as "representativeFullName", choices::text[] as choices
       from applicants where id = $1`,
    [applicantId],
  );
  return row ?? null;
}

/** The kindergartens of these ids (in no particular order; unknown ids are left out). */
export async function kindergartensByIds(db: Queryable, ids: readonly string[]): Promise<KindergartenRef[]> {
  return db.query<KindergartenRef>(
    `select id, name_ru as "nameRu", name_kk as "nameKk" from kindergartens where id = any($1::uuid[])`,
    [ids],
  );
}
