// Two projects: `unit` (everything under test/ but test/kafka/) and `kafka` (the integration tests against a
// real broker; its global setup starts one with scripts/kafka.mjs, or uses KAFKA_BROKERS). Run one with
// `npx jest --selectProjects unit` or `--selectProjects kafka`.
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/scripts/summary-reporter.js'],
  // Jest takes testTimeout from here only (a project's own is ignored): the kafka project raises it to 120 s
  // in test/kafka/jest-timeout.ts.
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/kafka/'],
    },
    {
      ...shared,
      displayName: 'kafka',
      roots: ['<rootDir>/test/kafka'],
      testMatch: ['**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/kafka/jest-timeout.ts'],
      globalSetup: '<rootDir>/test/kafka/global-setup.mjs',
      globalTeardown: '<rootDir>/test/kafka/global-teardown.mjs',
      runner: '<rootDir>/test/kafka/one-worker-runner.cjs',
    },
  ],
};
