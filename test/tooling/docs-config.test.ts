import { readFileSync } from 'node:fs';
import { configFromEnv, configVariables } from '../../server/config.js';
import { productionCollections } from '../../server/replication/registry.js';
import { markdownTable, unquoted } from './markdown-table.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The environment tables the docs publish: README's and the operator's reference. */
const documentedTables = [
  { doc: 'README.md', heading: '## Configuration' },
  { doc: 'docs/operations.md', heading: '## Configuration by environment' },
].map(({ doc, heading }) => ({ doc, rows: () => markdownTable(read(doc), heading, 'variable') }));

describe('the documented configuration', () => {
  const variables = configVariables();

  it.each(documentedTables)('$doc lists exactly the variables server/config.ts reads', ({ rows }) => {
    expect(
      rows()
        .map(([name]) => unquoted(name!))
        .sort(),
    ).toEqual(variables.map((v) => v.name).sort());
  });

  it.each(documentedTables)('$doc gives each variable the default server/config.ts applies', ({ rows }) => {
    const documented = Object.fromEntries(rows().map(([name, value]) => [unquoted(name!), value]));
    for (const variable of variables) {
      expect(documented[variable.name], variable.name).toBe(variable.default ?? '—');
    }
  });

  it.each(documentedTables)('$doc names every value a variable of a fixed list takes', ({ rows }) => {
    const meaning = Object.fromEntries(rows().map(([name, , text]) => [unquoted(name!), text ?? '']));
    for (const variable of variables.filter((v) => v.values)) {
      for (const value of variable.values!) expect(meaning[variable.name], variable.name).toContain(`\`${value}\``);
    }
  });

  it('takes every documented value and refuses any other', () => {
    for (const variable of variables.filter((v) => v.values)) {
      for (const value of variable.values!) expect(() => configFromEnv({ [variable.name]: value })).not.toThrow();
      expect(() => configFromEnv({ [variable.name]: 'on-ish' })).toThrow(`Invalid configuration: ${variable.name}`);
    }
  });

  it('applies the documented defaults to an empty environment', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePoolSize: 20,
      heartbeatMs: 15_000,
      logLevel: 'info',
      logFormat: 'json',
      schedulerIntervalMs: 60_000,
      trustProxy: false,
      seedDemo: 'city',
      demoSeed: 1,
      demoClock: true,
    });
  });

  it('runs the demo clock while demo seeding is on, the real clock when either is off', () => {
    expect(configFromEnv({ SEED_DEMO: 'kindergarten' }).demoClock).toBe(true);
    expect(configFromEnv({ SEED_DEMO: 'off' }).demoClock).toBe(false);
    expect(configFromEnv({ DEMO_CLOCK: 'off' }).demoClock).toBe(false);
    expect(configFromEnv({ SEED_DEMO: 'off', DEMO_CLOCK: 'on' }).demoClock).toBe(true);
  });
});

describe('the documented replicated collections', () => {
  const rows = () => markdownTable(read('docs/architecture.md'), '## Replication', 'collection');

  it('docs/architecture.md lists exactly the collections the server replicates, with their tables', () => {
    expect(rows().map(([name, table]) => [unquoted(name!), unquoted(table!)])).toEqual(
      [...productionCollections.values()].map((spec) => [spec.policy.name, spec.policy.table]),
    );
  });

  it('docs/architecture.md marks as read only exactly the collections that take no push', () => {
    for (const [name, , , push] of rows()) {
      expect(push === 'read only', name).toBe(!productionCollections.get(unquoted(name!))?.push);
    }
  });
});
