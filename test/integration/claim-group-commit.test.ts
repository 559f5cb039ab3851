import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '../../server/auth/sessions.js';
import { systemClock } from '../../server/clock.js';
import type { Db } from '../../server/db/db.js';
import { demoKindergarten } from '../../server/demo/seed-kindergarten.js';
import {
  claimWriteStats,
  writeClaimsTogether,
  type ClaimWrite,
  type ClaimWriteOutcome,
} from '../../server/intake/claim-writes.js';
import { claimSeat } from '../../server/intake/claims.js';
import { installShippedData } from '../../server/intake/shipped-data.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { groupId, makeApplicant } from '../support/intake-fixtures.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The claim in two round trips (the session checked in the claim's read) and the group commit of
 * concurrent claims (`claim_writes`, migration 0016): each claim's outcome is its own.
 */
describe.each(databaseKinds)('claims: session in the read, group commit (%s)', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let server: TestServer;
  let junior: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    server = await startTestServer(db);
    await installShippedData(db, systemClock);
    junior = await groupId(db, 'Колокольчик');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** A publication open to all since yesterday with `seats` open seats. */
  async function openPublication(seats: number): Promise<string> {
    const entry = randomUUID();
    await db.query(
      `insert into schedule_entries (id, kindergarten_id, group_id, birth_year, language, seats, available_from, status, updated_at)
       values ($1, $2, $3, 2024, 'ru', $4, '2026-09-01', 'approved', now())`,
      [entry, demoKindergarten.id, junior, seats],
    );
    const id = randomUUID();
    await db.query(
      `insert into publications (id, kindergarten_id, group_id, schedule_entry_id, birth_year, language, seats, available_from,
         published_at, window_closes_at, updated_at)
       values ($1, $2, $3, $4, 2024, 'ru', $5, '2026-09-01', now() - interval '1 day', now() - interval '1 hour', now())`,
      [id, demoKindergarten.id, junior, entry, seats],
    );
    for (let i = 0; i < seats; i++)
      await db.query(
        `insert into seats (id, publication_id, kindergarten_id, group_id, available_from, status, updated_at)
         values ($1, $2, $3, $4, '2026-09-01', 'open', now())`,
        [randomUUID(), id, demoKindergarten.id, junior],
      );
    return id;
  }

  let serial = 0;
  const applicant = () =>
    makeApplicant(db, {
      birthDate: '2024-02-02',
      appliedAt: `2024-04-01T00:${String(serial++ % 60).padStart(2, '0')}:00Z`,
    });

  /** A granted claim's write as claims.ts makes it, on the rows as they are now. */
  async function writeFor(
    applicantId: string,
    publicationId: string,
    referralId: string = randomUUID(),
  ): Promise<ClaimWrite> {
    const [a] = await db.query<{ v: string }>('select xmin::text as v from applicants where id = $1', [applicantId]);
    const [p] = await db.query<{ v: string }>('select xmin::text as v from publications where id = $1', [
      publicationId,
    ]);
    const now = new Date();
    return {
      referral_id: referralId,
      publication_id: publicationId,
      kindergarten_id: demoKindergarten.id,
      group_id: junior,
      applicant_id: applicantId,
      applicant_priority: 'general',
      child_full_name: 'Тест Ребёнок',
      child_birth_date: '2024-02-02',
      child_iin: '240202000000',
      representative_full_name: 'Родитель',
      representative_phone: '',
      available_from: '2026-09-01',
      now: now.toISOString(),
      phase: 'open_to_all',
      contract_deadline: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
      year: '2026',
      applicant_version: a!.v,
      publication_version: p!.v,
      details: { applicantId, phase: 'open_to_all' },
    };
  }

  const referralsOf = (publicationId: string) =>
    db.query<{ id: string; applicant_id: string; seat_id: string }>(
      'select id, applicant_id, seat_id from referrals where publication_id = $1',
      [publicationId],
    );

  it('writes two claims in one call, one commit: the first takes the only seat, the second is refused (no seat), independently', async () => {
    const publicationId = await openPublication(1);
    const [first, second] = [await applicant(), await applicant()];
    const calls = claimWriteStats.calls;
    const outcomes = await writeClaimsTogether(db, [
      await writeFor(first, publicationId),
      await writeFor(second, publicationId),
    ]);
    expect(claimWriteStats.calls).toBe(calls + 1);
    const [granted, refused] = outcomes as ClaimWriteOutcome[];
    expect(granted).toEqual({ unchanged: true, number: expect.stringMatching(/^2026-\d{6,}$/) });
    expect(refused).toEqual({ unchanged: true, number: null });
    const referrals = await referralsOf(publicationId);
    expect(referrals.map((r) => r.applicant_id)).toEqual([first]);
    const [seat] = await db.query<{ status: string; referral_id: string }>(
      'select status, referral_id from seats where publication_id = $1',
      [publicationId],
    );
    expect(seat).toEqual({ status: 'claimed', referral_id: referrals[0]!.id });
    const audit = await db.query(`select 1 from audit_log where action = 'referral.claim' and object_id = $1`, [
      referrals[0]!.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('rolls back only the failing claim of a call: the other is written whole, even on the seat the failed one had taken', async () => {
    const publicationId = await openPublication(1);
    const [x, y] = [await applicant(), await applicant()];
    // X's referral id is one that exists already: its insert violates the primary key after X has
    // locked the only seat and drawn a number.
    const [existing] = await db.query<{ id: string }>('select id from referrals limit 1');
    expect(existing).toBeDefined();
    const outcomes = await writeClaimsTogether(db, [
      await writeFor(x, publicationId, existing!.id),
      await writeFor(y, publicationId),
    ]);
    expect(outcomes[0]).toBeInstanceOf(Error);
    expect((outcomes[0] as Error & { code?: string }).code).toBe('23505');
    expect(outcomes[1]).toEqual({ unchanged: true, number: expect.any(String) });
    const referrals = await referralsOf(publicationId);
    expect(referrals.map((r) => r.applicant_id)).toEqual([y]);
    const seats = await db.query<{ status: string; referral_id: string | null }>(
      'select status, referral_id from seats where publication_id = $1',
      [publicationId],
    );
    expect(seats).toEqual([{ status: 'claimed', referral_id: referrals[0]!.id }]);
    const xAudit = await db.query(
      `select 1 from audit_log where action = 'referral.claim' and details->>'applicantId' = $1`,
      [x],
    );
    expect(xAudit).toEqual([]);
  });

  it('refuses a claim whose row changed since the decision, in the same call as one that is written', async () => {
    const publicationId = await openPublication(2);
    const [stale, fresh] = [await applicant(), await applicant()];
    const staleWrite = await writeFor(stale, publicationId);
    await db.query('update applicants set updated_at = now() where id = $1', [stale]);
    const outcomes = await writeClaimsTogether(db, [staleWrite, await writeFor(fresh, publicationId)]);
    expect(outcomes[0]).toEqual({ unchanged: false, number: null });
    expect(outcomes[1]).toEqual({ unchanged: true, number: expect.any(String) });
    expect((await referralsOf(publicationId)).map((r) => r.applicant_id)).toEqual([fresh]);
  });

  it('never double-books under a burst of concurrent claims, which share calls (group commit)', async () => {
    const SEATS = 8;
    const CLAIMANTS = 40;
    const publicationId = await openPublication(SEATS);
    const claimants: string[] = [];
    for (let i = 0; i < CLAIMANTS; i++) claimants.push(await applicant());
    const before = { ...claimWriteStats };
    // Every claimant once, one in five twice.
    const results = await Promise.all(
      claimants.flatMap((id, i) => [
        claimSeat(db, systemClock, id, publicationId),
        ...(i % 5 === 0 ? [claimSeat(db, systemClock, id, publicationId)] : []),
      ]),
    );
    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(SEATS);
    const codes = new Set(results.flatMap((r) => (r.ok ? [] : [r.rejection.code])));
    expect([...codes].every((c) => ['no_seats_left', 'already_has_referral'].includes(c))).toBe(true);
    const referrals = await referralsOf(publicationId);
    expect(referrals).toHaveLength(SEATS);
    expect(new Set(referrals.map((r) => r.seat_id)).size).toBe(SEATS);
    expect(new Set(referrals.map((r) => r.applicant_id)).size).toBe(SEATS);
    const open = await db.query(`select 1 from seats where publication_id = $1 and status = 'open'`, [publicationId]);
    expect(open).toEqual([]);
    // The writes shared calls: fewer calls than claims written.
    const calls = claimWriteStats.calls - before.calls;
    const written = claimWriteStats.claims - before.claims;
    expect(written).toBeGreaterThanOrEqual(SEATS);
    expect(calls).toBeLessThan(written);
  });

  describe('over HTTP: the session checked in the claim’s own read', () => {
    async function session(applicantId: string, expiresInMs = 3_600_000) {
      const token = randomBytes(24).toString('base64url');
      const id = randomUUID();
      await db.query(
        `insert into parent_sessions (id, token_hash, applicant_id, created_at, expires_at) values ($1, $2, $3, now(), $4)`,
        [id, hashToken(token), applicantId, new Date(Date.now() + expiresInMs)],
      );
      return { id, token };
    }
    const claim = (token: string | null, body: unknown) =>
      fetch(`${server.url}/api/parent/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));

    it('grants a claim by a live session and answers 401, writing nothing, for a revoked, expired, blocked or unknown one', async () => {
      const publicationId = await openPublication(5);
      const [live, revoked, expired, blocked] = [
        await applicant(),
        await applicant(),
        await applicant(),
        await applicant(),
      ];
      const liveSession = await session(live);
      const revokedSession = await session(revoked);
      await db.query('update parent_sessions set revoked_at = now() where id = $1', [revokedSession.id]);
      const expiredSession = await session(expired, -1000);
      const blockedSession = await session(blocked);
      await db.query(`update applicants set blocked_at = now(), blocked_reason = 'test' where id = $1`, [blocked]);

      const granted = await claim(liveSession.token, { publicationId });
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({ ok: true, phase: 'open_to_all' });
      for (const token of [revokedSession.token, expiredSession.token, blockedSession.token, 'no-such-token', null]) {
        const res = await claim(token, { publicationId });
        expect({ token, status: res.status, body: res.body }).toEqual({
          token,
          status: 401,
          body: { error: 'unauthorized', message: 'Sign in again.' },
        });
      }
      expect((await referralsOf(publicationId)).map((r) => r.applicant_id)).toEqual([live]);
    });

    it('answers a bad body 400 with a live session and 401 without one, as when the session was looked up first', async () => {
      const someone = await applicant();
      const { token } = await session(someone);
      const bad = await claim(token, { publicationId: 'not-a-uuid' });
      expect(bad.status).toBe(400);
      expect((await claim('no-such-token', { publicationId: 'not-a-uuid' })).status).toBe(401);
      expect((await claim(null, { publicationId: 'not-a-uuid' })).status).toBe(401);
    });

    it('refuses with the rules’ codes as before: an unknown publication is not_found', async () => {
      const someone = await applicant();
      const { token } = await session(someone);
      const res = await claim(token, { publicationId: randomUUID() });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'claim_refused', rejection: { code: 'not_found' } });
    });
  });
});
