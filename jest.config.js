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

module.exports = createJestConfig(config);
