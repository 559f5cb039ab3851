import { randomUUID } from 'node:crypto';
import { cityDate } from '../../shared/calendar/index.js';
import type { CityDashboard, DashboardFigures } from '../../shared/reports/dashboard.js';
import { queueReportSchema, type QueueReport } from '../../shared/reports/queue.js';
import { defaultRegionalSettings, effectiveStatus, publicationPhase } from '../../shared/rules/index.js';
import type { Clock } from '../../server/clock.js';
import { demoAccounts, demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { seedDemoCity } from '../../server/demo/seed-city.js';
import { REPLICATION_VERSION } from '../../shared/replication/protocol.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  makeDepartmentAccount,
  makeOtherCity,
  makeSubmittedEntry,
  signedInDepartment,
} from '../support/department-client.js';
import { parentSignIn } from '../support/parent-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Tuesday 24 November 2026, 10:00 in Petropavlovsk: the demo city's weeks of intake are behind it. */
const NOW = new Date('2026-11-24T05:00:00Z');
const DAY = 86_400_000;
const fixedClock: Clock = { now: () => NOW };

interface Raw {
  kindergartens: Array<{ id: string }>;
  publications: Array<{
    id: string;
    kindergarten_id: string;
    published_at: Date;
    window_closes_at: Date | null;
    withdrawn_at: Date | null;
  }>;
  seats: Array<{ publication_id: string; status: string; available_from: string }>;
  referrals: Array<{
    kindergarten_id: string;
    publication_id: string;
    applicant_id: string;
    status: 'active' | 'contracted' | 'enrolled' | 'refused' | 'declined' | 'expired' | 'terminated';
    claimed_at: Date;
    contract_deadline: Date;
    available_from: string;
  }>;
  entries: Array<{ kindergarten_id: string; status: string }>;
  sessions: Array<{
    kindergarten_id: string;
    device_id: string;
    last_seen_at: Date;
    revoked_at: Date | null;
    expires_at: Date;
    disabled: boolean;
  }>;
  applicants: Array<{
    id: string;
    birth_date: string;
    language: string;
    priority: string;
    choices: string[];
    blocked_at: Date | null;
  }>;
  enrollments: Array<{ applicant_id: string | null; departed_on: string | null }>;
  turns: Array<{ publication_id: string; applicant_id: string }>;
}

/**
 * The figures computed again from the raw rows of the demo city, by the shared rules (phases,
 * effective statuses, the city date) and plain JavaScript — not by the report's SQL.
 */
function expectedFigures(raw: Raw, kindergartenId: string | null, now: Date, staleDays: number): DashboardFigures {
  const today = cityDate(now);
  const mine = <T extends { kindergarten_id: string }>(rows: T[]) =>
    rows.filter((r) =>
      kindergartenId ? r.kindergarten_id === kindergartenId : raw.kindergartens.some((k) => k.id === r.kindergarten_id),
    );
  const publications = mine(raw.publications);
  const phaseOf = (p: Raw['publications'][number]) =>
    publicationPhase(
      { publishedAt: p.published_at, windowClosesAt: p.window_closes_at, withdrawnAt: p.withdrawn_at },
      now,
    );
  const seatsOf = (keep: (p: Raw['publications'][number]) => boolean) =>
    raw.seats.filter((s) => publications.some((p) => p.id === s.publication_id && keep(p)));
  const referrals = mine(raw.referrals).map((r) => ({
    ...r,
    now: effectiveStatus({ status: r.status, contractDeadline: r.contract_deadline.toISOString() }, now),
  }));
  const awaiting = referrals.filter((r) => r.now === 'active');
  const devices = new Map<string, number>();
  for (const s of mine(raw.sessions)) {
    if (s.revoked_at || s.expires_at <= now || s.disabled) continue;
    const key = `${s.kindergarten_id}/${s.device_id}`;
    devices.set(key, Math.max(devices.get(key) ?? 0, s.last_seen_at.getTime()));
  }
  return {
    windowsOpen: publications.filter((p) => phaseOf(p) === 'queue_window').length,
    seatsPublishedToday: seatsOf((p) => cityDate(p.published_at) === today).length,
    seatsClaimedToday: referrals.filter((r) => cityDate(r.claimed_at) === today).length,
    seatsOpenToAll: seatsOf((p) => phaseOf(p) === 'open_to_all').filter((s) => s.status === 'open').length,
    unclaimedSeats: seatsOf((p) => phaseOf(p) !== 'withdrawn').filter(
      (s) => s.status === 'open' && s.available_from <= today,
    ).length,
    awaitingContract: awaiting.length,
    nearestDeadline:
      awaiting
        .map((r) => r.contract_deadline.getTime())
        .sort((a, b) => a - b)
        .map((ms) => new Date(ms).toISOString())[0] ?? null,
    enrollmentsDue: referrals.filter((r) => r.now === 'contracted' && r.available_from <= today).length,
    entriesAwaitingApproval: mine(raw.entries).filter((e) => e.status === 'submitted').length,
    staleDevices: [...devices.values()].filter((ms) => ms < now.getTime() - staleDays * DAY).length,
  };
}

