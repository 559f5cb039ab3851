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
