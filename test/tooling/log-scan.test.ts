import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { judgeLogScan, scanLogDir, TOO_GENERIC } from '../support/log-scan.js';

/**
 * The scan `npm test` ends with (issue 17, point 3): a run directory with a step's server logs and
 * the secrets the tests recorded, as test/support/test-logging.ts writes them.
 */
describe('the scan of a run’s logs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-log-scan-'));
    mkdirSync(join(dir, 'integration'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = (n: number) =>
    JSON.stringify({
      level: 30,
      time: 1796523494447 + n,
      reqId: `req-${n}`,
      req: { method: 'GET', url: '/api/health' },
    });
  const writeLog = (file: string, lines: string[]) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), lines.join('\n') + '\n');
  };
  const recordSecrets = (entries: { kind: string; value: string }[]) =>
    writeFileSync(
      join(dir, 'integration', 'secrets-100.ndjson'),
      entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n',
    );
  const cleanRun = () => Array.from({ length: 50 }, (_, n) => request(n));
  const seededIin = '150515650123';

  it('passes a clean run that wrote enough lines, with ids, times and numbers that only look like data', () => {
    recordSecrets([
      { kind: 'iin', value: seededIin },
      { kind: 'iin', value: '000000000000' },
      { kind: 'iin', value: '000000000010' },
      { kind: 'name', value: 'Жумабаева Айгерим Серикқызы' },
    ]);
    writeLog('integration/server-100-1.ndjson', [
      ...cleanRun(),
      JSON.stringify({ msg: 'pulled', id: '0191d2a0-0000-7000-8000-120315650456', ms: 1796523494447 }),
      JSON.stringify({ msg: 'checkpoint', seq: '1205156501234', hash: 'ab120515650123cd' }),
      // A recorded value of digits inside a longer run of digits is another number: a search for twelve
      // zeros recorded as an IIN, then a response time of 6.510000000000008 ms; the seeded IIN inside a longer number.
      JSON.stringify({ msg: 'request completed', responseTime: 6.510000000000008, n: `9${seededIin}7` }),
      // A recorded IIN made from a counter as a fuzzed UUID's last group, in a URL: an id, not data.
      JSON.stringify({
        msg: 'incoming request',
        url: '/api/parent/referrals/9fab45d5-001c-1000-8000-000000000010/refuse',
      }),
    ]);
    const scan = scanLogDir(dir);
    expect(scan).toMatchObject({ files: 1, lines: 54, linesByStep: { integration: 54 }, findings: [] });
    expect(judgeLogScan(scan, { integration: 50 })).toEqual([]);
  });

  it('fails a run with a line that holds a seeded IIN, naming the file and line and masking the value', () => {
    recordSecrets([{ kind: 'iin', value: seededIin }]);
    writeLog('integration/server-100-1.ndjson', [
      ...cleanRun(),
      JSON.stringify({ level: 50, err: { message: `failed with parameters ["Дана",${seededIin}]` } }),
    ]);
    const problems = judgeLogScan(scanLogDir(dir), { integration: 50 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^integration\/server-100-1\.ndjson:51: iin 15…\(12\) in: \{"level":50/);
    expect(problems[0]).toContain('Дана\\",«iin»]');
    expect(problems.join('\n')).not.toContain(seededIin);
  });

  it('finds what it was not told about by its shape: an IIN, a phone, a token', () => {
    writeLog('e2e/process-7-1.ndjson', [
      ...cleanRun(),
      JSON.stringify({ msg: 'sign-in', login: '190515601233' }),
      JSON.stringify({ msg: 'call +7 (705) 123-45-67' }),
      JSON.stringify({ authorization: 'Bearer Xq3v9R2kLm8pT4wZ1yB6nC0dF5gH7jK2sA9eU3iO4lP' }),
    ]);
    const { findings } = scanLogDir(dir);
    expect(findings.map(({ kind, file, line }) => ({ kind, file, line }))).toEqual([
      { kind: 'iin-like', file: 'e2e/process-7-1.ndjson', line: 51 },
      { kind: 'phone-like', file: 'e2e/process-7-1.ndjson', line: 52 },
      { kind: 'token-like', file: 'e2e/process-7-1.ndjson', line: 53 },
    ]);
  });

  it('finds the seed’s passwords and every recorded value at once, anywhere in a line', () => {
    recordSecrets([
      { kind: 'name', value: 'Ахметова Дана' },
      { kind: 'password', value: 'pw-secret-777' },
      { kind: 'login', value: 'privacy-parent' },
    ]);
    writeLog('integration/server-100-2.ndjson', [
      JSON.stringify({ msg: 'Ахметова Дана signed in as privacy-parent' }),
      JSON.stringify({ msg: 'checked balapan-head and pw-secret-777' }),
    ]);
    const kinds = scanLogDir(dir).findings.map(({ kind, line }) => `${line}:${kind}`);
    expect(kinds.sort()).toEqual(['1:login', '1:name', '2:password', '2:password']);
  });

  it('does not look for a recorded value that is a word of the server’s routes, and still finds the others', () => {
    expect(TOO_GENERIC.has('reports')).toBe(true);
    expect(TOO_GENERIC.has('department')).toBe(true);
    recordSecrets([
      { kind: 'login', value: 'reports' },
      { kind: 'login', value: 'city-analyst-7' },
    ]);
    writeLog('integration/server-100-3.ndjson', [
      JSON.stringify({ req: { method: 'GET', url: '/api/department/reports/queue' }, msg: 'incoming request' }),
      JSON.stringify({ msg: 'signed in as city-analyst-7' }),
    ]);
    const kinds = scanLogDir(dir).findings.map(({ kind, line }) => `${line}:${kind}`);
    expect(kinds).toEqual(['2:login']);
  });

  it('fails a run in which a step wrote fewer lines than its floor, however clean', () => {
    writeLog('integration/server-100-1.ndjson', cleanRun());
    writeLog('e2e/server-200-1.ndjson', cleanRun().slice(0, 5));
    expect(judgeLogScan(scanLogDir(dir), { integration: 50, e2e: 10, conformance: 1 })).toEqual([
      'the e2e step wrote 5 log lines, fewer than the 10 it writes at trace',
      'the conformance step wrote 0 log lines, fewer than the 1 it writes at trace',
    ]);
  });
});
