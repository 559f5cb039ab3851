import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as dates from '../../shared/calendar/dates.js';
import * as workingDays from '../../shared/calendar/working-days.js';

/** The one date module and its zone-aware half beside it (issue 19, point 1). */
const HOMES = ['shared/calendar/dates.ts', 'shared/calendar/working-days.ts'];
/** The production code: every layer, and the build's tools. */
const ROOTS = ['shared', 'server', 'renderer', 'electron', 'tools'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const functionNames = [dates, workingDays].flatMap((module) =>
  Object.entries(module)
    .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
    .map(([name]) => name),
);

/**
 * Dates are computed by one module, shared/calendar/dates.ts (and, for the city's zone,
 * working-days.ts beside it). A second copy of one of its functions — a `plusDays` in the demo, a
 * `daysInMonth` in the IIN check — drifts from the first, so defining one again anywhere fails here.
 */
describe('one date module', () => {
  it('knows the module’s functions (the scan below looks for these names)', () => {
    expect(functionNames).toEqual(
      expect.arrayContaining([
        'plusDays',
        'plusMonths',
        'daysBetween',
        'wholeMonthsBetween',
        'cityDate',
        'cityInstant',
      ]),
    );
  });

  it('has no second definition of its functions anywhere in production code', () => {
    const definition = new RegExp(
      `(?:function\\s+|(?:const|let|var)\\s+)(${functionNames.join('|')})\\s*(?:[(<=:])`,
      'g',
    );
    const found = ROOTS.flatMap(sourceFiles)
      .filter((file) => !HOMES.includes(file.split('\\').join('/')))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(definition)].map((m) => `${file}: ${m[1]}`));
    expect(found).toEqual([]);
  });

  it('has no other module of dates: rules/plain-date.ts and demo/dates.ts are gone', () => {
    const dateModules = ROOTS.flatMap(sourceFiles).filter((file) => /(^|[/\\])(plain-)?dates?\.(ts|js)$/.test(file));
    expect(dateModules.sort()).toEqual(['shared/calendar/dates.ts', 'shared/domain/dates.ts']);
  });
});

/** The parent portal's server code: its reads, its answers and its routes. */
const PARENT_PORTAL = [
  ...readdirSync('server/parents').map((name) => `server/parents/${name}`),
  ...readdirSync('server/http/routes')
    .filter((name) => name.startsWith('parent'))
    .map((name) => `server/http/routes/${name}`),
].filter((file) => /\.ts$/.test(file) && !/\.test\.ts$/.test(file));

/** Instants built, compared or written by hand instead of through the date module. */
const adHocInstants: Record<string, RegExp> = {
  'a Date built': /\bnew\s+Date\b/,
  'a Date parsed or read': /\bDate\.(?:parse|now|UTC)\b|\.getTime\(\)|\.valueOf\(\)/,
  'an instant written': /\.to(?:ISO|JSON|UTC|Locale\w*|Date|Time)String\(/,
  'a date cut from an instant': /\.(?:slice|substring|substr)\(\s*0\s*,\s*(?:4|7|10|16|19)\s*\)/,
  'milliseconds of a day or hour': /\b(?:86_?400_?000|3_?600_?000|86_?400|60\s*\*\s*60\s*\*\s*1_?000)\b/,
};

const codeOf = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

describe('the parent portal’s instants', () => {
  it('are read, compared and written only through the date module', () => {
    expect(PARENT_PORTAL).toEqual(
      expect.arrayContaining(['server/parents/portal.ts', 'server/parents/queries.ts', 'server/http/routes/parent.ts']),
    );
    const found = PARENT_PORTAL.flatMap((file) =>
      Object.entries(adHocInstants)
        .filter(([, pattern]) => pattern.test(codeOf(file)))
        .map(([what]) => `${file}: ${what}`),
    );
    expect(found).toEqual([]);
  });

  it('come from the database as the domain’s ISO text: no row of the portal’s reads holds a Date', () => {
    expect(codeOf('server/parents/queries.ts')).not.toMatch(/\bDate\b/);
  });

  it('would be caught written by hand, as the portal once did', () => {
    const before = [
      'serverTime: now.toISOString(),',
      'windowClosesAt: p.windowClosesAt ? new Date(p.windowClosesAt).toISOString() : null,',
      'const closes = Date.parse(p.windowClosesAt);',
      'const day = r.contractDeadline.slice(0, 10);',
      'const left = (deadline.getTime() - now.getTime()) / 86_400_000;',
    ];
    for (const line of before) {
      expect(
        Object.values(adHocInstants).some((pattern) => pattern.test(line)),
        line,
      ).toBe(true);
    }
    expect(Object.values(adHocInstants).some((pattern) => pattern.test('serverTime: formatIsoInstant(now),'))).toBe(
      false,
    );
  });
});
