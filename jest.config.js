/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The server suite needs a real kube-apiserver: `npm run test:server` (jest.server.config.js).
  // Its unit tests (test/server/unit/: plain data, no server) run here too. test/e2e/project/ is a
  // user's project, run from the packed tarball by `npm run test:e2e`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/server/(?!unit/)', '<rootDir>/test/e2e/project/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    // @marcbachmann/cel-js ships ES modules only; Node >= 20.19 require()s them, jest's module system needs them as CommonJS.
    '/node_modules/@marcbachmann/cel-js/.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  // No test depends on the machine's speed: the limit only ends a test that hangs.
  testTimeout: 600_000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/testing-outdir.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // cdk8s-plus-28 is large; keep one worker per core on the 2-core CI machine.
  maxWorkers: 2,
};
