import { defineConfig } from 'vitest/config';

/**
 * The suites, run one after another by `npm test` (see README for each one's time budget):
 * unit (pure rules, layering), integration (the server on PGlite and on real PostgreSQL),
 * conformance (RxDB's replication suite against our server), electron (the desktop app, where
 * its binary exists), e2e (the built staff app in Chromium against a running server).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          globals: true,
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.ts',
            'test/layering/**/*.test.ts',
            'test/tooling/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          globals: true,
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/support/undeclared-rejections.ts'],
          // Three files at a time (most of a test waits on PostgreSQL or a child process), each
          // worker on its own PostgreSQL cluster (test/support/global-databases.ts).
          maxWorkers: 3,
          globalSetup: ['test/support/global-databases.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The long run of the intake model on PostgreSQL (`npm run test:model`), not part of `npm test`.
        test: {
          name: 'model',
          globals: true,
          environment: 'node',
          include: ['test/model/**/*.model.test.ts'],
          setupFiles: ['test/support/undeclared-rejections.ts'],
          globalSetup: ['test/support/global-databases.ts'],
          testTimeout: 24 * 3600_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'conformance',
          globals: true,
          environment: 'node',
          include: ['test/conformance/**/*.test.ts'],
          setupFiles: ['test/support/conformance-setup.ts'],
          globalSetup: ['test/support/global-databases.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The desktop app (Playwright _electron.launch on the built out/, skipped by name where the
        // Electron binary is missing) and the Electronegativity check's own tests.
        test: {
          name: 'electron',
          globals: true,
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globals: true,
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/undeclared-rejections.ts'],
          globalSetup: ['test/support/global-databases.ts'],
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
