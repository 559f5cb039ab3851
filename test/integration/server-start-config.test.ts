import { writeDemoOffset } from '../../server/demo/demo-clock.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { spawnServerProcess, type ServerProcess } from '../support/server-process.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function serverTime(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.url}/api/health`);
  const body = (await response.json()) as { serverTime: string };
  return Date.parse(body.serverTime);
}

/** `server/main.ts` as an operator starts it: DEMO_CLOCK and LOG_FORMAT as the docs describe them. */
describe('a server process started with the documented switches', () => {
  let database: TestDatabase;
  let demo: ServerProcess;
  let real: ServerProcess;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', 2);
    await writeDemoOffset(database.db, 3 * DAY, new Date());
    const common = { DATABASE_URL: database.url!, SEED_DEMO: 'kindergarten', LOG_LEVEL: 'info', HEARTBEAT_MS: '60000' };
    [demo, real] = await Promise.all([
      spawnServerProcess({ ...common, LOG_FORMAT: 'json' }),
      spawnServerProcess({ ...common, DEMO_CLOCK: 'off', LOG_FORMAT: 'pretty' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([demo?.stop(), real?.stop()]);
    await database?.drop();
  });

  it('runs on the demo clock by default while demo seeding is on, and on the real clock with DEMO_CLOCK=off', async () => {
    expect(Math.abs((await serverTime(demo)) - (Date.now() + 3 * DAY))).toBeLessThan(HOUR);
    expect(Math.abs((await serverTime(real)) - Date.now())).toBeLessThan(HOUR);
  });

  it('writes one JSON object a line with LOG_FORMAT=json, readable lines with LOG_FORMAT=pretty', async () => {
    const logLines = (server: ServerProcess) =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('Server listening at'));
    const [json] = logLines(demo);
    expect(JSON.parse(json!)).toMatchObject({ level: 30, msg: expect.stringContaining('Server listening at') });
    const [pretty] = logLines(real);
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+$/);
    expect(real.output()).not.toMatch(/^\{/m);
  });
});
