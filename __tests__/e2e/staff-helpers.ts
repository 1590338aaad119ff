import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { simpleParser, type AddressObject } from 'mailparser';
import { mailDir, mailFiles } from './helpers';
import type { Role } from './staff-accounts';

export { DISABLED_STAFF, IDP_ACCOUNTS, IDP_ORIGIN, STAFF, UNKNOWN_EMAIL, type Role, type StaffAccount } from './staff-accounts';

/** Shared by the staff browser tests: signing in by e-mailed link, the staff routes and the roles they need. */

export const SIGN_IN_SUBJECT = 'Sign in to Provider Intake';
export const USED_LINK_MESSAGE = 'That sign-in link has expired or has already been used. Ask for a new one below.';

/** Staff roles, each allowing everything the one before it allows (lib/auth/roles.ts). */
export const ROLES: readonly Role[] = ['viewer', 'reviewer', 'admin'];

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * The role every staff route needs, by its route pattern (as under app/, without route groups).
 * staff-access.spec.ts fails when a route under app/staff is in neither this table nor PUBLIC_STAFF_ROUTES,
 * so a new page is covered by adding its line here (e.g. `'/staff/audit': 'admin'`).
 */
export const REQUIRED_ROLE: Record<string, Role> = {
  '/staff': 'viewer',
  '/staff/submissions': 'viewer',
  '/staff/submissions/[id]': 'viewer',
  '/staff/audit': 'admin',
  '/staff/outbox': 'admin',
  '/staff/people': 'admin',
  '/staff/submissions/export': 'reviewer',
  '/staff/exclusions': 'admin',
  '/staff/exclusions/upload': 'admin',
};

/** The only staff routes an anonymous visitor may use: signing in. */
export const PUBLIC_STAFF_ROUTES = ['/staff/sign-in', '/staff/sign-in/link', '/staff/sign-in/sso'] as const;

// ---- sign-in mail -----------------------------------------------------------------------------------

export interface SignInMail {
  file: string;
  subject: string;
  text: string;
  html: string;
  /** The sign-in link, from the (quoted-printable decoded) text part. */
  link: string;
}

async function readSignInMail(file: string, email: string): Promise<SignInMail | undefined> {
  // mailparser decodes the quoted-printable parts (soft line breaks, =3D) before anything is read from them.
  const parsed = await simpleParser(await readFile(path.join(mailDir(), file)));
  const to = ([] as AddressObject[])
    .concat(parsed.to ?? [])
    .flatMap((address) => address.value.map((a) => (a.address ?? '').toLowerCase()));
  if (!to.includes(email.toLowerCase()) || parsed.subject !== SIGN_IN_SUBJECT) return undefined;
  const text = parsed.text ?? '';
  const link = text.match(/https?:\/\/[^\s<>"]+\/staff\/sign-in\/link\?token=[^\s<>")\]]+/)?.[0] ?? '';
  return { file, subject: parsed.subject, text, html: typeof parsed.html === 'string' ? parsed.html : '', link };
}

/** Every sign-in mail to this address, oldest first (the files are named by the time they were written). */
export async function signInMailsTo(email: string): Promise<SignInMail[]> {
  const mails = await Promise.all((await mailFiles()).map((file) => readSignInMail(file, email)));
  return mails.filter((mail): mail is SignInMail => mail !== undefined);
}

/** Polls (up to 20 s) for a sign-in mail to this address that is not among `before`, and returns the newest. */
export async function waitForSignInMail(email: string, before: ReadonlySet<string>): Promise<SignInMail> {
  let found: SignInMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await signInMailsTo(email)).filter((mail) => !before.has(mail.file)).pop();
        return found?.file;
      },
      { message: `a new "${SIGN_IN_SUBJECT}" mail to ${email} in ${mailDir()}`, timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBeTruthy();
  expect(found!.link, `the sign-in link in ${found!.file}`).not.toBe('');
  return found!;
}

// ---- the sign-in page -------------------------------------------------------------------------------

export function emailField(page: Page) {
  return page.getByLabel('E-mail');
}

export function sentNotice(page: Page) {
  return page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Check your e-mail' }) });
}

