import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { IDP_ORIGIN, IDP_PORT, SSO_CLIENT, staffSetupCommands } from './__tests__/e2e/staff-accounts';

/**
 * Browser tests against the PRODUCTION build (run `npx next build` first), on 127.0.0.1:3200.
 *
 * Every run gets a fresh DATA_DIR (embedded PGlite database and the .eml files the mailer writes without
 * SMTP_URL). This file is evaluated by the runner and again by each worker, so the directory is created
 * once and handed on through process.env (workers inherit the runner's environment).
 * With E2E_DATABASE_URL set, the server uses that PostgreSQL database instead of PGlite.
 *
 * The staff accounts the tests sign in as (__tests__/e2e/staff-accounts.ts) are created with the staff CLI
 * before the server starts, in the same environment: the embedded database must not be open in two processes.
 *
 * Single sign-on is on: a real OpenID Connect provider (__tests__/e2e/oidc-idp.ts, oidc-provider with a login
 * form) starts first on 127.0.0.1:3201 (IDP_PORT), and the app gets it as OIDC_*. That the sign-in page offers
 * no single sign-on without OIDC_* is proven by jest (__tests__/unit/staff-sign-in-sso.test.tsx).
 */
// E2E_PORT and E2E_IDP_PORT move both servers, so that two checkouts can run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The NPI registry the app asks: a local fake (__tests__/helpers/fake-registry.ts), never the public one.
const REGISTRY_PORT = Number(process.env.E2E_REGISTRY_PORT ?? PORT + 2);
const REGISTRY_URL = `http://127.0.0.1:${REGISTRY_PORT}/api/`;

process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'provider-intake-e2e-'));
const DATA_DIR = process.env.E2E_DATA_DIR;

const database: Record<string, string> = process.env.E2E_DATABASE_URL
  ? {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      DATA_ENCRYPTION_KEY:
        process.env.E2E_DATA_ENCRYPTION_KEY ?? (process.env.E2E_DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64')),
    }
  : // Empty counts as unset (lib/env.ts), and overrides anything inherited from the shell.
    { DATABASE_URL: '', DATA_ENCRYPTION_KEY: '' };

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: '__tests__/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'no-js', use: { ...chromium, javaScriptEnabled: false } },
  ],
  // Started in this order, each once the one before answers; stopped together when the run ends.
  webServer: [
    {
      command: 'exec node node_modules/tsx/dist/cli.mjs __tests__/e2e/fake-registry-server.ts',
      url: `${REGISTRY_URL}?version=2.1&number=1554321012`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { REGISTRY_PORT: String(REGISTRY_PORT) },
    },
    {
      command: 'exec node node_modules/tsx/dist/cli.mjs __tests__/e2e/oidc-idp.ts',
      url: `${IDP_ORIGIN}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { IDP_PORT: String(IDP_PORT), APP_URL: BASE_URL },
    },
    {
      command: [
        ...staffSetupCommands('node node_modules/tsx/dist/cli.mjs scripts/staff.ts'),
        `exec node scripts/server.mjs --port ${PORT} --hostname 127.0.0.1`,
      ].join(' && '),
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000, // the staff CLI runs first (a few seconds per account)
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NODE_ENV: 'production',
        PORT: String(PORT),
        APP_URL: BASE_URL,
        DATA_DIR,
        SMTP_URL: '',
        OUTBOX_WORKER: 'inline',
        OUTBOX_POLL_SECONDS: '1',
        // The tests sign the same people in many times; the limit itself is proven by the jest tests.
        STAFF_SIGN_IN_LINKS_PER_15_MINUTES: '1000',
        // The tests send far more forms and status checks from 127.0.0.1 than a clinic would; the limits themselves
        // are proven by the jest tests (__tests__/integration/rate-limit.test.ts).
        SUBMISSIONS_PER_HOUR: '100000',
        STATUS_LOOKUPS_PER_15_MINUTES: '100000',
        STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES: '100000',
        PUBLIC_MAILS_PER_ADDRESS_PER_HOUR: '100000',
        NPPES_API_URL: REGISTRY_URL,
        NPI_LOOKUPS_PER_15_MINUTES: '100000',
        // Single sign-on through the test identity provider above, whatever the shell says.
        OIDC_ISSUER: IDP_ORIGIN,
        OIDC_CLIENT_ID: SSO_CLIENT.clientId,
        OIDC_CLIENT_SECRET: SSO_CLIENT.clientSecret,
        ...database,
      },
    },
  ],
});
