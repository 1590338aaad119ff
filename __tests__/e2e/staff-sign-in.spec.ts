import { expect, test } from '@playwright/test';
import { isJs, mailFiles, waitForOutboxIdle } from './helpers';
import {
  DISABLED_STAFF,
  SIGN_IN_SUBJECT,
  STAFF,
  UNKNOWN_EMAIL,
  USED_LINK_MESSAGE,
  emailField,
  requestSignInLink,
  sentNotice,
  sessionCookie,
  signIn,
  signInMailsTo,
  signOut,
  staffNav,
  useSignInLink,
  waitForSignInMail,
} from './staff-helpers';

test.describe('staff sign-in', () => {
  test('sign in by e-mailed link, then sign out: the session cookie is HttpOnly and SameSite=Lax, and ends with the session', async ({
    page,
    playwright,
    baseURL,
  }) => {
    const viewer = STAFF.viewer;
    await signIn(page, viewer.email);
    await expect(staffNav(page)).toContainText(`${viewer.name} (viewer)`);

    const cookie = await sessionCookie(page);
    expect(cookie, 'the session cookie').toBeDefined();
    expect(cookie!.httpOnly, 'HttpOnly').toBe(true);
    expect(cookie!.sameSite, 'SameSite').toBe('Lax');
    expect(cookie!.path).toBe('/');
    const stolen = `${cookie!.name}=${cookie!.value}`;

    // The cookie alone opens the queue (checked from outside the browser, to compare with after sign-out).
    const outsider = await playwright.request.newContext({ baseURL });
    try {
      const before = await outsider.get('/staff/submissions', { headers: { cookie: stolen }, maxRedirects: 0 });
      expect(before.status()).toBe(200);

      await signOut(page);
      expect(await sessionCookie(page), 'the session cookie after sign-out').toBeUndefined();

      await page.goto('/staff/submissions');
      await expect(page).toHaveURL(/\/staff\/sign-in$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();

      // The session ended on the server, not only in this browser: the old cookie opens nothing.
      const after = await outsider.get('/staff/submissions', { headers: { cookie: stolen }, maxRedirects: 0 });
      expect(after.status()).toBe(307);
      // A cookie whose session is gone: the sign-in page says the session has ended (lib/auth/session.ts).
      expect(after.headers()['location']).toBe('/staff/sign-in?ended=1');
    } finally {
      await outsider.dispose();
    }
  });

  test('an unknown address gets the same answer and no mail', async ({ page, request }) => {
    const known = STAFF.reviewer.email;
    const before = new Set(await mailFiles());

    await requestSignInLink(page, known);
    const knownAnswer = (await sentNotice(page).innerText()).replace(known, '<address>');
    await waitForSignInMail(known, before);

    await requestSignInLink(page, UNKNOWN_EMAIL);
    const unknownAnswer = (await sentNotice(page).innerText()).replace(UNKNOWN_EMAIL, '<address>');
    expect(unknownAnswer).toBe(knownAnswer);
    expect(unknownAnswer).toContain('If <address> has a staff account, we have sent it a sign-in link.');

    // The link would be in the outbox before the page answered: once it is empty, no mail is a fact.
    await waitForOutboxIdle(request);
    expect(await signInMailsTo(UNKNOWN_EMAIL)).toEqual([]);
  });

  test('a disabled account gets no sign-in link', async ({ page, request }) => {
    await requestSignInLink(page, DISABLED_STAFF.email);
    await expect(sentNotice(page)).toContainText(`If ${DISABLED_STAFF.email} has a staff account`);
    await waitForOutboxIdle(request);
    expect(await signInMailsTo(DISABLED_STAFF.email)).toEqual([]);
  });

  test('a link works once: used again, it shows the "expired or already used" message', async ({ page }) => {
    const link = await signIn(page, STAFF.viewer.email);
    await signOut(page);

    await useSignInLink(page, link);
    await expect(page).toHaveURL(/\/staff\/sign-in\?error=INVALID_TOKEN$/);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(USED_LINK_MESSAGE);
    await expect(page).toHaveTitle('Error: Staff sign-in – Provider Intake');
    expect(await sessionCookie(page), 'no session from a used link').toBeUndefined();

    // Still signed out.
    await page.goto('/staff/submissions');
    await expect(page).toHaveURL(/\/staff\/sign-in$/);
  });

  test('the sign-in mail names the person and links to the confirm page, never to the verification itself', async ({ page }) => {
    const reviewer = STAFF.reviewer;
    const before = new Set(await mailFiles());
    await requestSignInLink(page, reviewer.email);
    const mail = await waitForSignInMail(reviewer.email, before);
    expect(mail.subject).toBe(SIGN_IN_SUBJECT);
    expect(mail.text).toContain(`Hello ${reviewer.name},`);
    const link = new URL(mail.link);
    expect(link.origin).toBe(new URL(page.url()).origin);
    expect(link.pathname).toBe('/staff/sign-in/link');
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(mail.text + mail.html).not.toContain('/api/auth/magic-link/verify');
    // The html part carries the same link.
    expect(mail.html.replace(/&amp;/g, '&')).toContain(mail.link);
  });

  test('the sign-in page offers single sign-on, then the e-mailed link', async ({ page }) => {
    // These tests run with OIDC_* set (playwright.config.ts); without them the page offers the link alone, which
    // __tests__/unit/staff-sign-in-sso.test.tsx proves.
    await page.goto('/staff/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
    const sso = page.locator('form[action="/staff/sign-in/sso"]');
    await expect(sso).toHaveAttribute('method', 'post');
    await expect(sso.getByRole('button', { name: 'Sign in with single sign-on' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Or sign in with a link by e-mail' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send sign-in link' })).toBeVisible();
  });

  test('an invalid e-mail shows the error summary and keeps what was typed', async ({ page, request }, testInfo) => {
    const typed = 'vera.viewer@staff';
    const before = await mailFiles();
    await page.goto('/staff/sign-in');
    await expect(page).toHaveTitle('Staff sign-in – Provider Intake');
    await emailField(page).fill(typed);
    await page.getByRole('button', { name: 'Send sign-in link' }).click();

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await expect(summary).toBeVisible();
    const message = 'Enter an e-mail address in the right format, like name@example.com';
    await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', '#field-email');
    await expect(emailField(page)).toHaveValue(typed);
    await expect(emailField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#field-email-error')).toHaveText(`Error: ${message}`);
    await expect(emailField(page)).toHaveAccessibleDescription(`Your work address. We e-mail you a link to sign in. Error: ${message}`);
    await expect(sentNotice(page)).toHaveCount(0);

    // The summary's link takes the keyboard to the field.
    await summary.getByRole('link', { name: message }).click();
    if (isJs(testInfo)) await expect(emailField(page)).toBeFocused();
    await expect(page).toHaveURL(/#field-email$/);

    // An empty address has its own message.
    await emailField(page).fill('');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await expect(summary.getByRole('link', { name: 'Enter your work e-mail address' })).toBeVisible();
    await expect(emailField(page)).toHaveValue('');

    await waitForOutboxIdle(request);
    expect(await mailFiles()).toEqual(before);
  });

  test('after an invalid e-mail the page title starts with "Error:"', async ({ page }) => {
    await page.goto('/staff/sign-in');
    await expect(page).toHaveTitle('Staff sign-in – Provider Intake');
    await emailField(page).fill('vera.viewer@staff');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page).toHaveTitle('Error: Staff sign-in – Provider Intake', { timeout: 3_000 });
  });
});
