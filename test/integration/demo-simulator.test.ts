import { localServerUrl, parseSimulatorArgs, runSimulator, SimulatorUsageError } from '../../server/demo/simulator.js';
import { seedDemoCity } from '../../server/demo/seed-city.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';

const NOW = new Date('2026-11-24T05:00:00Z');

describe('the parent simulator', () => {
  let database: TestDatabase;
  let server: DemoServer;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedDemoCity(database.db, { now: () => NOW }, { seed: 5, size: 'small' });
    server = await startDemoServer(database.db);
    server.clock.set(NOW);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('plays parents signing in, claiming, concluding and refusing, one printed line per action, within its bounds', async () => {
    const count = async (status?: string) =>
      (
        await database.db.query<{ n: number }>(
          `select count(*)::int as n from referrals where $1::text is null or status = $1`,
          [status ?? null],
        )
      )[0]!.n;
    const before = await count();
    const lines: string[] = [];
    const report = await runSimulator(
      {
        ...parseSimulatorArgs(['--url', server.url, '--rate', '25', '--duration', '6', '--from', '1']),
        maxActions: 60,
      },
      (line) => lines.push(line),
    );
    expect(report.actions).toBeLessThanOrEqual(60);
    expect(report.signIns).toBeGreaterThan(0);
    expect(report.claims).toBeGreaterThan(0);
    expect(report.claims + report.contracts + report.refusals).toBeGreaterThan(2);
    expect(
      lines.filter((l) =>
        / claimed a seat at .+: referral 2026-\d{6}, contract by \d\d\.\d\d\.\d{4} \d\d:\d\d$/.test(l),
      ),
    ).toHaveLength(report.claims);
    expect(lines.at(-1)).toMatch(/^\d\d:\d\d:\d\d {2}Done: \d+ actions/);
    expect(await count()).toBe(before + report.claims);
    expect(await count('refused')).toBe(report.refusals);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    await runSimulator(
      parseSimulatorArgs(['--url', server.url, '--rate', '1', '--duration', '60']),
      () => undefined,
      controller.signal,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('talks only to this machine and keeps its rate, time and count bounded', () => {
    expect(localServerUrl('http://localhost:8787/parent/')).toBe('http://localhost:8787');
    expect(localServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
    for (const url of ['http://example.com', 'http://10.0.0.5:8787', 'ftp://127.0.0.1', 'http://127.0.0.1.nip.io']) {
      expect(() => localServerUrl(url)).toThrow(SimulatorUsageError);
    }
    expect(parseSimulatorArgs([])).toMatchObject({
      url: 'http://127.0.0.1:8787',
      rate: 2,
      duration: 60,
      maxActions: 120,
    });
    expect(parseSimulatorArgs(['--rate', '50', '--duration', '3600']).maxActions).toBe(10_000);
    for (const args of [
      ['--rate', '0'],
      ['--rate', '51'],
      ['--duration', '0'],
      ['--duration', '3601'],
      ['--parents', '0'],
      ['--bogus'],
    ]) {
      expect(() => parseSimulatorArgs(args)).toThrow(SimulatorUsageError);
    }
  });
});
