import { defineConfig } from 'vitest/config';

// One run, four kinds of test. Integration and end-to-end tests share one local runtime
// (DynamoDB Local + the API served from cdk.out), started once by the global setup.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
