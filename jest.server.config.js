/**
 * The server suite (`npm run test:server`): tests that start a real kube-apiserver and etcd
 * from KUBEBUILDER_ASSETS. Kept apart from `npm test`, which stays offline and self-contained.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/server'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Each file starts its own server (etcd + kube-apiserver, ~2 s, ~300 MB); one file at a time on 2 cores.
  maxWorkers: 1,
  testTimeout: 120_000,
};
