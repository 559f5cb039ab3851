import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { replicatedCollections } from '../../shared/replication/protocol.js';
import { apiClient, newCommand } from '../support/api-client.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant, makeApprovedEntry } from '../support/intake-fixtures.js';
import { parentSignIn } from '../support/parent-client.js';
import { loginAs, startTestServer, type TestServer } from '../support/test-server.js';
import { departmentTenancyChecks } from './department-tenancy-checks.js';

const OTHER_KINDERGARTEN = '0191d2a0-0000-7000-8000-00000000bbbb';

/**
 * Every route that serves tenant data must keep kindergartens (and parents) apart. This test
 * reads the routes from the OpenAPI document and fails for any route without a check below.
 */
type Check = (t: Tenants) => Promise<void>;
interface Tenants {
  server: TestServer;
  database: TestDatabase;
  /** Kindergarten A (the demo one) and B, each with a head's token. */
  tokenA: string;
  tokenB: string;
  groupA: string;
  /** Two parents; the first holds a referral. */
  parentX: Awaited<ReturnType<typeof parentSignIn>>;
  parentY: Awaited<ReturnType<typeof parentSignIn>>;
  referralOfX: string;
}

const checks: Record<string, Check> = {
  'GET /api/auth/session': async ({ server, tokenB }) => {
    const res = await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${tokenB}` } });
    expect(((await res.json()) as { kindergartenId: string }).kindergartenId).toBe(OTHER_KINDERGARTEN);
  },
  'POST /api/auth/logout': async ({ server, tokenA }) => {
    const other = (await loginAs(server.url, 'head-b', 'head-b-password')).token;
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${other}` } });
    const stillA = await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${tokenA}` } });
    expect(stillA.status).toBe(200);
  },
  'GET /api/replication/v1/{collection}/pull': async ({ server, tokenB, database }) => {
    const b = apiClient(server.url, tokenB);
    for (const collection of replicatedCollections) {
      const page = await b.pull(collection, null, 1000);
      expect(page.status).toBe(200);
      const foreign = page.body.documents.filter(
        (d) => d.kindergartenId === demoKindergarten.id || d.id === demoKindergarten.id,
      );
      expect({ collection, foreign }).toEqual({ collection, foreign: [] });
    }
    const [count] = await database.db.query<{ n: number }>(
      'select count(*)::int as n from groups where kindergarten_id = $1',
      [demoKindergarten.id],
    );
    expect(count!.n).toBeGreaterThan(0);
  },
  'POST /api/replication/v1/{collection}/push': async ({ server, tokenA, tokenB, groupA, database }) => {
    const b = apiClient(server.url, tokenB);
    const [before] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [
      groupA,
    ]);
    const res = await b.push([newCommand('group.setCapacity', { groupId: groupA, capacity: 1 })]);
    expect(res.body[0]).toMatchObject({ status: 'rejected', rejection: { code: 'not_found' } });
    const [after] = await database.db.query<{ capacity: number }>('select capacity from groups where id = $1', [
      groupA,
    ]);
    expect(after).toEqual(before);
    // A's command id pushed by B: refused, and A's payload is not echoed back.
    const mine = newCommand('group.setCapacity', { groupId: groupA, capacity: before!.capacity });
    await apiClient(server.url, tokenA).push([mine]);
    const stolen = await b.push([{ ...mine, payload: {} }]);
    expect(stolen.body[0]).toMatchObject({ status: 'rejected', rejection: { code: 'forbidden' }, payload: {} });
  },
  'GET /api/replication/v1/stream': async ({ server, tokenB, groupA, database }) => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/replication/v1/stream`, {
      headers: { authorization: `Bearer ${tokenB}` },
      signal: controller.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const first = await reader.read();
    text += first.value ?? '';
    await database.db.query('update groups set capacity = capacity, updated_at = now() where id = $1', [groupA]);
    const deadline = Date.now() + 700;
    while (Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (!next || next.done) break;
      text += next.value;
    }
    controller.abort();
    expect(text).toContain('resync');
    expect(text).not.toContain(groupA);
  },
  'GET /api/parent/offers': async ({ parentY }) => {
    const offers = await parentY.offers();
    expect(offers.status).toBe(200);
    expect(JSON.stringify(offers.body)).not.toContain('inYourTurn":true');
  },
  'POST /api/parent/claims': async ({ parentY, database, referralOfX }) => {
    const [referral] = await database.db.query<{ publication_id: string; applicant_id: string }>(
      'select publication_id, applicant_id from referrals where id = $1',
      [referralOfX],
    );
    const res = await parentY.claim(referral!.publication_id);
    if (res.status === 200) {
      const [made] = await database.db.query<{ applicant_id: string }>(
        'select applicant_id from referrals where id = $1',
        [res.body.referralId],
      );
      expect(made!.applicant_id).not.toBe(referral!.applicant_id);
    }
  },
  'POST /api/parent/referrals/{referralId}/contract': async ({ parentY, referralOfX, database }) => {
    expect((await parentY.conclude(referralOfX)).status).toBe(404);
    const [r] = await database.db.query<{ status: string }>('select status from referrals where id = $1', [
      referralOfX,
    ]);
    expect(r!.status).toBe('active');
  },
  'POST /api/parent/referrals/{referralId}/refuse': async ({ parentY, referralOfX, database }) => {
    expect((await parentY.refuse(referralOfX)).status).toBe(404);
    const [r] = await database.db.query<{ status: string }>('select status from referrals where id = $1', [
      referralOfX,
    ]);
    expect(r!.status).toBe('active');
  },
  ...departmentTenancyChecks,
  'GET /api/parent/me': async ({ server, parentY, database, tokenA }) => {
    const res = await fetch(`${server.url}/api/parent/me`, { headers: { authorization: `Bearer ${parentY.token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const [x] = await database.db.query<{ iin: string; child_last_name: string }>(
      `select iin, child_last_name from applicants where login = 'parent-x'`,
    );
    const [y] = await database.db.query<{ child_last_name: string }>(
      `select child_last_name from applicants where login = 'parent-y'`,
    );
    expect(text).not.toContain(x!.iin);
    expect(text).not.toContain(x!.child_last_name);
    expect(text).toContain(y!.child_last_name);
    // A staff token is not a parent session.
    const staff = await fetch(`${server.url}/api/parent/me`, { headers: { authorization: `Bearer ${tokenA}` } });
    expect(staff.status).toBe(401);
  },
  'POST /api/parent/logout': async ({ server, tokenA, parentX }) => {
    // A staff token is not a parent session: it signs nobody out, and parent X stays signed in.
    const res = await fetch(`${server.url}/api/parent/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(res.status).toBe(401);
    expect((await parentX.referrals()).status).toBe(200);
  },
  'GET /api/parent/referrals': async ({ parentY, referralOfX }) => {
    const mine = await parentY.referrals();
    expect(JSON.stringify(mine.body)).not.toContain(referralOfX);
  },
};

describe.each(databaseKinds)('tenancy on %s', (kind) => {
  const tenants = {} as Tenants;
  let routes: string[];

  beforeAll(async () => {
    tenants.database = await openTestDatabase(kind);
    tenants.server = await startTestServer(tenants.database.db);
    const { db } = tenants.database;
    await installShippedData(db, tenants.server.clock);
    await db.query(
      `insert into kindergartens (id, name_ru, name_kk, city, city_id, created_at, updated_at) values ($1, 'Сад Б', 'Б бақшасы', 'Петропавловск', 'petropavl', now(), now())`,
      [OTHER_KINDERGARTEN],
    );
    await db.query(
      `insert into staff (id, kindergarten_id, login, full_name, role, password_hash, created_at) values ($1, $2, 'head-b', 'Заведующая Б', 'head', $3, now())`,
      [randomUUID(), OTHER_KINDERGARTEN, await hashPassword('head-b-password')],
    );
    await db.query(
      `insert into groups (id, kindergarten_id, name, age_group, language, capacity, updated_at) values ($1, $2, 'Группа Б', 'junior', 'ru', 20, now())`,
      [randomUUID(), OTHER_KINDERGARTEN],
    );
    tenants.tokenA = (await loginAs(tenants.server.url)).token;
    tenants.tokenB = (await loginAs(tenants.server.url, 'head-b', 'head-b-password')).token;
    tenants.groupA = await groupId(db, 'Колокольчик');
    await makeApplicant(db, {
      birthDate: '2024-02-02',
      appliedAt: '2024-05-01T00:00:00Z',
      login: 'parent-x',
      password: 'pw-x-1234',
      priority: 'out_of_turn',
    });
    await makeApplicant(db, {
      birthDate: '2024-02-02',
      appliedAt: '2024-06-01T00:00:00Z',
      login: 'parent-y',
      password: 'pw-y-1234',
    });
    tenants.parentX = await parentSignIn(tenants.server.url, 'parent-x', 'pw-x-1234');
    tenants.parentY = await parentSignIn(tenants.server.url, 'parent-y', 'pw-y-1234');
    const entry = await makeApprovedEntry(db, {
      groupId: tenants.groupA,
      birthYear: 2024,
      seats: 2,
      availableFrom: '2026-09-01',
    });
    const publicationId = randomUUID();
    tenants.server.clock.set(new Date('2026-06-05T05:00:00Z'));
    tenants.tokenA = (await loginAs(tenants.server.url)).token;
    tenants.tokenB = (await loginAs(tenants.server.url, 'head-b', 'head-b-password')).token;
    tenants.parentX = await parentSignIn(tenants.server.url, 'parent-x', 'pw-x-1234');
    tenants.parentY = await parentSignIn(tenants.server.url, 'parent-y', 'pw-y-1234');
    await apiClient(tenants.server.url, tenants.tokenA).push([
      newCommand('publication.publish', {
        publicationId,
        groupId: tenants.groupA,
        source: { kind: 'schedule_entry', id: entry },
        birthYear: 2024,
        language: 'ru',
        seats: 1,
        availableFrom: '2026-09-01',
      }),
    ]);
    const claim = await tenants.parentX.claim(publicationId);
    tenants.referralOfX = claim.body.referralId as string;
    const doc = (await (await fetch(`${tenants.server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-tenancy': string }>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op['x-tenancy'] !== 'public')
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await tenants.server?.close();
    await tenants.database?.drop();
  });

  it('has a cross-tenant check for every route that is not public', () => {
    expect(tenants.referralOfX).toBeTruthy();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes.filter((r) => !checks[r])).toEqual([]);
  });

  it('refuses every route’s request for another tenant’s data, revealing nothing', async () => {
    for (const route of routes) await checks[route]!(tenants);
  });
});
