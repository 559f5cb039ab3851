import { ACCOUNTS_PAGE_SIZE } from '../../shared/department/accounts.js';
import type { AuditEntry, AuditPage, AuditQuery } from '../../shared/department/audit.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import type { DepartmentContext } from './sessions.js';

/** An entry as the console shows it, but for its actor: the columns the actor is made of, and the count. */
type AuditRow = Omit<AuditEntry, 'actor'> & {
  staffLogin: string | null;
  staffName: string | null;
  departmentLogin: string | null;
  departmentName: string | null;
  total: number;
};

/** The name (or id) of the staff PC a device id stands for: its latest session's name. */
const deviceName = (deviceId: string, staffId: string) => `(
  select coalesce(nullif(ds.device_name, ''), ${deviceId}) from device_sessions ds
   where ds.device_id = ${deviceId} and ds.staff_id = ${staffId} order by ds.created_at desc limit 1)`;

/**
 * The audit entries of the department's city, newest first, a page at a time: what its
 * kindergartens' staff did (a command, a sign-in) and what its own employees did, with the device
 * (a staff PC by name; "console" for the department's browser). Entries of the CLI and of other
 * cities are not shown. Filters: kindergarten, account (a staff or department login), object id.
 */
export async function listCityAudit(
  db: Queryable,
  department: DepartmentContext,
  query: AuditQuery,
): Promise<AuditPage> {
  const rows = await db.query<AuditRow>(
    `select l.id::text as id, ${isoInstantSql('l.at')} as at, k.name_ru as "kindergartenNameRu",
            k.name_kk as "kindergartenNameKk", s.login as "staffLogin", s.full_name as "staffName",
            d.login as "departmentLogin", d.full_name as "departmentName", l.action, l.object_type as "objectType",
            l.object_id as "objectId",
            case when l.department_account_id is not null then 'console'
                 when l.object_type = 'command' and l.object_id ~ '^[0-9a-f-]{36}$' then
                   (select ${deviceName('c.device_id', 'c.staff_id')} from commands c where c.id = l.object_id::uuid)
                 when l.object_type = 'device' and l.staff_id is not null then
                   ${deviceName('l.object_id', 'l.staff_id')}
            end as device,
            case when l.details -> 'verdict' ->> 'ok' = 'false'
                 then l.details -> 'verdict' -> 'rejection' ->> 'code' end as refused,
            count(*) over ()::int as total
       from audit_log l
       left join kindergartens k on k.id = l.kindergarten_id
       left join staff s on s.id = l.staff_id
       left join department_accounts d on d.id = l.department_account_id
      where (k.city_id = $1 or (l.kindergarten_id is null and d.city_id = $1))
        and ($2::uuid is null or l.kindergarten_id = $2)
        and ($3::text is null or lower(s.login) = lower($3) or lower(d.login) = lower($3))
        and ($4::text is null or l.object_id = $4)
      order by l.at desc, l.id desc
      limit ${ACCOUNTS_PAGE_SIZE} offset $5`,
    [
      department.cityId,
      query.kindergartenId ?? null,
      query.account ?? null,
      query.objectId ?? null,
      ((query.page ?? 1) - 1) * ACCOUNTS_PAGE_SIZE,
    ],
  );
  return {
    entries: rows.map(
      ({ staffLogin, staffName, departmentLogin, departmentName, total: _total, ...entry }): AuditEntry => ({
        ...entry,
        actor: departmentLogin
          ? { kind: 'department', login: departmentLogin, fullName: departmentName }
          : staffLogin
            ? { kind: 'staff', login: staffLogin, fullName: staffName }
            : { kind: 'system', login: null, fullName: null },
      }),
    ),
    total: rows[0]?.total ?? 0,
    page: query.page ?? 1,
    pageSize: ACCOUNTS_PAGE_SIZE,
  };
}
