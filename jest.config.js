/**
 * Projects: `unit` (specs beside the code, fast, no listeners), `e2e` (real app, real SQLite,
 * fake upstreams on loopback) and `reliability` (faults, load, crash, fuzzing, auth matrix).
 * `npm test` runs them all.
 */
const moduleNameMapper = {
  '^@qwen-proxy/(contracts|qwen|providers|persistence)$': '<rootDir>/libs/$1/src/index.ts',
};
const transform = {
  // tsconfig.json sets isolatedModules: transpile only; type checking is `npm run lint`'s job, which keeps tests fast.
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps/api,apps/desktop,libs,test/fakes,scripts,bench,extension}/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{e2e,desktop}/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/jest-setup.ts'],
    },
    {
      // Faults, load, crash, fuzzing and the auth matrix against the real app and the fakes.
      displayName: 'reliability',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
      moduleNameMapper,
      transform,
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/jest-setup.ts'],
    },
    {
      // The real coding-agent CLIs (test/agents/package.json) against the real app on the fake.
      displayName: 'agents',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/agents/**/*.agents-spec.ts'],
      moduleNameMapper,
      transform,
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/jest-setup.ts'],
    },
    {
      // Several real instances of the app on one real PostgreSQL (TEST_POSTGRES_URL): team deployment.
      displayName: 'team',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/team/**/*.team-spec.ts'],
      moduleNameMapper,
      transform,
      testTimeout: 120_000,
    },
    {
      // Real headless Chromium (Debian's) driven by playwright-core, e.g. with the extension loaded.
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      moduleNameMapper,
      transform,
      testTimeout: 120_000,
      // Builds the admin console when its sources are newer than dist/admin (the console specs use it).
      globalSetup: '<rootDir>/test/browser/support/global-setup.js',
    },
    {
      // The admin console's unit specs (services, pure logic, components) in jsdom.
      displayName: 'admin',
      rootDir: __dirname,
      preset: 'jest-preset-angular',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/admin/src/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/admin/src/test-setup.ts'],
      transform: {
        '^.+\\.(ts|js|mjs|html|svg)$': ['jest-preset-angular', { tsconfig: '<rootDir>/apps/admin/tsconfig.spec.json', stringifyContentPathRegex: '\\.(html|svg)$' }],
      },
      transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$)'],
      moduleFileExtensions: ['ts', 'html', 'js', 'json', 'mjs'],
    },
  ],
};
