import { defineConfig } from 'vitest/config';

/*
 * Three projects (`npm test` runs api + web and browser side by side, in two vitest runs:
 * scripts/test.ts):
 * - api: unit, integration, infra and end-to-end tests; integration and end-to-end tests share
 *   one local runtime (DynamoDB Local + the API served from cdk.out), started by its global setup.
 * - web: the console's pure logic (formatting, problem+json to fields, the config loader).
 * - browser: journeys in headless Chromium against a runtime of their own that serves the built
 *   console with the Binzhou demo loaded (tests/browser/support/global-setup.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          include: ['tests/**/*.test.ts'],
          exclude: [
            'tests/web/**',
            'tests/browser/**',
            // 30,000 donations through the ledger's transactions: longer than the rest of the
            // suite on a 2-core machine, so run apart (`npm run test:scale`).
            ...(process.env.FIC_SCALE ? [] : ['tests/integration/ledger-scale.test.ts']),
          ],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      { test: { name: 'web', include: ['tests/web/**/*.test.ts'] } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/support/global-setup.ts'],
          // A journey is a person's few minutes: three people and axe on every screen take
          // over two minutes when the machine is busy; each step still fails after 45 s.
          testTimeout: 300_000,
          // The first hook of a file may wait for the demo to load (several minutes here).
          hookTimeout: 900_000,
          pool: 'forks',
        },
      },
    ],
  },
});
