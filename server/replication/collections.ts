import type { DocumentBody, ReplicatedCollection } from '../../shared/replication/protocol.js';
import type { CollectionPolicy } from './core.js';

type FieldType = 'value' | 'date' | 'instant' | 'json';
type Fields = Record<string, [column: string, type?: FieldType]>;

const ownKindergarten = 'kindergarten_id = $1';
const ownRow = 'id = $1';

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/**
 * A read-model collection from its table, the rows a replica may see, and its document fields
 * (camelCase field → snake_case column). Dates travel as YYYY-MM-DD, instants as ISO strings.
 */
function collection(name: ReplicatedCollection, table: string, scope: string, fields: Fields): CollectionPolicy {
  // Whose streams a change wakes: the row's kindergarten, or every one (city- and country-wide rows).
  const changeKey = scope === ownKindergarten ? 'kindergarten_id::text' : scope === ownRow ? 'id::text' : `'*'`;
  const all: Fields = { ...fields, rev: ['rev'], updatedAt: ['updated_at', 'instant'] };
  const columns = Object.entries(all)
    .map(([key, [column, type]]) => (type === 'date' ? `${column}::text as "${key}"` : `${column} as "${key}"`))
    .join(', ');
  return {
    name,
    table,
    scope,
    columns,
    changeKey,
    toDocument(row) {
      const doc: Record<string, unknown> = {};
      for (const [key, [, type]] of Object.entries(all)) {
        const value = row[key];
        doc[key] = type === 'instant' && value !== null && value !== undefined ? iso(value) : value;
      }
      doc.id = String(doc.id);
      return doc as DocumentBody;
    },
  };
}

/** What enrollment needs of the child and the legal representative (referrals and enrollments). */
const childFields: Fields = {
  childFullName: ['child_full_name'],
  childBirthDate: ['child_birth_date', 'date'],
  childIin: ['child_iin'],
  representativeFullName: ['representative_full_name'],
  representativePhone: ['representative_phone'],
};

export const collectionPolicies: Record<ReplicatedCollection, CollectionPolicy> = {
  kindergartens: collection('kindergartens', 'kindergartens', ownRow, {
    id: ['id'],
    nameRu: ['name_ru'],
    nameKk: ['name_kk'],
    city: ['city'],
    address: ['address'],
  }),
  groups: collection('groups', 'groups', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    name: ['name'],
    ageGroup: ['age_group'],
    nextAgeGroup: ['next_age_group'],
    nextAgeGroupOn: ['next_age_group_on', 'date'],
    language: ['language'],
    capacity: ['capacity'],
  }),
  commands: collection('commands', 'commands', ownKindergarten, {
    id: ['id'],
    kind: ['kind'],
    payload: ['payload', 'json'],
    deviceId: ['device_id'],
    deviceTime: ['device_time', 'instant'],
    status: ['status'],
    rejection: ['rejection', 'json'],
    executedAt: ['executed_at', 'instant'],
  }),
  calendarDays: collection('calendarDays', 'calendar_days', '$1::uuid is not null', {
    id: ['date', 'date'],
    date: ['date', 'date'],
    kind: ['kind'],
    nameRu: ['name_ru'],
    nameKk: ['name_kk'],
    nameEn: ['name_en'],
    source: ['source'],
    provisional: ['provisional'],
  }),
  regionalSettings: collection(
    'regionalSettings',
    'regional_settings',
    'city_id = (select city_id from kindergartens where id = $1)',
    {
      id: ['city_id'],
      settings: ['settings', 'json'],
    },
  ),
  scheduleEntries: collection('scheduleEntries', 'schedule_entries', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    birthYear: ['birth_year'],
    language: ['language'],
    seats: ['seats'],
    availableFrom: ['available_from', 'date'],
    status: ['status'],
    note: ['note'],
    submittedAt: ['submitted_at', 'instant'],
    decidedAt: ['decided_at', 'instant'],
    decisionNote: ['decision_note'],
  }),
  publications: collection('publications', 'publications', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    scheduleEntryId: ['schedule_entry_id'],
    vacancyId: ['vacancy_id'],
    previousPublicationId: ['previous_publication_id'],
    birthYear: ['birth_year'],
    language: ['language'],
    seats: ['seats'],
    availableFrom: ['available_from', 'date'],
    publishedAt: ['published_at', 'instant'],
    windowClosesAt: ['window_closes_at', 'instant'],
    withdrawnAt: ['withdrawn_at', 'instant'],
    round: ['round'],
  }),
  seats: collection('seats', 'seats', ownKindergarten, {
    id: ['id'],
    publicationId: ['publication_id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    availableFrom: ['available_from', 'date'],
    status: ['status'],
    referralId: ['referral_id'],
  }),
  referrals: collection('referrals', 'referrals', ownKindergarten, {
    id: ['id'],
    number: ['number'],
    seatId: ['seat_id'],
    publicationId: ['publication_id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    applicantId: ['applicant_id'],
    applicantPriority: ['applicant_priority'],
    ...childFields,
    availableFrom: ['available_from', 'date'],
    claimedAt: ['claimed_at', 'instant'],
    claimedInPhase: ['claimed_in_phase'],
    contractDeadline: ['contract_deadline', 'instant'],
    status: ['status'],
    contractConcludedAt: ['contract_concluded_at', 'instant'],
    contractConcludedBy: ['contract_concluded_by'],
    enrollmentId: ['enrollment_id'],
    closedAt: ['closed_at', 'instant'],
    closeReason: ['close_reason'],
    closeNote: ['close_note'],
  }),
  enrollments: collection('enrollments', 'enrollments', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    referralId: ['referral_id'],
    applicantId: ['applicant_id'],
    ...childFields,
    enrolledOn: ['enrolled_on', 'date'],
    orderNumber: ['order_number'],
    orderDate: ['order_date', 'date'],
    departedOn: ['departed_on', 'date'],
    departureId: ['departure_id'],
  }),
  departures: collection('departures', 'departures', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    kind: ['kind'],
    departsOn: ['departs_on', 'date'],
    orderNumber: ['order_number'],
    orderDate: ['order_date', 'date'],
    reason: ['reason'],
    enrollmentId: ['enrollment_id'],
    children: ['children'],
    cancelledAt: ['cancelled_at', 'instant'],
    cancelOrderNumber: ['cancel_order_number'],
    cancelOrderDate: ['cancel_order_date', 'date'],
  }),
  vacancies: collection('vacancies', 'vacancies', ownKindergarten, {
    id: ['id'],
    kindergartenId: ['kindergarten_id'],
    groupId: ['group_id'],
    departureId: ['departure_id'],
    seats: ['seats'],
    availableFrom: ['available_from', 'date'],
  }),
};

export const commandColumns = collectionPolicies.commands.columns;
