import { cityDate } from '../../shared/calendar/index.js';
import type { Queryable } from '../db/db.js';
import { insertRows } from './bulk-insert.js';
import type { CityPlan } from './city-plan.js';
import type { Timeline } from './intake-timeline.js';

/** The demo city's rows, written in bulk (a few statements per table) in the seeding transaction. */

export const DEMO_CITY_ID = 'petropavl';
const CITY_NAME = 'Петропавловск';

export async function writeCity(tx: Queryable, plan: CityPlan, hashes: { head: string; staff: string }) {
  const { now } = plan;
  const created = plan.kindergartens.filter((k) => !k.existing);
  await insertRows(
    tx,
    'kindergartens',
    {
      id: 'uuid',
      name_ru: 'text',
      name_kk: 'text',
      city: 'text',
      city_id: 'text',
      address: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    created,
    (k) => [k.id, k.nameRu, k.nameKk, CITY_NAME, DEMO_CITY_ID, k.address, now, now],
  );
  await insertRows(
    tx,
    'staff',
    {
      id: 'uuid',
      kindergarten_id: 'uuid',
      login: 'text',
      full_name: 'text',
      role: 'text',
      password_hash: 'text',
      created_at: 'timestamptz',
    },
    plan.staff,
    (s) => [s.id, s.kindergartenId, s.login, s.fullName, s.role, hashes[s.role], now],
  );
  await insertRows(
    tx,
    'groups',
    {
      id: 'uuid',
      kindergarten_id: 'uuid',
      name: 'text',
      age_group: 'text',
      language: 'text',
      capacity: 'int',
      updated_at: 'timestamptz',
    },
    created.flatMap((k) => k.groups),
    (g) => [g.id, g.kindergartenId, g.name, g.ageGroup, g.language, g.capacity, now],
  );
  await insertRows(
    tx,
    'schedule_entries',
    {
      id: 'uuid',
      kindergarten_id: 'uuid',
      group_id: 'uuid',
      birth_year: 'int',
      language: 'text',
      seats: 'int',
      available_from: 'date',
      status: 'text',
      note: 'text',
      submitted_at: 'timestamptz',
      decided_at: 'timestamptz',
      created_by: 'uuid',
      updated_at: 'timestamptz',
    },
    plan.entries,
    (e) => [
      e.id,
      e.kindergartenId,
      e.groupId,
      e.birthYear,
      e.language,
      e.seats,
      e.availableFrom,
      e.status,
      e.note,
      e.submittedAt,
      e.decidedAt,
      e.createdBy || null,
      now,
    ],
  );
  await insertRows(
    tx,
    'enrollments',
    {
      id: 'uuid',
      kindergarten_id: 'uuid',
      group_id: 'uuid',
      child_full_name: 'text',
      child_birth_date: 'date',
      child_iin: 'text',
      representative_full_name: 'text',
      representative_phone: 'text',
      enrolled_on: 'date',
      order_number: 'text',
      order_date: 'date',
      updated_at: 'timestamptz',
    },
    plan.enrollments,
    (e) => [
      e.id,
      e.kindergartenId,
      e.groupId,
      e.childFullName,
      e.childBirthDate,
      e.childIin,
      e.representativeFullName,
      e.representativePhone,
      e.enrolledOn,
      e.orderNumber,
      e.enrolledOn,
      now,
    ],
  );
}

export async function writeApplicants(
  tx: Queryable,
  plan: CityPlan,
  logins: Map<string, string>,
  passwordHash: string,
) {
  const { now } = plan;
  await insertRows(
    tx,
    'applicants',
    {
      id: 'uuid',
      city_id: 'text',
      iin: 'text',
      child_last_name: 'text',
      child_first_name: 'text',
      child_middle_name: 'text',
      birth_date: 'date',
      language: 'text',
      priority: 'text',
      applied_at: 'timestamptz',
      choices: 'uuid[]',
      representative_full_name: 'text',
      representative_phone: 'text',
      login: 'text',
      password_hash: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    plan.applicants,
    (a) => [
      a.id,
      DEMO_CITY_ID,
      a.iin,
      a.lastName,
      a.firstName,
      a.middleName,
      a.birthDate,
      a.language,
      a.priority,
      a.appliedAt,
      a.choices,
      a.representativeFullName,
      a.representativePhone,
      logins.get(a.id) ?? null,
      passwordHash,
      now,
      now,
    ],
  );
}

export async function writeTimeline(tx: Queryable, plan: CityPlan, timeline: Timeline) {
  const { now } = plan;
  const applicants = new Map(plan.applicants.map((a) => [a.id, a]));
  await insertRows(
    tx,
    'publications',
    {
      id: 'uuid',
      kindergarten_id: 'uuid',
      group_id: 'uuid',
      schedule_entry_id: 'uuid',
      birth_year: 'int',
      language: 'text',
      seats: 'int',
      available_from: 'date',
      published_at: 'timestamptz',
      window_closes_at: 'timestamptz',
      opened_to_all_at: 'timestamptz',
      created_by: 'uuid',
      updated_at: 'timestamptz',
    },
    timeline.publications,
    (p) => [
      p.id,
      p.kindergartenId,
      p.groupId,
      p.scheduleEntryId,
      p.birthYear,
      p.language,
      p.seats,
      p.availableFrom,
      p.publishedAt,
      p.windowClosesAt,
      p.openedToAllAt,
      p.createdBy || null,
      now,
    ],
  );
  await insertRows(
    tx,
    'publication_turns',
    { publication_id: 'uuid', applicant_id: 'uuid', position: 'int' },
    timeline.turns,
    (t) => [t.publicationId, t.applicantId, t.position],
  );
  await insertRows(
    tx,
    'seats',
    {
      id: 'uuid',
      publication_id: 'uuid',
      kindergarten_id: 'uuid',
      group_id: 'uuid',
      available_from: 'date',
      status: 'text',
      referral_id: 'uuid',
      updated_at: 'timestamptz',
    },
    timeline.seats,
    (s) => [s.id, s.publicationId, s.kindergartenId, s.groupId, s.availableFrom, s.status, s.referralId, now],
  );
  // Referral numbers come from the server's own sequence, in the order the claims were made.
  const numbers = await tx.query<{ n: string }>(
    `select nextval('referral_number_seq')::text as n from generate_series(1, $1::int)`,
    [timeline.referrals.length],
  );
  await insertRows(
    tx,
    'referrals',
    {
      id: 'uuid',
      number: 'text',
      seat_id: 'uuid',
      publication_id: 'uuid',
      kindergarten_id: 'uuid',
      group_id: 'uuid',
      applicant_id: 'uuid',
      applicant_priority: 'text',
      child_full_name: 'text',
      child_birth_date: 'date',
      child_iin: 'text',
      representative_full_name: 'text',
      representative_phone: 'text',
      available_from: 'date',
      claimed_at: 'timestamptz',
      claimed_in_phase: 'text',
      contract_deadline: 'timestamptz',
      status: 'text',
      contract_concluded_at: 'timestamptz',
      contract_concluded_by: 'text',
      updated_at: 'timestamptz',
    },
    timeline.referrals.map((r, i) => ({ ...r, n: numbers[i]?.n ?? '0' })),
    (r) => {
      const a = applicants.get(r.applicantId)!;
      return [
        r.id,
        `${cityDate(r.claimedAt).slice(0, 4)}-${r.n.padStart(6, '0')}`,
        r.seatId,
        r.publicationId,
        r.kindergartenId,
        r.groupId,
        r.applicantId,
        // The category the claim was made in (no category changes during the seeded history).
        a.priority,
        [a.lastName, a.firstName, a.middleName].filter(Boolean).join(' '),
        a.birthDate,
        a.iin,
        a.representativeFullName,
        a.representativePhone,
        r.availableFrom,
        r.claimedAt,
        r.claimedInPhase,
        r.contractDeadline,
        r.status,
        r.contractConcludedAt,
        r.contractConcludedAt ? 'parent' : null,
        now,
      ];
    },
  );
}
