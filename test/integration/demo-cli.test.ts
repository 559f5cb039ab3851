import { runCli } from '../../server/cli/main.js';
import { bufferOutput } from '../../server/cli/output.js';
import { parseDuration } from '../../server/cli/tasks/demo.js';
import type { Clock } from '../../server/clock.js';
import { DemoClock, readDemoOffset } from '../../server/demo/demo-clock.js';
import { seedDemoCity } from '../../server/demo/seed-city.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

/** Tuesday 24 November 2026, 10:00 in Petropavlovsk. */
const NOW = new Date('2026-11-24T05:00:00Z');
const realClock: Clock = { now: () => NOW };
const DAY = 86_400_000;

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(databaseKinds)('the department’s demo commands on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemoCity(database.db, realClock, { seed: 3, size: 'small' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function admin(...argv: string[]) {
    const output = bufferOutput();
    const code = await runCli(argv, { db: database.db, clock: realClock, out: output.out, operator: 'test-operator' });
    return { code, ...output };
  }
  const audited = async (action: string) =>
    (await database.db.query('select 1 from audit_log where action = $1', [action])).length;

  it('approves the whole submitted schedule of the city at once, and says so when nothing is left', async () => {
    const [before] = await database.db.query<{ n: number }>(
      `select count(*)::int as n from schedule_entries where status = 'submitted'`,
    );
    expect(before!.n).toBeGreaterThan(0);
    const run = await admin('schedule:approve-all', '--city', 'petropavl', '--note', 'Утверждено');
    expect(run.code).toBe(0);
    expect(run.text()).toContain(`Approved ${before!.n} schedule entries of petropavl.`);
    const decided = await database.db.query<{ status: string; decision_note: string; decided_at: Date }>(
      `select status, decision_note, decided_at from schedule_entries where decision_note = 'Утверждено'`,
    );
    expect(decided).toHaveLength(before!.n);
    expect(decided.every((e) => e.status === 'approved' && +new Date(e.decided_at) === +NOW)).toBe(true);
    expect((await admin('schedule:approve-all', '--city', 'petropavl')).text()).toContain(
      'No submitted schedule entries',
    );
    expect((await admin('schedule:approve-all', '--city', 'nowhere')).code).toBe(1);
    expect(await audited('admin.schedule:approve-all')).toBe(2);
  });

  it('fast-forwards the demo clock, and a server process on the demo clock follows the change', async () => {
    const clock = await DemoClock.start(database.db, realClock);
    try {
      expect((await admin('demo:clock')).text()).toContain('Demo clock: 24.11.2026 10:00 in the city (real time)');
      const advanced = await admin('demo:clock', '--advance', '3d');
      expect(advanced.code).toBe(0);
      expect(advanced.text()).toContain('27.11.2026 10:00 in the city (real time + 3 d 0 h 0 min)');
      expect((await readDemoOffset(database.db)).offsetMs).toBe(3 * DAY);
      await until(() => clock.now().getTime() === NOW.getTime() + 3 * DAY);

      const set = await admin('demo:clock', '--set', '2027-06-01 09:00');
      expect(set.text()).toContain('01.06.2027 09:00 in the city');
      await until(() => clock.now().toISOString() === '2027-06-01T04:00:00.000Z');

      const reset = await admin('demo:clock', '--reset');
      expect(reset.text()).toContain('(real time)');
      expect(reset.text()).toContain('the clock went back');
      await until(() => clock.now().getTime() === NOW.getTime());
      expect(await audited('admin.demo:clock')).toBe(3);
    } finally {
      await clock.stop();
    }
  });

  it('reads the offset a server finds at start, and refuses a wrong command line', async () => {
    await admin('demo:clock', '--advance', '1d12h');
    const clock = await DemoClock.start(database.db, realClock);
    await clock.stop();
    expect(clock.now().getTime()).toBe(NOW.getTime() + 1.5 * DAY);
    await admin('demo:clock', '--reset');
    expect((await admin('demo:clock', '--advance', 'soon')).code).toBe(2);
    expect((await admin('demo:clock', '--advance', '1d', '--reset')).code).toBe(2);
    expect((await admin('demo:clock', '--set', 'tomorrow')).code).toBe(2);
    expect((await admin('demo:clock', '--advance', '3000d')).code).toBe(1);
    expect(parseDuration('1w2d3h4m')).toBe(((7 + 2) * 24 + 3) * 3_600_000 + 4 * 60_000);
  });

  describe('blocking an applicant account', () => {
    let server: DemoServer;
    beforeAll(async () => {
      server = await startDemoServer(database.db);
      server.clock.set(NOW);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('terminates the referral, returns the seat, and stops the parent’s sign-in and live session', async () => {
      const [holder] = await database.db.query<{ login: string; iin: string; referral_id: string; seat_id: string }>(
        `select a.login, a.iin, r.id as referral_id, r.seat_id from referrals r join applicants a on a.id = r.applicant_id
          where r.status = 'active' order by a.login limit 1`,
      );
      const signIn = () =>
        fetch(`${server.url}/api/parent/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: holder!.login, password: 'demo-parent' }),
        });
      const { token } = (await (await signIn()).json()) as { token: string };

      const run = await admin(
        'applicant:block',
        '--login',
        holder!.login,
        '--reason',
        'Передача доступа третьим лицам',
      );
      expect(run.code).toBe(0);
      expect(run.text()).toMatch(new RegExp(`Blocked ${holder!.login} \\(•+\\d{4}\\)`));
      expect(run.text()).toMatch(/referral 2026-\d{6} \(.+\) terminated; it was active/);
      const [referral] = await database.db.query<{ status: string; close_reason: string }>(
        'select status, close_reason from referrals where id = $1',
        [holder!.referral_id],
      );
      expect(referral).toEqual({ status: 'terminated', close_reason: 'account_blocked' });
      const [seat] = await database.db.query<{ status: string; republished_as: string | null }>(
        'select status, republished_as from seats where id = $1',
        [holder!.seat_id],
      );
      expect(seat?.status).toBe('returned');
      expect(seat?.republished_as).not.toBeNull();

      expect((await signIn()).status).toBe(403);
      const offers = await fetch(`${server.url}/api/parent/offers`, { headers: { authorization: `Bearer ${token}` } });
      expect(offers.status).toBe(401);

      const again = await admin('applicant:block', '--iin', holder!.iin, '--reason', 'повторно');
      expect(again.text()).toContain('was already blocked');
      expect(await audited('admin.applicant:block')).toBe(2);
    });

    it('unblocks as the console does: sign-in again, the terminated referral stays so, audited; a second run changes nothing', async () => {
      const [held] = await database.db.query<{ id: string; login: string; iin: string }>(
        `select id, login, iin from applicants where blocked_at is not null order by login limit 1`,
      );
      const referralStatus = async () =>
        (
          await database.db.query<{ status: string }>('select status from referrals where applicant_id = $1', [
            held!.id,
          ])
        ).map((r) => r.status);
      const before = await referralStatus();
      expect(before).toContain('terminated');
      const signIn = () =>
        fetch(`${server.url}/api/parent/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: held!.login, password: 'demo-parent' }),
        });
      expect((await signIn()).status).toBe(403);

      const run = await admin('applicant:unblock', '--iin', held!.iin);
      expect(run.code).toBe(0);
      expect(run.text()).toMatch(new RegExp(`Unblocked ${held!.login} \\(•+\\d{4}\\); .* stays terminated`));
      const [row] = await database.db.query<{ blocked_at: Date | null; blocked_reason: string | null }>(
        'select blocked_at, blocked_reason from applicants where id = $1',
        [held!.id],
      );
      expect(row).toEqual({ blocked_at: null, blocked_reason: null });
      expect(await referralStatus()).toEqual(before);
      expect((await signIn()).status).toBe(200);

      const again = await admin('applicant:unblock', '--login', held!.login);
      expect(again.code).toBe(0);
      expect(again.text()).toContain('was not blocked');
      const details = await database.db.query<{ object_id: string; details: { wasBlocked: boolean } }>(
        `select object_id, details from audit_log where action = 'admin.applicant:unblock' order by id`,
      );
      expect(details.map((d) => [d.object_id, d.details.wasBlocked])).toEqual([
        [held!.id, true],
        [held!.id, false],
      ]);
      expect((await admin('applicant:unblock', '--login', 'nobody')).code).toBe(1);
      expect((await admin('applicant:unblock')).code).toBe(2);
      expect(await audited('admin.applicant:unblock')).toBe(2);
    });

    it('refuses an unknown account and a command line naming none or both', async () => {
      expect((await admin('applicant:block', '--login', 'nobody', '--reason', 'x')).code).toBe(1);
      expect((await admin('applicant:block', '--reason', 'x')).code).toBe(2);
      expect((await admin('applicant:block', '--login', 'p0001', '--iin', '123', '--reason', 'x')).code).toBe(2);
      expect((await admin('applicant:block', '--iin', '123456789012', '--reason', 'x')).code).toBe(2);
    });
  });
});
