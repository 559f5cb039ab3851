import type { Db } from '../../server/db/db.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { defaultRegionalSettings } from '../../shared/rules/index.js';
import {
  type departmentClient,
  makeDepartmentAccount,
  makeOtherCity,
  makeSubmittedEntry,
  signedInDepartment,
} from '../support/department-client.js';

interface Setup {
  /** A department of another city, and an entry submitted in the demo kindergarten's city. */
  other: ReturnType<typeof departmentClient>;
  own: ReturnType<typeof departmentClient>;
  entry: string;
}
const setups = new WeakMap<Db, Promise<Setup>>();

/** Made once per database: the other city's department signs in once (the login route is rate-limited). */
function setup(url: string, db: Db): Promise<Setup> {
  let made = setups.get(db);
  if (!made) {
    made = (async () => {
      await makeOtherCity(db, 'tenancy-city');
      await makeDepartmentAccount(db, { login: 'tenancy.other', password: 'other-password', cityId: 'tenancy-city' });
      await makeDepartmentAccount(db, { login: 'tenancy.own', password: 'own-password' });
      return {
        other: await signedInDepartment(url, 'tenancy.other', 'other-password'),
        own: await signedInDepartment(url, 'tenancy.own', 'own-password'),
        entry: await makeSubmittedEntry(db, { kindergartenId: demoKindergarten.id }),
      };
    })();
    setups.set(db, made);
  }
  return made;
}

type Check = (t: { server: { url: string }; database: { db: Db } }) => Promise<void>;

