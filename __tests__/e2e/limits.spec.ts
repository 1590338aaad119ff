import { expect, test } from '@playwright/test';
import { applicant, fillForm, isJs, openForm } from './helpers';

const TOO_BIG = 1_500_000;

test.describe('request size limit', () => {
  test('a post over 1 MB gets a readable 413, not a 500', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'an HTTP-level check: once is enough');
    const response = await page.request.post('/contract-request', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: `notes=${'x'.repeat(TOO_BIG)}`,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
    expect(response.headers()['content-type']).toMatch(/^text\/html/);
    const body = await response.text();
    expect(body).toContain('That was too much data to send');
    expect(body).toContain('never more than 1 MB');
  });

  test('a form post over 1 MB shows the "too much data" page in the browser', async ({ page }, testInfo) => {
    test.skip(isJs(testInfo), 'without JavaScript the browser itself posts the form');
    await openForm(page, false);
    await fillForm(page, false, applicant());
    // Longer than the form allows, and over the 1 MB a post may be.
    await page.getByLabel('Anything else we should know (optional)').fill('x'.repeat(TOO_BIG));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/contract-request'),
      page.getByRole('button', { name: 'Submit request' }).click(),
    ]);
    expect(response.status()).toBe(413);
    await expect(page.getByRole('heading', { level: 1, name: 'That was too much data to send' })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: too much data/);
  });
});

test('pages are sent with headers that stop framing, MIME sniffing and referrer leaks', async ({ request }, testInfo) => {
  test.skip(!isJs(testInfo), 'an HTTP-level check: once is enough');
  const response = await request.get('/contract-request');
  expect(response.headers()).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  expect(response.headers()['x-powered-by']).toBeUndefined();
});
