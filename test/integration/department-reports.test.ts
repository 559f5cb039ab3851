import type { Clock } from '../../server/clock.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { seedDemoCity } from '../../server/demo/seed-city.js';
import { loadGroupLoad } from '../../server/intake/group-load.js';
import { plusDays } from '../../shared/calendar/dates.js';
import type { DepartmentReport } from '../../shared/department/reports.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { type departmentClient, makeDepartmentAccount, signedInDepartment } from '../support/department-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';

/** Tuesday 24 November 2026, 10:00 in Petropavlovsk: the demo city is seeded as of then. */
const SEEDED = new Date('2026-11-24T05:00:00Z');
/** Ten days on, with no job run: the referrals still active are past their deadline (expired as the rules read it). */
const LATER = new Date('2026-12-04T05:00:00Z');

type Outcome = { status: string; rejection: unknown };

/**
 * The department's reports against figures counted independently of the report code: the seeded
 * demo city (its own records) after a known sequence of the server's own commands — a decline on a
 * ground, a contract concluded and terminated, deadlines passing — counted with plain SQL written
 * here; the forecast's months against a day-by-day count over the server's own group-load SQL
 * (the capacity check's selection), not the shared monthly function.
 */
describe.each(databaseKinds)('the department reports on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let specialist: ReturnType<typeof departmentClient>;

  const one = async <T>(sql: string, params: unknown[]) => (await database.db.query<T>(sql, params))[0]!;
  const report = async (query: Record<string, string>) => {
    const res = await specialist.get(`/api/department/reports?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    return res.body as DepartmentReport;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const seededClock: Clock = { now: () => SEEDED };
    await seedDemoCity(database.db, seededClock, { seed: 7, size: { kindergartens: 3, applicants: 120 } });
    server = await startTestServer(database.db);
    server.clock.set(SEEDED);

    const head = apiClient(server.url, (await loginAs(server.url)).token);
    const command = async (name: string, payload: Record<string, unknown>) => {
      const [outcome] = (await head.push([newCommand(name, payload)])).body as unknown as Outcome[];
      expect(outcome).toMatchObject({ status: 'applied' });
    };
    const active = await database.db.query<{ id: string }>(
      `select id from referrals where kindergarten_id = $1 and status = 'active' order by number limit 2`,
      [demoKindergarten.id],
    );
    expect(active).toHaveLength(2);
    await command('referral.decline', { referralId: active[0]!.id, reason: 'medical' });
    await command('referral.concludeContract', { referralId: active[1]!.id });
    await command('contract.terminate', {
      referralId: active[1]!.id,
      reason: 'parent_request',
      note: '',
      terminatedOn: '2026-11-24',
      orderNumber: 'Т-1',
      orderDate: '2026-11-24',
    });
    server.clock.set(LATER);
    await makeDepartmentAccount(database.db, { login: 'city-analyst', password: 'reports-password' });
    specialist = await signedInDepartment(server.url, 'city-analyst', 'reports-password');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /**
   * The statistics' figures for the city (or one kindergarten) and period, counted by SQL: each
   * event by its city date; the age group from the publication's birth year and intake year.
   */
  async function countedBySql(from: string, to: string, kindergartenId: string | null) {
    const scope = `k.city_id = 'petropavl' and ($3::uuid is null or k.id = $3)`;
    const day = (column: string) => `(${column} at time zone 'Asia/Almaty')::date between $1::date and $2::date`;
    const ageGroup = `(array['early','junior','middle','senior','preschool'])[
        (case when extract(month from p.available_from) >= 6 then extract(year from p.available_from)
              else extract(year from p.available_from) - 1 end)::int - p.birth_year]`;
    const params = [from, to, kindergartenId];
    const seats = await database.db.query<{ slice: string; n: number }>(
      `select 'total' as slice, coalesce(sum(p.seats), 0)::int as n from publications p join kindergartens k on k.id = p.kindergarten_id
        where ${scope} and not p.deleted and ${day('p.published_at')}
       union all
       select 'lang:' || p.language, sum(p.seats)::int from publications p join kindergartens k on k.id = p.kindergarten_id
        where ${scope} and not p.deleted and ${day('p.published_at')} group by p.language
       union all
       select 'age:' || ${ageGroup}, sum(p.seats)::int from publications p join kindergartens k on k.id = p.kindergarten_id
        where ${scope} and not p.deleted and ${day('p.published_at')} and ${ageGroup} is not null group by 1`,
      params,
    );
    const events = {
      issued: day('r.claimed_at'),
      concluded: day('r.contract_concluded_at'),
      enrolled: `e.enrolled_on between $1::date and $2::date`,
      refused: `r.status = 'refused' and ${day('r.closed_at')}`,
      declined: `r.status = 'declined' and ${day('r.closed_at')}`,
      expired: `(r.status = 'expired' or (r.status = 'active' and r.contract_deadline < $4)) and ${day('r.contract_deadline')}`,
      terminated: `r.status = 'terminated' and ${day('r.closed_at')}`,
    };
    const byReason = ['declined', 'terminated'];
    const counted: Record<string, Record<string, number>> = {};
    for (const [event, condition] of Object.entries(events)) {
      const rows = await database.db.query<{ slice: string; n: number }>(
        `with hits as (
           select r.*, p.language as pub_language, ${ageGroup} as age_group, a.priority
             from referrals r join publications p on p.id = r.publication_id
             join kindergartens k on k.id = r.kindergarten_id join applicants a on a.id = r.applicant_id
             left join enrollments e on e.id = r.enrollment_id
            where ${scope} and not r.deleted and ${condition})
         select 'total' as slice, count(*)::int as n from hits
         union all select 'lang:' || pub_language, count(*)::int from hits group by pub_language
         union all select 'age:' || age_group, count(*)::int from hits where age_group is not null group by age_group
         union all select 'priority:' || priority, count(*)::int from hits group by priority
         ${byReason.includes(event) ? `union all select 'reason:' || close_reason, count(*)::int from hits group by close_reason` : ''}`,
        condition.includes('$4') ? [...params, LATER] : params,
      );
      counted[event] = Object.fromEntries(rows.map((r) => [r.slice, Number(r.n)]));
    }
    counted.seatsPublished = Object.fromEntries(seats.map((r) => [r.slice, Number(r.n)]));
    const medians = await one<{ to_claim: number | null; to_contract: number | null }>(
      `select (select percentile_cont(0.5) within group (order by extract(epoch from r.claimed_at - p.published_at) / 3600)
                 from referrals r join publications p on p.id = r.publication_id join kindergartens k on k.id = r.kindergarten_id
                where ${scope} and ${day('r.claimed_at')}) as to_claim,
              (select percentile_cont(0.5) within group (order by extract(epoch from r.contract_concluded_at - r.claimed_at) / 3600)
                 from referrals r join kindergartens k on k.id = r.kindergarten_id
                where ${scope} and ${day('r.contract_concluded_at')}) as to_contract`,
      params,
    );
    return { counted, medians };
  }

  /** The report's figures in the same shape as the SQL count (slices with nothing in them left out). */
  function reported(statistics: DepartmentReport['statistics']) {
    const shaped: Record<string, Record<string, number>> = {};
    for (const key of Object.keys(statistics.total) as Array<keyof typeof statistics.total>) {
      const slices: Record<string, number> = { total: statistics.total[key] };
      for (const [lang, f] of Object.entries(statistics.byLanguage)) if (f[key]) slices[`lang:${lang}`] = f[key];
      for (const [age, f] of Object.entries(statistics.byAgeGroup)) if (f[key]) slices[`age:${age}`] = f[key];
      if (key !== 'seatsPublished')
        for (const [priority, f] of Object.entries(statistics.byPriority ?? {}))
          if (f[key]) slices[`priority:${priority}`] = f[key];
      const reasons =
        key === 'declined' ? statistics.declinedByGround : key === 'terminated' ? statistics.terminatedByReason : {};
      for (const [reason, n] of Object.entries(reasons)) slices[`reason:${reason}`] = n;
      shaped[key] = slices;
    }
    return shaped;
  }

  it("counts the city's intake for a period as its records do", async () => {
    const { statistics } = await report({ from: '2026-01-01', to: '2026-12-31' });
    const { counted, medians } = await countedBySql('2026-01-01', '2026-12-31', null);
    expect(reported(statistics)).toEqual(counted);
    // The known sequence shows in it: one decline on its ground, one termination by its reason, expiries.
    expect(statistics.declinedByGround).toEqual({ medical: 1 });
    expect(statistics.terminatedByReason).toEqual({ parent_request: 1 });
    expect(statistics.total.expired).toBeGreaterThan(0);
    expect(statistics.total.issued).toBeGreaterThan(statistics.total.concluded);
    expect(statistics.medianHours.publicationToClaim).toBeCloseTo(Number(medians.to_claim), 6);
    expect(statistics.medianHours.claimToContract).toBeCloseTo(Number(medians.to_contract), 6);
  });

  it("counts one kindergarten's intake for a shorter period, and nothing outside it", async () => {
    const { statistics, kindergarten } = await report({
      from: '2026-11-17',
      to: '2026-11-24',
      kindergartenId: demoKindergarten.id,
    });
    expect(kindergarten?.id).toBe(demoKindergarten.id);
    expect(reported(statistics)).toEqual((await countedBySql('2026-11-17', '2026-11-24', demoKindergarten.id)).counted);
    const empty = await report({ from: '2020-01-01', to: '2020-12-31', kindergartenId: demoKindergarten.id });
    expect(Object.entries(empty.statistics.total).filter(([, n]) => n !== 0)).toEqual([]);
    expect(Object.keys(empty.statistics.total)).toHaveLength(8);
    expect(empty.statistics.medianHours).toEqual({ publicationToClaim: null, claimToContract: null });
  });

  it("forecasts each month's peak as a day-by-day count of the server's own group load", async () => {
    const { forecast, today } = await report({
      from: '2026-11-01',
      to: '2026-11-30',
      kindergartenId: demoKindergarten.id,
    });
    expect(today).toBe('2026-12-04');
    // Twelve months from today's, December 2026 to November 2027.
    expect(forecast).toHaveLength(12);
    expect([forecast[0]!.month, forecast[11]!.month]).toEqual(['2026-12', '2027-11']);
    const groups = await database.db.query<{ id: string; capacity: number }>(
      'select id, capacity from groups where kindergarten_id = $1 and not deleted',
      [demoKindergarten.id],
    );
    const expected = forecast.map((m) => ({ month: m.month, capacity: 0, peak: 0, free: 0, attending: 0 }));
    for (const group of groups) {
      const load = await loadGroupLoad(database.db, group.id, LATER);
      expected.forEach((month, i) => {
        let best = { occupancy: -1, attending: 0 };
        for (let d = i === 0 ? today : `${month.month}-01`; d.startsWith(month.month); d = plusDays(d, 1)) {
          const attending = load.attending.filter(
            (c) => c.enrolledOn <= d && (!c.departedOn || d < c.departedOn),
          ).length;
          const promised = load.promised.filter((p) => p.availableFrom <= d).reduce((n, p) => n + (p.count ?? 1), 0);
          if (attending + promised > best.occupancy) best = { occupancy: attending + promised, attending };
        }
        month.capacity += group.capacity;
        month.peak += best.occupancy;
        month.attending += best.attending;
        month.free += group.capacity - best.occupancy;
      });
    }
    expect(
      forecast.map(({ month, capacity, peak, free, attending }) => ({ month, capacity, peak, free, attending })),
    ).toEqual(expected);
    expect(forecast[0]!.capacity).toBeGreaterThan(0);
  });

  it('refuses a period that ends before it begins or is not a date, naming it', async () => {
    const backwards = await specialist.get('/api/department/reports?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('must not end before it begins');
    expect((await specialist.get('/api/department/reports?from=2026-13-01&to=2026-12-01')).status).toBe(400);
    expect((await specialist.get('/api/department/reports?from=2020-01-01&to=2026-12-01')).status).toBe(400);
  });
});
