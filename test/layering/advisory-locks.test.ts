import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ADVISORY_LOCKS } from '../../server/db/advisory-locks.js';

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') || path.endsWith('.sql') ? [path] : [];
  });

describe('advisory locks', () => {
  it('gives each job of the server its own lock id', () => {
    const ids = Object.values(ADVISORY_LOCKS);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('takes every advisory lock of the server by a registered name, never by a number written in place', () => {
    const offenders = sources('server').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter(({ text }) => /pg_(try_)?advisory_(xact_)?lock(_shared)?\(\s*\d/.test(text)),
    );
    expect(offenders).toEqual([]);
    const users = sources('server').filter((file) => /ADVISORY_LOCKS\.\w+/.test(readFileSync(file, 'utf8')));
    expect(users.length).toBeGreaterThanOrEqual(Object.keys(ADVISORY_LOCKS).length);
  });
});
