import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The brief's product.md is not in this repository; docs/rules.md is where its rules are written down
 * and where the code's "Source:" comments point (issue 19, point 6). A reference to product.md
 * anywhere else sends a reader to a file they cannot open, so only docs/rules.md may name it.
 */
const ONLY_HERE = 'docs/rules.md';

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(ts|tsx|js|mjs|cjs|md|json|html|css)$/.test(file) && file !== 'package-lock.json');

describe('the rules’ sources', () => {
  it('are cited through docs/rules.md: no other file names the brief’s product.md', () => {
    const naming = tracked.filter(
      (file) =>
        file !== ONLY_HERE &&
        file !== 'test/layering/rule-sources.test.ts' &&
        /product\.md/.test(readFileSync(file, 'utf8')),
    );
    expect(naming).toEqual([]);
  });

  it('docs/rules.md names the brief and the two ways the code cites it', () => {
    const rules = readFileSync(ONLY_HERE, 'utf8');
    expect(rules).toContain('product.md');
    expect(rules).toContain('Process §n');
    expect(rules).toContain('Rules › section');
  });

  it('every rule module cites its source in docs/rules.md', () => {
    const modules = tracked.filter((file) => /^shared\/rules\/[^/]+\.ts$/.test(file) && !file.endsWith('.test.ts'));
    const citing = modules.filter((file) => readFileSync(file, 'utf8').includes('docs/rules.md'));
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.filter((file) => !citing.includes(file))).toEqual([]);
  });
});
