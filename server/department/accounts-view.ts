import {
  ACCOUNTS_PAGE_SIZE,
  type ApplicantSearchQuery,
  type BlockEffect,
  type BlockPreview,
  type DepartmentAccount,
  type DepartmentApplicant,
  type DepartmentApplicantList,
  type DepartmentAccountList,
  type DepartmentStaff,
  type DepartmentStaffList,
  type DeviceSession,
  type StaffListQuery,
} from '../../shared/department/accounts.js';
import { maskIin } from '../../shared/domain/iin.js';
import { nameMatches } from '../../shared/text/search-key.js';
import type { Db, Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import { previewBlock } from '../intake/blocking.js';
import type { DepartmentContext } from './sessions.js';

const offsetOf = (page: number | undefined) => ((page ?? 1) - 1) * ACCOUNTS_PAGE_SIZE;

/** The staff of the city's kindergartens (one kindergarten, or all), a page at a time, with their live PCs. */
export async function listCityStaff(
  db: Queryable,
  department: DepartmentContext,
  query: StaffListQuery,
  now: Date,
): Promise<DepartmentStaffList> {
  const rows = await db.query<Omit<DepartmentStaff, 'devices'> & { total: number }>(
    `select s.id, s.kindergarten_id as "kindergartenId", k.name_ru as "kindergartenNameRu",
            k.name_kk as "kindergartenNameKk", s.login, s.full_name as "fullName", s.role,
            s.disabled_at is not null as disabled, ${isoInstantSql('f.locked_until')} as "lockedUntil",
            count(*) over ()::int as total
       from staff s join kindergartens k on k.id = s.kindergarten_id
       left join sign_in_failures f on f.kind = 'staff' and f.login = lower(s.login) and f.locked_until > $3
      where k.city_id = $1 and not k.deleted and ($2::uuid is null or s.kindergarten_id = $2)
      order by k.name_ru, k.id, s.full_name, s.login
      limit ${ACCOUNTS_PAGE_SIZE} offset $4`,
    [department.cityId, query.kindergartenId ?? null, now, offsetOf(query.page)],
  );
  const devices = await db.query<DeviceSession & { staffId: string }>(
    `select id, staff_id as "staffId", device_name as "deviceName", ${isoInstantSql('created_at')} as "signedInAt",
            ${isoInstantSql('last_seen_at')} as "lastSeenAt" from device_sessions
      where staff_id = any ($1::uuid[]) and revoked_at is null and expires_at > $2
      order by created_at desc, id`,
    [rows.map((r) => r.id), now],
  );
  return {
    staff: rows.map(({ total: _total, ...member }): DepartmentStaff => ({
      ...member,
      devices: devices.filter((d) => d.staffId === member.id).map(({ staffId: _staffId, ...device }) => device),
    })),
    total: rows[0]?.total ?? 0,
    page: query.page ?? 1,
    pageSize: ACCOUNTS_PAGE_SIZE,
  };
}

/**
 * The ids of the city's applicants that `q` finds, in the list's order: by the full IIN, the
 * IIN's last four digits, or else by the parent's login or the words of the child's or the
 * representative's name (compared by the shared search key, so Kazakh and Russian spellings of a
 * name find each other). Name matching runs here, on the city's names only (a city's queue is
 * thousands of rows, not millions).
 */
async function matchingApplicants(db: Queryable, cityId: string, q: string): Promise<string[]> {
  const order = 'order by child_last_name, child_first_name, child_middle_name, id';
  if (/^\d{12}$/.test(q) || /^\d{4}$/.test(q)) {
    const rows = await db.query<{ id: string }>(
      `select id from applicants where city_id = $1 and (iin = $2 or (length($2) = 4 and right(iin, 4) = $2)) ${order}`,
      [cityId, q],
    );
    return rows.map((r) => r.id);
  }
  const rows = await db.query<{
    id: string;
    login: string | null;
    child_last_name: string;
    child_first_name: string;
    child_middle_name: string;
    representative_full_name: string;
  }>(
    `select id, login, child_last_name, child_first_name, child_middle_name, representative_full_name
       from applicants where city_id = $1 ${order}`,
    [cityId],
  );
  const login = q.toLowerCase();
  return rows
    .filter(
      (r) =>
        r.login?.toLowerCase() === login ||
        nameMatches(`${r.child_last_name} ${r.child_first_name} ${r.child_middle_name}`, q) ||
        nameMatches(r.representative_full_name, q),
    )
    .map((r) => r.id);
}

/** The city's applicants found by name, IIN or login, a page at a time (IIN masked unless typed in full). */
export async function searchCityApplicants(
  db: Queryable,
  department: DepartmentContext,
  query: ApplicantSearchQuery,
  now: Date,
): Promise<DepartmentApplicantList> {
  const ids = await matchingApplicants(db, department.cityId, query.q);
  const offset = offsetOf(query.page);
  const pageIds = ids.slice(offset, offset + ACCOUNTS_PAGE_SIZE);
  // The applicant as the console shows it; the IIN in full (masked below unless typed in full).
  const rows = await db.query<DepartmentApplicant>(
    `select a.id, a.iin,
            concat_ws(' ', nullif(a.child_last_name, ''), nullif(a.child_first_name, ''),
                      nullif(a.child_middle_name, '')) as "childName",
            a.birth_date::text as "birthDate", a.representative_full_name as "representativeFullName", a.login,
            ${isoInstantSql('a.blocked_at')} as "blockedAt", a.blocked_reason as "blockedReason",
            ${isoInstantSql('f.locked_until')} as "lockedUntil",
            (select count(*) from parent_sessions p
              where p.applicant_id = a.id and p.revoked_at is null and p.expires_at > $3)::int as "liveSessions"
       from applicants a
       left join sign_in_failures f on f.kind = 'parent' and f.login = lower(a.login) and f.locked_until > $3
      where a.id = any ($1::uuid[]) and a.city_id = $2`,
    [pageIds, department.cityId, now],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fullIin = /^\d{12}$/.test(query.q);
  const applicants = pageIds.flatMap((id): DepartmentApplicant[] => {
    const r = byId.get(id);
    return r ? [{ ...r, iin: fullIin ? r.iin : maskIin(r.iin) }] : [];
  });
  return { applicants, total: ids.length, page: query.page ?? 1, pageSize: ACCOUNTS_PAGE_SIZE };
}

/**
 * What a block of the applicant would do now (the block itself run and rolled back: nothing is
 * stored), or, for a blocked applicant, the referrals its block terminated (an unblock never
 * restores them). Null when the applicant is not of the department's city.
 */
export async function blockPreview(
  db: Db,
  department: DepartmentContext,
  applicantId: string,
  now: Date,
): Promise<BlockPreview | null> {
  const [applicant] = await db.query<{ blocked: boolean }>(
    'select blocked_at is not null as blocked from applicants where id = $1 and city_id = $2',
    [applicantId, department.cityId],
  );
  if (!applicant) return null;
  const referrals = (ids: string[]) =>
    db.query<Pick<BlockEffect, 'referralId' | 'number' | 'kindergartenNameRu' | 'kindergartenNameKk'>>(
      `select r.id as "referralId", r.number, k.name_ru as "kindergartenNameRu", k.name_kk as "kindergartenNameKk"
         from referrals r join kindergartens k on k.id = r.kindergarten_id
        where r.id = any ($1::uuid[]) order by r.claimed_at, r.id`,
      [ids],
    );
  if (applicant.blocked) {
    const terminated = await db.query<{ id: string }>(
      `select id from referrals where applicant_id = $1 and status = 'terminated' and close_reason = 'account_blocked'`,
      [applicantId],
    );
    return { blocked: true, wouldTerminate: [], staysTerminated: await referrals(terminated.map((r) => r.id)) };
  }
  const outcome = await previewBlock(db, now, applicantId);
  const terminated = outcome?.terminated ?? [];
  const rows = new Map((await referrals(terminated.map((t) => t.referralId))).map((r) => [r.referralId, r]));
  return {
    blocked: false,
    wouldTerminate: terminated.flatMap((t): BlockEffect[] => {
      const r = rows.get(t.referralId);
      return r && t.seat ? [{ ...r, from: t.from, seat: t.seat }] : [];
    }),
    staysTerminated: [],
  };
}

/** The own city's department accounts by login, with their last sign-in. */
export async function listCityDepartmentAccounts(
  db: Queryable,
  department: DepartmentContext,
): Promise<DepartmentAccountList> {
  const accounts = await db.query<DepartmentAccount>(
    `select a.id, a.login, a.full_name as "fullName", a.role, a.disabled_at is not null as disabled,
            ${isoInstantSql('(select max(s.created_at) from department_sessions s where s.account_id = a.id)')}
              as "lastSignInAt"
       from department_accounts a
      where a.city_id = $1
      order by lower(a.login)`,
    [department.cityId],
  );
  return { accounts };
}