/** Asks for a sign-in link and waits for the page's answer (the same whether or not the address has an account). */
export async function requestSignInLink(page: Page, email: string) {
  await page.goto('/staff/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await emailField(page).fill(email);
  await page.getByRole('button', { name: 'Send sign-in link' }).click();
  await expect(sentNotice(page)).toBeVisible();
}

/** Opens an e-mailed sign-in link and presses Sign in. Where that leads is up to the caller. */
export async function useSignInLink(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Provider Intake' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in as this staff member the way a person does: the sign-in page, the e-mail, the link, the button.
 * Links are single use, so every test signs in for itself. Returns the link (used up now).
 */
export async function signIn(page: Page, email: string): Promise<string> {
  const before = new Set(await mailFiles());
  await requestSignInLink(page, email);
  const mail = await waitForSignInMail(email, before);
  expect(new URL(mail.link).pathname).toBe('/staff/sign-in/link');
  await useSignInLink(page, mail.link);
  await expect(page).toHaveURL(/\/staff\/submissions$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Submissions' })).toBeVisible();
  return mail.link;
}

export function staffNav(page: Page) {
  return page.getByRole('navigation', { name: 'Staff' });
}

export async function signOut(page: Page) {
  await staffNav(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1$/);
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
}

/** The session cookie better-auth sets (`better-auth.session_token`, with a `__Secure-` prefix over https). */
export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => /(^|\.)session_token$/.test(cookie.name));
}

// ---- single sign-on (the test identity provider of __tests__/e2e/oidc-idp.ts) ---------------------

/** The sign-in page's messages for single sign-on's error redirects (app/staff/sign-in/page.tsx). */
export const SSO_NO_ACCOUNT_MESSAGE = 'Your single sign-on account has no staff account here. Ask a Provider Intake admin to add you.';
export const SSO_DISABLED_MESSAGE = 'Your staff account is disabled. Ask a Provider Intake admin if you need access.';
export const SSO_CANCELLED_MESSAGE =
  'Single sign-on was cancelled or refused, so you are not signed in. Try again, or ask for a sign-in link below.';

export function singleSignOnButton(page: Page) {
  return page.getByRole('button', { name: 'Sign in with single sign-on' });
}

/** The identity provider's login page (on its own origin, IDP_ORIGIN). */
export function identityProviderLogin(page: Page) {
  return page.getByRole('heading', { level: 1, name: 'Sign in to your organisation' });
}

/** Presses the sign-in page's single sign-on button and waits for the identity provider's login page. */
export async function startSingleSignOn(page: Page) {
  await page.goto('/staff/sign-in');
  await singleSignOnButton(page).click();
  await expect(identityProviderLogin(page)).toBeVisible();
}

/** At the identity provider's login page: types the address and presses Sign in. Where that leads is up to the caller. */
export async function logInAtIdentityProvider(page: Page, email: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in by single sign-on as this staff member, the way a person does, and lands on the queue. */
export async function signInBySingleSignOn(page: Page, email: string) {
  await startSingleSignOn(page);
  await logInAtIdentityProvider(page, email);
  await expect(page).toHaveURL(/\/staff\/submissions$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Submissions' })).toBeVisible();
}

/** The Details column of the audit log's rows (admins only), newest first, for one action by one person. */
export async function auditDetails(page: Page, action: string, actor: string): Promise<string[]> {
  await page.goto(`/staff/audit?${new URLSearchParams({ action, actor })}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  return page.locator('table tbody tr td:nth-child(5)').allTextContents();
}

// ---- the queue --------------------------------------------------------------------------------------

export function queueTable(page: Page) {
  return page.getByRole('table', { name: 'Submissions, newest first' });
}

/** The references in the queue, top to bottom. */
export async function queueReferences(page: Page): Promise<string[]> {
  return queueTable(page).locator('tbody tr td:first-child').allTextContents();
}

/** Opens the queue filtered to one reference and returns the submission's id (from its link). */
export async function submissionIdOf(page: Page, reference: string): Promise<string> {
  await page.goto(`/staff/submissions?q=${encodeURIComponent(reference)}`);
  const link = queueTable(page).getByRole('link', { name: reference, exact: true });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  const id = href?.match(/^\/staff\/submissions\/([0-9a-f-]{36})$/)?.[1];
  expect(id, `the id in ${href}`).toBeTruthy();
  return id!;
}
