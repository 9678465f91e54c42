/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // A user's project, run from the packed tarball by `npm run test:e2e`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/project/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // No test depends on the machine's speed: the limit only ends a test that hangs.
  testTimeout: 600_000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/testing-outdir.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // cdk8s-plus-28 is large; keep one worker per core on the 2-core CI machine.
  maxWorkers: 2,
};
