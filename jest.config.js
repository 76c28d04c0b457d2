/**
 * Two projects: `unit` (specs beside the code, fast, no listeners) and `e2e` (real app, real
 * SQLite, fake upstreams on loopback). `npm test` runs both.
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
      testMatch: ['<rootDir>/{apps/api,libs,test/fakes,scripts,bench}/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      setupFilesAfterEnv: ['<rootDir>/test/e2e/support/jest-setup.ts'],
    },
  ],
};