/** The console's routes (routes/department.ts): a department of one city never sees or changes another's. */
export const departmentTenancyChecks: Record<string, Check> = {
  'GET /api/department/session': async ({ server, database }) => {
    const { other } = await setup(server.url, database.db);
    expect(((await other.get('/api/department/session')).body as { city: { id: string } }).city.id).toBe(
      'tenancy-city',
    );
  },
  'GET /api/department/kindergartens': async ({ server, database }) => {
    const { other } = await setup(server.url, database.db);
    const list = (await other.get('/api/department/kindergartens')).body as Array<{ id: string }>;
    expect(list.map((k) => k.id)).not.toContain(demoKindergarten.id);
  },
  'GET /api/department/schedule': async ({ server, database }) => {
    const { other, entry } = await setup(server.url, database.db);
    const all = await other.schedule({ kindergartenId: demoKindergarten.id });
    expect(all.body.entries).toEqual([]);
    expect(JSON.stringify((await other.schedule()).body)).not.toContain(entry);
  },
  'POST /api/department/commands': async ({ server, database }) => {
    const { other, own, entry } = await setup(server.url, database.db);
    const approve = await other.command('scheduleEntry.approve', { entryIds: [entry] });
    expect(approve.body.rejection?.code).toBe('not_found');
    const returned = await other.command('scheduleEntry.return', { entryId: entry, reason: 'чужой' });
    expect(returned.body.rejection?.code).toBe('not_found');
    const [row] = await database.db.query<{ status: string }>('select status from schedule_entries where id = $1', [
      entry,
    ]);
    expect(row!.status).toBe('submitted');
    // The own city's department reuses no foreign command: its outcome is not revealed.
    const mine = await own.command('scheduleEntry.approve', { entryIds: [entry] });
    const stolen = await other.command('scheduleEntry.approve', { entryIds: [entry] }, mine.body.id);
    expect(stolen.body).toMatchObject({ status: 'rejected', rejection: { code: 'forbidden', params: {} } });
  },
  'POST /api/department/logout': async ({ server, database }) => {
    const { own } = await setup(server.url, database.db);
    const other = await signedInDepartment(server.url, 'tenancy.other', 'other-password');
    await fetch(`${server.url}/api/department/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect((await other.get('/api/department/session')).status).toBe(401);
    expect((await own.get('/api/department/session')).status).toBe(200);
  },
  // The calendar is national: every department reads the same table; the preview of an edit lists
  // only the session city's open windows and deadlines (department-calendar.test.ts has both cities' own).
  'GET /api/department/calendar': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const year = new Date().getUTCFullYear();
    const theirs = await other.get(`/api/department/calendar?year=${year}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual((await own.get(`/api/department/calendar?year=${year}`)).body);
  },
  'GET /api/department/calendar/preview': async ({ server, database }) => {
    const { other } = await setup(server.url, database.db);
    const [open] = await database.db.query<{ date: string }>(
      `select to_char(window_closes_at at time zone 'Asia/Almaty', 'YYYY-MM-DD') as date from publications
        where kindergarten_id = $1 and window_closes_at is not null order by window_closes_at desc limit 1`,
      [demoKindergarten.id],
    );
    const date = open?.date ?? '2027-01-05';
    const preview = (await other.get(`/api/department/calendar/preview?date=${date}&kind=holiday`)).body as {
      affected: unknown[];
    };
    expect(preview.affected).toEqual([]);
    expect(JSON.stringify(preview)).not.toContain(demoKindergarten.id);
  },
  'GET /api/department/settings': async ({ server, database }) => {
    const { other } = await setup(server.url, database.db);
    expect(((await other.get('/api/department/settings')).body as { cityId: string }).cityId).toBe('tenancy-city');
    // Its change stays in its city.
    const [before] = await database.db.query<{ settings: unknown }>(
      `select settings from regional_settings where city_id = 'petropavl'`,
    );
    const change = await other.command('regionalSettings.change', {
      settings: defaultRegionalSettings,
      effectiveFrom: null,
    });
    expect(change.body.status).toBe('applied');
    const [after] = await database.db.query<{ settings: unknown }>(
      `select settings from regional_settings where city_id = 'petropavl'`,
    );
    expect(after).toEqual(before);
  },
  'GET /api/department/staff': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const theirs = await other.get(`/api/department/staff?kindergartenId=${demoKindergarten.id}`);
    expect(theirs.body).toMatchObject({ staff: [], total: 0 });
    expect(JSON.stringify((await other.get('/api/department/staff')).body)).not.toContain(demoKindergarten.id);
    expect(((await own.get('/api/department/staff')).body as { total: number }).total).toBeGreaterThan(0);
  },
  'GET /api/department/accounts': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const ids = async (client: typeof own) =>
      ((await client.get('/api/department/accounts')).body as { accounts: { id: string }[] }).accounts.map((a) => a.id);
    const petropavl = (
      await database.db.query<{ id: string }>(`select id from department_accounts where city_id = 'petropavl'`)
    ).map((a) => a.id);
    expect((await ids(own)).sort()).toEqual([...petropavl].sort());
    const theirs = await ids(other);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((id) => petropavl.includes(id))).toEqual([]);
  },
  'GET /api/department/applicants': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const [applicant] = await database.db.query<{ iin: string }>(
      `select iin from applicants where city_id = 'petropavl' limit 1`,
    );
    if (!applicant) throw new Error('the tenancy fixture has applicants of the demo city');
    expect((await other.get(`/api/department/applicants?q=${applicant.iin}`)).body).toMatchObject({ total: 0 });
    expect((await own.get(`/api/department/applicants?q=${applicant.iin}`)).body).toMatchObject({ total: 1 });
  },
  'GET /api/department/applicants/{applicantId}/block-preview': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const [applicant] = await database.db.query<{ id: string }>(
      `select id from applicants where city_id = 'petropavl' limit 1`,
    );
    expect((await other.get(`/api/department/applicants/${applicant!.id}/block-preview`)).status).toBe(404);
    expect((await own.get(`/api/department/applicants/${applicant!.id}/block-preview`)).status).toBe(200);
  },
  'GET /api/department/reports': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const period = 'from=2026-01-01&to=2026-12-31';
    const theirs = await other.get(`/api/department/reports?${period}&kindergartenId=${demoKindergarten.id}`);
    expect(theirs.status).toBe(404);
    const city = await other.get(`/api/department/reports?${period}`);
    expect(JSON.stringify(city.body)).not.toContain(demoKindergarten.id);
    expect((city.body as { statistics: { total: { issued: number } } }).statistics.total.issued).toBe(0);
    const mine = await own.get(`/api/department/reports?${period}&kindergartenId=${demoKindergarten.id}`);
    expect((mine.body as { kindergarten: { id: string } }).kindergarten.id).toBe(demoKindergarten.id);
  },
  'GET /api/department/audit': async ({ server, database }) => {
    const { other } = await setup(server.url, database.db);
    const page = (await other.get('/api/department/audit')).body as { entries: Array<{ actor: { login: string } }> };
    expect(page.entries.every((e) => e.actor.login === 'tenancy.other')).toBe(true);
    expect((await other.get(`/api/department/audit?kindergartenId=${demoKindergarten.id}`)).body).toMatchObject({
      total: 0,
    });
  },
  'GET /api/department/dashboard': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const entry = await makeSubmittedEntry(database.db, { kindergartenId: demoKindergarten.id });
    const theirs = (await other.get('/api/department/dashboard')).body as {
      kindergartens: Array<{ id: string }>;
      city: { entriesAwaitingApproval: number };
    };
    expect(theirs.kindergartens.map((k) => k.id)).not.toContain(demoKindergarten.id);
    // The demo city's submitted entries count in its own city only.
    expect(theirs.city.entriesAwaitingApproval).toBe(0);
    const mine = (await own.get('/api/department/dashboard')).body as typeof theirs;
    expect(mine.city.entriesAwaitingApproval).toBeGreaterThan(0);
    expect(JSON.stringify(theirs)).not.toContain(entry);
  },
  'GET /api/department/reports/queue': async ({ server, database }) => {
    const { other, own } = await setup(server.url, database.db);
    const period = 'from=2026-01-01&to=2026-12-31';
    const foreign = await other.get(`/api/department/reports/queue?${period}&kindergartenId=${demoKindergarten.id}`);
    expect(foreign.status).toBe(404);
    const [waiting] = await database.db.query<{ n: number }>(
      `select count(*)::int as n from applicants where city_id = 'tenancy-city'`,
    );
    expect(
      ((await other.get(`/api/department/reports/queue?${period}`)).body as { waitingTotal: number }).waitingTotal,
    ).toBe(waiting!.n);
    expect(
      (await own.get(`/api/department/reports/queue?${period}&kindergartenId=${demoKindergarten.id}`)).status,
    ).toBe(200);
  },
};
