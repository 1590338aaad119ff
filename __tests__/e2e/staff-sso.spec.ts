import { expect, test, type Page } from '@playwright/test';
import {
  DISABLED_STAFF,
  IDP_ACCOUNTS,
  IDP_ORIGIN,
  SSO_CANCELLED_MESSAGE,
  SSO_DISABLED_MESSAGE,
  SSO_NO_ACCOUNT_MESSAGE,
  STAFF,
  UNKNOWN_EMAIL,
  auditDetails,
  identityProviderLogin,
  logInAtIdentityProvider,
  sessionCookie,
  signIn,
  signInBySingleSignOn,
  signOut,
  singleSignOnButton,
  staffNav,
  startSingleSignOn,
} from './staff-helpers';

/**
 * Single sign-on in the browser, against the real OpenID Connect provider playwright.config.ts starts on
 * 127.0.0.1:3201 (IDP_ORIGIN, __tests__/e2e/oidc-idp.ts): its login page is typed into like a person would, and every
 * redirect between it and the app is the browser's own. Starting is a plain form post, so it all works without
 * JavaScript too (both projects).
 */

/** After a refusal: back on the sign-in page with this error code and message, signed out, free to try again. */
async function expectRefused(page: Page, baseURL: string | undefined, error: string, message: string) {
  await expect(page).toHaveURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === '/staff/sign-in');
  expect(new URL(page.url()).searchParams.get('error')).toBe(error);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(message);
  await expect(page).toHaveTitle('Error: Staff sign-in – Provider Intake');
  await expect(singleSignOnButton(page)).toBeVisible();
  expect(await sessionCookie(page), 'no session').toBeUndefined();
  await page.goto('/staff/submissions');
  await expect(page).toHaveURL(/\/staff\/sign-in$/);
}

test.describe('staff single sign-on (OpenID Connect)', () => {
  test('a staff member signs in at the identity provider and lands on the queue under the name on file; the audit log says "via: single sign-on"', async ({
    page,
    baseURL,
  }) => {
    const admin = STAFF.admin;
    // The identity provider knows the admin by another name: the app keeps the one the admin account was given.
    expect(Object.values(IDP_ACCOUNTS).find((account) => account.email === admin.email)?.name).not.toBe(admin.name);
    // A sign-in by link first, so that the newest sign-in in the audit log is "via: e-mail link" until this one.
    await signIn(page, admin.email);
    expect((await auditDetails(page, 'sign_in', admin.email))[0]).toBe('via: e-mail link');
    await signOut(page);

    await startSingleSignOn(page);
    const login = new URL(page.url());
    expect(login.origin).toBe(IDP_ORIGIN);
    expect(login.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    await expect(page).toHaveTitle('Sign in – Test identity provider');
    await expect(page.getByText('signing you in to provider-intake-e2e')).toBeVisible();
    await logInAtIdentityProvider(page, admin.email);

    await expect(page).toHaveURL(`${baseURL}/staff/submissions`);
    await expect(page.getByRole('heading', { level: 1, name: 'Submissions' })).toBeVisible();
    await expect(staffNav(page)).toContainText(`${admin.name} (admin)`);
    const cookie = await sessionCookie(page);
    expect(cookie, 'the session cookie').toBeDefined();
    expect(cookie!.httpOnly, 'HttpOnly').toBe(true);
    expect(cookie!.sameSite, 'SameSite').toBe('Lax');

    expect((await auditDetails(page, 'sign_in', admin.email))[0]).toBe('via: single sign-on');

    // Signing out ends the app's session (the identity provider's own session is its business).
    await signOut(page);
    expect(await sessionCookie(page)).toBeUndefined();
    await page.goto('/staff/submissions');
    await expect(page).toHaveURL(/\/staff\/sign-in$/);
  });

  test('a reviewer signs in by single sign-on with their role', async ({ page }) => {
    const reviewer = STAFF.reviewer;
    await signInBySingleSignOn(page, reviewer.email);
    await expect(staffNav(page)).toContainText(`${reviewer.name} (reviewer)`);
    // A reviewer is not an admin: the audit log stays closed.
    const response = await page.goto('/staff/audit');
    expect(response?.status()).toBe(403);
  });

  test('an address the identity provider knows but the app has no account for is refused with the sign-in page’s message', async ({
    page,
    baseURL,
  }) => {
    await startSingleSignOn(page);
    await logInAtIdentityProvider(page, UNKNOWN_EMAIL);
    await expectRefused(page, baseURL, 'signup_disabled', SSO_NO_ACCOUNT_MESSAGE);
  });

  test('a disabled account is refused with the sign-in page’s message, and the refusal is in the audit log', async ({ page, baseURL }) => {
    const admin = STAFF.admin;
    // The details in any order (jsonb keeps its keys in its own order).
    const refusals = async () =>
      (await auditDetails(page, 'sign_in_refused', DISABLED_STAFF.email)).filter(
        (details) => details.split('; ').sort().join('; ') === 'reason: disabled; via: single sign-on',
      );
    await signIn(page, admin.email);
    const before = (await refusals()).length;
    await signOut(page);

    await startSingleSignOn(page);
    await logInAtIdentityProvider(page, DISABLED_STAFF.email);
    await expectRefused(page, baseURL, 'unable_to_create_session', SSO_DISABLED_MESSAGE);

    await signIn(page, admin.email);
    expect(await refusals()).toHaveLength(before + 1);
  });

  test('cancelling at the identity provider comes back to the sign-in page with a message, signed out', async ({ page, baseURL }) => {
    await startSingleSignOn(page);
    // An address the identity provider does not know: its page says so, showing what was typed as text.
    const typed = '<b>nobody</b>@elsewhere.test';
    await logInAtIdentityProvider(page, typed);
    await expect(page.getByRole('alert')).toHaveText(`No account here has the address ${typed}.`);
    await expect(page.locator('b')).toHaveCount(0);
    await expect(page.getByLabel('E-mail')).toHaveValue(typed);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await expectRefused(page, baseURL, 'access_denied', SSO_CANCELLED_MESSAGE);
  });

  test('after a refusal, single sign-on as a staff member works in the same browser', async ({ page }) => {
    await startSingleSignOn(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(SSO_CANCELLED_MESSAGE);

    await singleSignOnButton(page).click();
    await expect(identityProviderLogin(page)).toBeVisible();
    await logInAtIdentityProvider(page, STAFF.viewer.email);
    await expect(page).toHaveURL(/\/staff\/submissions$/);
    await expect(staffNav(page)).toContainText(`${STAFF.viewer.name} (viewer)`);
  });
});
