import { CITY_ZONE } from '../../shared/calendar/index.js';
import {
  QUEUE_MISSED_LIMIT,
  type QueueMissedRow,
  type QueueReport,
  type QueueReportQuery,
  type QueueWaitingRow,
} from '../../shared/reports/queue.js';
import { formatIsoInstant } from '../../shared/calendar/dates.js';
import type { Queryable } from '../db/db.js';
import { isoInstantSql } from '../db/instants.js';
import { applicantBusy } from '../intake/queue.js';
import { loadSettings } from '../intake/rule-context.js';
import type { DepartmentContext } from './sessions.js';

/** The kindergarten of the session's city, or null (another city's is as if it did not exist). */
export async function cityKindergarten(
  db: Queryable,
  cityId: string,
  id: string,
): Promise<NonNullable<QueueReport['kindergarten']> | null> {
  const [row] = await db.query<NonNullable<QueueReport['kindergarten']>>(
    `select id, name_ru as "nameRu", name_kk as "nameKk" from kindergartens
      where id = $1 and city_id = $2 and not deleted`,
    [id, cityId],
  );
  return row ?? null;
}

/**
 * Turns of queue windows opened (city date) in the period, closed by $2 without being withdrawn
 * first, for which the applicant has no referral: `$1` city, `$2` now, `$3` kindergarten or null,
 * `$4`–`$5` the period, `$6` the city's zone.
 */
const missedTurns = `from publication_turns t
       join publications p on p.id = t.publication_id
       join kindergartens k on k.id = p.kindergarten_id
       join applicants a on a.id = t.applicant_id
      where k.city_id = $1 and a.city_id = $1 and not p.deleted and ($3::uuid is null or p.kindergarten_id = $3)
        and p.window_closes_at is not null and p.window_closes_at < $2
        and (p.withdrawn_at is null or p.withdrawn_at > p.window_closes_at)
        and (p.published_at at time zone $6)::date between $4::date and $5::date
        and not exists (select 1 from referrals r where r.publication_id = p.id and r.applicant_id = t.applicant_id)`;

/**
 * The queue report at `now`: applicants waiting (not blocked, without a referral not yet past its
 * deadline, a contract or an enrollment — the same test the rules use) by birth year, language and
 * category — for one kindergarten, those who chose it among their counted choices; and who had a
 * queue window opened in the period and let it close without claiming. `kindergarten` is the
 * city's (the caller checked).
 */
export async function queueReport(
  db: Queryable,
  department: DepartmentContext,
  query: QueueReportQuery,
  kindergarten: QueueReport['kindergarten'],
  now: Date,
): Promise<QueueReport> {
  const settings = await loadSettings(db, department.cityId);
  const kgId = kindergarten?.id ?? null;
  const waiting = await db.query<QueueWaitingRow>(
    `select extract(year from a.birth_date)::int as "birthYear", a.language, a.priority, count(*)::int as count
       from applicants a
      where a.city_id = $1 and a.blocked_at is null and not ${applicantBusy('$2')}
        and ($3::uuid is null or $3::uuid = any (a.choices[1:$4]))
      group by 1, a.language, a.priority
      order by 1, a.language, case a.priority when 'out_of_turn' then 0 when 'first' then 1 else 2 end`,
    [department.cityId, now, kgId, settings.maxChoices],
  );
  const params = [department.cityId, now, kgId, query.from, query.to, CITY_ZONE];
  const [totals] = await db.query<{ total: number; applicants: number }>(
    `select count(*)::int as total, count(distinct t.applicant_id)::int as applicants ${missedTurns}`,
    params,
  );
  const missed = await db.query<QueueMissedRow>(
    `select a.id as "applicantId",
            concat_ws(' ', a.child_last_name, a.child_first_name, nullif(a.child_middle_name, '')) as "childName",
            a.birth_date::text as "birthDate", a.language, a.priority, k.name_ru as "kindergartenNameRu",
            k.name_kk as "kindergartenNameKk", t.position, ${isoInstantSql('p.published_at')} as "windowOpenedAt",
            ${isoInstantSql('p.window_closes_at')} as "windowClosedAt"
       ${missedTurns}
      order by p.published_at, k.name_ru, p.id, t.position
      limit ${QUEUE_MISSED_LIMIT}`,
    params,
  );
  return {
    at: formatIsoInstant(now),
    from: query.from,
    to: query.to,
    kindergarten,
    waiting: waiting.map((w) => ({ ...w, birthYear: Number(w.birthYear), count: Number(w.count) })),
    waitingTotal: waiting.reduce((total, w) => total + Number(w.count), 0),
    missed,
    missedTotal: Number(totals?.total ?? 0),
    missedApplicants: Number(totals?.applicants ?? 0),
  };
}
