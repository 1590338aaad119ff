import { expect, test, type Page } from '@playwright/test';
import { isJs } from './helpers';
import { STAFF, signIn } from './staff-helpers';

/**
 * Every answer carries a strict, nonce-based Content-Security-Policy (scripts/server.mjs, lib/request-preparation.ts, lib/security-headers.ts), and with
 * JavaScript on no page breaks it: every script that runs is one the page was allowed to run.
 */

const PUBLIC_PAGES = ['/', '/contract-request', '/clinic-emails', '/clinic-updates', '/status', '/staff/sign-in', '/no-such-page'];
const STAFF_PAGES = ['/staff/submissions', '/staff/audit'];

/** Collects the page's CSP violations: the browser's own events, and its console's "Refused to …" errors. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

function expectStrictPolicy(policy: string | undefined) {
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain('unsafe-eval');
}

test('every public page has a strict policy with a fresh nonce and its own request id, and no script breaks it', async ({
  page,
}, testInfo) => {
  const violations = await watchViolations(page);
  const nonces = new Set<string>();
  const requestIds = new Set<string>();
  // Twice: the second answer of a form page comes from its template (scripts/page-templates.mjs) and must run as well.
  for (const path of [...PUBLIC_PAGES, ...PUBLIC_PAGES]) {
    const response = await page.goto(path);
    const policy = response!.headers()['content-security-policy'];
    expectStrictPolicy(policy);
    nonces.add(/'nonce-([^']+)'/.exec(policy)![1]);
    requestIds.add(response!.headers()['x-request-id']);
    if (isJs(testInfo)) {
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await violations() }).toEqual({ path, violations: [] });
    }
  }
  expect(nonces.size).toBe(2 * PUBLIC_PAGES.length);
  // Each answer names its request for the logs (lib/log.ts): ours, one per request.
  expect([...requestIds].every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  expect(requestIds.size).toBe(2 * PUBLIC_PAGES.length);
});

test('the staff pages too, signed in', async ({ page }, testInfo) => {
  const violations = await watchViolations(page);
  await signIn(page, STAFF.admin.email);
  for (const path of STAFF_PAGES) {
    const response = await page.goto(path);
    expectStrictPolicy(response!.headers()['content-security-policy']);
    if (isJs(testInfo)) {
      await page.waitForLoadState('networkidle');
      expect({ path, violations: await violations() }).toEqual({ path, violations: [] });
    }
  }
});

test('the 413 page for an oversized post carries the same headers', async ({ request }) => {
  const response = await request.post('/status', { data: 'x'.repeat(1_100_000), headers: { 'content-type': 'text/plain' } });
  expect(response.status()).toBe(413);
  expectStrictPolicy(response.headers()['content-security-policy']);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
});
