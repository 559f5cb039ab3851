import { execFileSync } from 'node:child_process';

/**
 * Names that say one thing (issue 19, point 5): "commands" are the writes a replica sends, defined in
 * shared/commands; the server executes them in server/executor; the admin CLI's subcommands are its
 * tasks (server/cli/tasks). App releases are published by server/updates/publish-release.ts, legal
 * orders (number and date) are checked by shared/rules/legal-orders.ts, and demo data lives in
 * server/demo/. A directory or file taking one of the old, ambiguous names again fails here.
 */
const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
const dirs = new Set(
  files.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);

describe('names that say one thing', () => {
  it('only shared/commands is called "commands"', () => {
    expect([...dirs].filter((d) => /(^|\/)commands$/.test(d))).toEqual(['shared/commands']);
  });

  it('the old names are gone: server/commands, server/cli/commands, updates/publish.ts, rules/orders.ts, db/seed.ts', () => {
    const old = [
      /^server\/commands\//,
      /^server\/cli\/commands\//,
      /^server\/updates\/publish\.ts$/,
      /^shared\/rules\/orders\.ts$/,
      /^server\/db\/seed\.ts$/,
    ];
    expect(files.filter((f) => old.some((re) => re.test(f)))).toEqual([]);
  });

  it('the new homes exist', () => {
    for (const f of [
      'server/executor/execute.ts',
      'server/cli/tasks/index.ts',
      'server/updates/publish-release.ts',
      'shared/rules/legal-orders.ts',
      'server/demo/seed-kindergarten.ts',
    ])
      expect(files).toContain(f);
  });
});
