// @ts-check
const nextJest = require('next/jest.js');

const createJestConfig = nextJest({ dir: './' });

/** @type {import('jest').Config} */
const config = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/__tests__/unit/**/*.test.{ts,tsx}', '<rootDir>/__tests__/integration/**/*.test.{ts,tsx}'],
  moduleNameMapper: {
    '^server-only$': '<rootDir>/__tests__/helpers/empty-module.ts',
    '^@/(.*)$': '<rootDir>/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/setup.ts'],
  // Integration tests open a database each; two workers match this machine's two cores.
  maxWorkers: 2,
  testTimeout: 60_000,
};

/** ESM-only packages (better-auth and what it imports, oidc-provider) that jest must transform to load. */
const ESM_PACKAGES = [
  'better-auth',
  '@better-auth',
  'better-call',
  '@better-fetch',
  '@noble',
  'jose',
  'rou3',
  'nanostores',
  'oidc-provider',
];

// next/jest only lets a config add to transformIgnorePatterns, so they are replaced after it has built the config.
module.exports = async () => {
  const built = await createJestConfig(config)();
  built.transformIgnorePatterns = [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`, '^.+\\.module\\.(css|sass|scss)$'];
  return built;
};