/** Who waits in the queue, grouped, and who let a window of the period close, from the raw rows. */
function expectedQueue(raw: Raw, kindergartenId: string | null, now: Date, from: string, to: string) {
  const busy = (id: string) =>
    raw.referrals.some(
      (r) =>
        r.applicant_id === id &&
        (['contracted', 'enrolled'].includes(r.status) || (r.status === 'active' && r.contract_deadline >= now)),
    ) || raw.enrollments.some((e) => e.applicant_id === id && e.departed_on === null);
  const groups = new Map<string, number>();
  for (const a of raw.applicants) {
    if (a.blocked_at || busy(a.id)) continue;
    if (kindergartenId && !a.choices.slice(0, defaultRegionalSettings.maxChoices).includes(kindergartenId)) continue;
    const key = `${a.birth_date.slice(0, 4)}/${a.language}/${a.priority}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const missed = raw.turns.filter((t) => {
    const p = raw.publications.find((x) => x.id === t.publication_id)!;
    if (kindergartenId && p.kindergarten_id !== kindergartenId) return false;
    if (!raw.kindergartens.some((k) => k.id === p.kindergarten_id)) return false;
    if (!p.window_closes_at || p.window_closes_at >= now) return false;
    if (p.withdrawn_at && p.withdrawn_at <= p.window_closes_at) return false;
    const opened = cityDate(p.published_at);
    if (opened < from || opened > to) return false;
    return !raw.referrals.some((r) => r.publication_id === p.id && r.applicant_id === t.applicant_id);
  });
  return {
    waiting: Object.fromEntries([...groups].sort()),
    missedTotal: missed.length,
    missedApplicants: new Set(missed.map((t) => t.applicant_id)).size,
  };
}

describe.each(databaseKinds)('the city dashboard and the queue report on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let department: Awaited<ReturnType<typeof signedInDepartment>>;
  let otherDepartment: Awaited<ReturnType<typeof signedInDepartment>>;
  let otherKindergarten: string;

  const rawRows = async (): Promise<Raw> => {
    const q = <T>(sql: string) => database.db.query<T>(sql);
    return {
      kindergartens: await q(`select id from kindergartens where city_id = 'petropavl' and not deleted`),
      publications: await q(
        'select id, kindergarten_id, published_at, window_closes_at, withdrawn_at from publications where not deleted',
      ),
      seats: await q(
        'select publication_id, status, available_from::text as available_from from seats where not deleted',
      ),
      referrals: await q(
        `select kindergarten_id, publication_id, applicant_id, status, claimed_at, contract_deadline,
                available_from::text as available_from from referrals where not deleted`,
      ),
      entries: await q('select kindergarten_id, status from schedule_entries where not deleted'),
      sessions: await q(
        `select d.kindergarten_id, d.device_id, d.last_seen_at, d.revoked_at, d.expires_at, s.disabled_at is not null as disabled
           from device_sessions d join staff s on s.id = d.staff_id`,
      ),
      applicants: await q(
        `select id, birth_date::text as birth_date, language, priority, choices::text[] as choices, blocked_at
           from applicants where city_id = 'petropavl'`,
      ),
      enrollments: await q('select applicant_id, departed_on::text as departed_on from enrollments where not deleted'),
      turns: await q('select publication_id, applicant_id from publication_turns'),
    };
  };
  const dashboard = async () => {
    const res = await department.get('/api/department/dashboard');
    expect(res.status).toBe(200);
    return res.body as CityDashboard;
  };
  const expectDashboardTrue = async () => {
    const board = await dashboard();
    const raw = await rawRows();
    expect(board.city).toEqual(expectedFigures(raw, null, NOW, 7));
    for (const k of board.kindergartens) {
      expect({ id: k.id, ...expectedFigures(raw, k.id, NOW, 7) }).toEqual({
        id: k.id,
        ...Object.fromEntries(Object.entries(k).filter(([key]) => key !== 'nameRu' && key !== 'nameKk')),
      });
    }
    expect(board.kindergartens.map((k) => k.id).sort()).toEqual(raw.kindergartens.map((k) => k.id).sort());
    return board;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemoCity(database.db, fixedClock, { seed: 7, size: 'small' });
    server = await startTestServer(database.db);
    server.clock.set(NOW);
    await makeDepartmentAccount(database.db, { login: 'dash.spec', password: 'spec-password' });
    department = await signedInDepartment(server.url, 'dash.spec', 'spec-password');
    // Another city: a kindergarten with a submitted entry, a stale device and a waiting applicant.
    otherKindergarten = await makeOtherCity(database.db, 'dash-city');
    await makeSubmittedEntry(database.db, { kindergartenId: otherKindergarten });
    const staffId = randomUUID();
    await database.db.query(
      `insert into staff (id, kindergarten_id, login, full_name, position, role, password_hash, created_at)
       values ($1, $2, 'dash.other.head', 'Другая Заведующая', 'Заведующая', 'head', 'x', now())`,
      [staffId, otherKindergarten],
    );
    await database.db.query(
      `insert into device_sessions (id, token_hash, staff_id, kindergarten_id, device_id, created_at, expires_at, last_seen_at)
       values ($1, 'dash-other-token', $2, $3, 'other-pc', $4, $5, $4)`,
      [
        randomUUID(),
        staffId,
        otherKindergarten,
        new Date(NOW.getTime() - 20 * DAY),
        new Date(NOW.getTime() + 20 * DAY),
      ],
    );
    await makeDepartmentAccount(database.db, { login: 'dash.other', password: 'other-password', cityId: 'dash-city' });
    otherDepartment = await signedInDepartment(server.url, 'dash.other', 'other-password');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('counts each kindergarten and the city as the raw rows say, devices by their last sync, a claim at once', async () => {
    // Three devices of the demo kindergarten: one synced 8 days ago, one 6 days ago, one 8 days ago
    // that pulls now (its sync is recorded), and a revoked one from long ago.
    const sessions: string[] = [];
    for (const device of ['stale-pc', 'fresh-pc', 'syncing-pc', 'revoked-pc']) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: demoAccounts[0].login, password: demoAccounts[0].password, deviceId: device }),
      });
      sessions.push(((await res.json()) as { token: string }).token);
    }
    const age = (device: string, days: number) =>
      database.db.query(`update device_sessions set last_seen_at = $2 where device_id = $1`, [
        device,
        new Date(NOW.getTime() - days * DAY),
      ]);
    await age('stale-pc', 8);
    await age('fresh-pc', 6);
    await age('syncing-pc', 8);
    await age('revoked-pc', 30);
    await database.db.query(`update device_sessions set revoked_at = $1 where device_id = 'revoked-pc'`, [NOW]);
    const pulled = await fetch(`${server.url}/api/replication/v${REPLICATION_VERSION}/groups/pull`, {
      headers: { authorization: `Bearer ${sessions[2]}` },
    });
    expect(pulled.status).toBe(200);

    const before = await expectDashboardTrue();
    const demo = before.kindergartens.find((k) => k.id === demoKindergarten.id)!;
    expect(demo.staleDevices).toBe(1);
    // The demo city has open windows, waiting referrals and open seats: the comparison is not of zeros.
    expect(before.city.windowsOpen).toBeGreaterThan(0);
    expect(before.city.awaitingContract).toBeGreaterThan(0);
    expect(before.deadlines.map((d) => d.deadline)[0]).toBe(before.city.nearestDeadline);
    expect(before.kindergartens.map((k) => k.id)).not.toContain(otherKindergarten);
    expect(before.staleDeviceDays).toBe(7);

    // A parent whose turn has come claims through the real server: the next answer counts it.
    const parent = await parentSignIn(server.url, 'p0001', 'demo-parent');
    const offers = (await parent.offers()).body.offers as Array<{ publicationId: string; canClaim: boolean }>;
    const offer = offers.find((o) => o.canClaim)!;
    expect((await parent.claim(offer.publicationId)).status).toBe(200);
    const after = await expectDashboardTrue();
    expect(after.city.seatsClaimedToday).toBe(before.city.seatsClaimedToday + 1);
    expect(after.city.awaitingContract).toBe(before.city.awaitingContract + 1);

    // The other city's department sees its own kindergarten only.
    const other = (await otherDepartment.get('/api/department/dashboard')).body as CityDashboard;
    expect(other.kindergartens.map((k) => k.id)).toEqual([otherKindergarten]);
    expect(other.city).toMatchObject({ entriesAwaitingApproval: 1, staleDevices: 1, awaitingContract: 0 });
  });

  it('reports the queue and the missed windows of a period as the raw rows say, for the city and one kindergarten', async () => {
    const raw = await rawRows();
    for (const kindergartenId of [null, demoKindergarten.id]) {
      const query = new URLSearchParams({
        from: '2026-10-01',
        to: '2026-11-24',
        ...(kindergartenId ? { kindergartenId } : {}),
      });
      const res = await department.get(`/api/department/reports/queue?${query}`);
      expect(res.status).toBe(200);
      // Parsed by the answer's own schema: each missed window in the shared shape, its instants ISO text.
      const report = queueReportSchema.parse(res.body);
      const expected = expectedQueue(raw, kindergartenId, NOW, '2026-10-01', '2026-11-24');
      expect({
        waiting: Object.fromEntries(
          report.waiting.map((w) => [`${w.birthYear}/${w.language}/${w.priority}`, w.count] as const).sort(),
        ),
        missedTotal: report.missedTotal,
        missedApplicants: report.missedApplicants,
      }).toEqual(expected);
      expect(report.waitingTotal).toBe(Object.values(expected.waiting).reduce((a, b) => a + b, 0));
      expect(report.missed.length).toBe(Math.min(report.missedTotal, 2000));
      expect(report.waitingTotal).toBeGreaterThan(0);
      if (!kindergartenId) expect(report.missedTotal).toBeGreaterThan(0);
    }
  });

  it("refuses a bad period with a 400 naming it, and another city's kindergarten as unknown", async () => {
    const bad = await department.get('/api/department/reports/queue?from=2026-11-24&to=2026-10-01');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from must not be after to');
    const long = await department.get('/api/department/reports/queue?from=2025-01-01&to=2026-11-24');
    expect(long.status).toBe(400);
    const foreign = await department.get(
      `/api/department/reports/queue?from=2026-10-01&to=2026-11-24&kindergartenId=${otherKindergarten}`,
    );
    expect(foreign.status).toBe(404);
    const own = (await otherDepartment.get('/api/department/reports/queue?from=2026-10-01&to=2026-11-24'))
      .body as QueueReport;
    expect(own.waitingTotal).toBe(0);
    expect(own.missedTotal).toBe(0);
  });
});
