import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One audit writer (issue #19 point 1): every audit_log row the server's code writes goes through
 * server/audit/audit-log.ts. The one other writer is SQL in a migration (`claim_writes`, 0016), named
 * in that module's doc comment; migrations are not scanned.
 */

const auditModule = join('server', 'audit', 'audit-log.ts');
const migrations = join('server', 'db', 'migrations');
const productionRoots = ['server', 'shared', 'electron', 'renderer'];
const writes = /insert\s+into\s+audit_log\b/i;

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === migrations) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs|cjs|sql)$/.test(path) ? [path] : [];
  });

describe('the audit log', () => {
  it('is written by one module of the production code', () => {
    const writers = productionRoots.flatMap(sources).filter((file) => writes.test(readFileSync(file, 'utf8')));
    expect(writers).toEqual([auditModule]);
  });

  it('is recognised where SQL writes it, as in the claim function of migration 0016', () => {
    expect(readFileSync(join(migrations, '0016_claim_writes.sql'), 'utf8')).toMatch(writes);
    expect(readFileSync(auditModule, 'utf8')).toMatch(/claim_writes/);
  });
});
