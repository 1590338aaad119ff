import { POST as startSingleSignOn } from '@/app/staff/sign-in/sso/route';
import { isSingleSignOnConfigured } from '@/lib/auth/auth';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { useTestDatabase } from '../helpers/database';
import { followToApp, startTestIdentityProvider, type TestIdentityProvider } from '../helpers/oidc-provider';
import { addStaff, APP_URL, auditRows, authRequest, cookieHeaderOf, redirectTarget, sessionCookieOf, useFreshAuth } from '../helpers/staff';

/**
 * Single sign-on over OpenID Connect against a real identity provider (oidc-provider) in this process, through
 * the application's own start route and better-auth's real callback. Its own file: OIDC_* must be set before
 * lib/env reads the configuration.
 */

const CLIENT = { clientId: 'provider-intake', clientSecret: 'test-client-secret', redirectUri: `${APP_URL}/api/auth/callback/sso` };

let idp: TestIdentityProvider;
// Started before the database opens: OIDC_ISSUER is its address.
beforeAll(async () => {
  idp = await startTestIdentityProvider({
    accounts: {
      'sub-olga': { email: 'olga.sso@careoregon.test', email_verified: true, name: 'Olga at the IdP' },
      'sub-pat': { email: 'Pat.Sso@CareOregon.test', email_verified: true, name: 'Pat' },
      'sub-quinn': { email: 'quinn.disabled@careoregon.test', email_verified: true, name: 'Quinn' },
      'sub-stranger': { email: 'stranger@careoregon.test', email_verified: true, name: 'Stranger' },
      // A self-service account at the provider that claims an admin's address without having proven it.
      'sub-impostor': { email: 'ada.admin@careoregon.test', email_verified: false, name: 'Not Ada' },
      'sub-ada': { email: 'ada.admin@careoregon.test', email_verified: true, name: 'Ada' },
      // A second identity at the provider with the same, verified, address as Ada's linked one.
      'sub-ada-again': { email: 'Ada.Admin@careoregon.test', email_verified: true, name: 'Ada again' },
      // Verified, with a staff account, but outside OIDC_ALLOWED_DOMAINS.
      'sub-partner': { email: 'pia@partner.example', email_verified: true, name: 'Pia' },
    },
    client: CLIENT,
  });
});
const database = useTestDatabase({
  env: () => ({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT.clientId,
    OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'CareOregon.test, staff.careoregon.test',
  }),
});
useFreshAuth(database);
let prisma: PrismaClient;
beforeAll(() => {
  prisma = database.prisma;
});
// Runs after the database has closed: jest runs afterAll hooks in the order they were added.
afterAll(async () => {
  await idp?.close();
});

/** Presses "Sign in with single sign-on": the application's route answers with the provider's address and state cookies. */
async function start(): Promise<{ authorizeUrl: URL; cookie: string }> {
  const response = await startSingleSignOn(new Request(`${APP_URL}/staff/sign-in/sso`, { method: 'POST', headers: { origin: APP_URL } }));
  expect(response.status).toBe(303);
  return { authorizeUrl: new URL(response.headers.get('location')!), cookie: cookieHeaderOf(response) };
}

/** The whole round trip for the provider's account `accountId`; returns better-auth's answer to the callback. */
async function signInAs(accountId: string, options: { withStateCookie?: boolean } = {}) {
  idp.nextLogin = accountId;
  const { authorizeUrl, cookie } = await start();
  const callback = await followToApp(authorizeUrl.toString(), APP_URL);
  expect(callback.pathname).toBe('/api/auth/callback/sso');
  return authRequest(`${callback.pathname}${callback.search}`, { cookie: options.withStateCookie === false ? undefined : cookie });
}

test('single sign-on is configured from OIDC_*, and the start route sends the browser to the provider with PKCE and state', async () => {
  expect(isSingleSignOnConfigured()).toBe(true);
  const { authorizeUrl, cookie } = await start();
  expect(authorizeUrl.origin).toBe(idp.issuer);
  expect(authorizeUrl.searchParams.get('client_id')).toBe(CLIENT.clientId);
  expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(CLIENT.redirectUri);
  expect(authorizeUrl.searchParams.get('response_type')).toBe('code');
  expect(authorizeUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizeUrl.searchParams.get('code_challenge')).toBeTruthy();
  expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
  expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
  expect(cookie).toMatch(/__Secure-better-auth\.state=/);
});

test('an existing staff member signs in: 302 to the queue, a session, a staff_account linked to them, audit sign_in via single sign-on', async () => {
  const staff = await addStaff(prisma, { email: 'olga.sso@careoregon.test', name: 'Olga Staff', role: 'reviewer' });
  const response = await signInAs('sub-olga');

  expect(response.status).toBe(302);
  expect(redirectTarget(response).toString()).toBe(`${APP_URL}/staff/submissions`);
  const cookie = sessionCookieOf(response);
  expect(cookie).toBeDefined();
  expect(cookie!.attributes.has('httponly')).toBe(true);
  expect(cookie!.attributes.has('secure')).toBe(true);

  const accounts = await prisma.staffAccount.findMany({ where: { userId: staff.id } });
  expect(accounts).toHaveLength(1);
  expect(accounts[0]).toMatchObject({ providerId: 'sso', accountId: 'sub-olga', password: null });
  const sessions = await prisma.staffSession.findMany({ where: { userId: staff.id } });
  expect(sessions).toHaveLength(1);
  expect(sessions[0].expiresAt.getTime() - sessions[0].createdAt.getTime()).toBeLessThanOrEqual(12 * 3_600_000 + 1_000);

  const signIns = await auditRows(prisma, 'sign_in', staff.id);
  expect(signIns).toHaveLength(1);
  expect(signIns[0]).toMatchObject({ actorEmail: staff.email, details: { via: 'single sign-on' } });

  const session = await authRequest('/api/auth/get-session', { cookie: `${cookie!.name}=${cookie!.value}` });
  expect(await session.json()).toMatchObject({ user: { id: staff.id, email: staff.email, role: 'reviewer' } });
  // The account on file keeps the name the admin gave it.
  expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: staff.id } })).name).toBe('Olga Staff');
});

test('signing in again reuses the linked account; an address in other capitals at the provider still finds the staff member', async () => {
  const staff = await addStaff(prisma, { email: 'pat.sso@careoregon.test', role: 'viewer' });
  for (let round = 0; round < 2; round++) {
    const response = await signInAs('sub-pat');
    expect(redirectTarget(response).toString()).toBe(`${APP_URL}/staff/submissions`);
    expect(sessionCookieOf(response)).toBeDefined();
  }
  expect(await prisma.staffAccount.count({ where: { userId: staff.id } })).toBe(1);
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(2);
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(2);
});

test('an address with no staff account is refused: back to the sign-in page with signup_disabled, nothing created', async () => {
  const [users, sessions, accounts] = await Promise.all([
    prisma.staffUser.count(),
    prisma.staffSession.count(),
    prisma.staffAccount.count(),
  ]);
  const response = await signInAs('sub-stranger');

  const target = redirectTarget(response);
  expect(target.origin + target.pathname).toBe(`${APP_URL}/staff/sign-in`);
  expect(target.searchParams.get('error')).toBe('signup_disabled');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffUser.findUnique({ where: { email: 'stranger@careoregon.test' } })).toBeNull();
  expect(await prisma.staffUser.count()).toBe(users);
  expect(await prisma.staffSession.count()).toBe(sessions);
  expect(await prisma.staffAccount.count()).toBe(accounts);
});

test('a disabled staff member is refused, with audit sign_in_refused via single sign-on', async () => {
  const staff = await addStaff(prisma, { email: 'quinn.disabled@careoregon.test', disabled: true });
  const response = await signInAs('sub-quinn');

  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  // The code the sign-in page turns into "Your staff account is disabled" (app/staff/sign-in/page.tsx).
  expect(target.searchParams.get('error')).toBe('unable_to_create_session');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  const refused = await auditRows(prisma, 'sign_in_refused', staff.id);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ actorEmail: staff.email, details: { reason: 'disabled', via: 'single sign-on' } });
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(0);
});

test('a callback without the browser’s state cookie signs nobody in', async () => {
  // Olga is an active staff member whom the same round trip with the cookie signs in (the test above).
  if (!(await prisma.staffUser.findUnique({ where: { email: 'olga.sso@careoregon.test' } })))
    await addStaff(prisma, { email: 'olga.sso@careoregon.test' });
  const sessions = await prisma.staffSession.count();
  const response = await signInAs('sub-olga', { withStateCookie: false });
  expect(redirectTarget(response).pathname).toBe('/staff/sign-in');
  expect(redirectTarget(response).searchParams.get('error')).toBeTruthy();
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count()).toBe(sessions);
});

test('cancelling at the provider comes back to the sign-in page with the provider’s error', async () => {
  const sessions = await prisma.staffSession.count();
  const response = await signInAs('no-such-account');
  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('access_denied');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count()).toBe(sessions);
});

test('an unverified e-mail claim that matches an admin’s address opens nothing: no link, no session', async () => {
  const admin = await addStaff(prisma, { email: 'ada.admin@careoregon.test', name: 'Ada Admin', role: 'admin' });
  const response = await signInAs('sub-impostor');

  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('account_not_linked');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffAccount.count({ where: { userId: admin.id } })).toBe(0);
  expect(await prisma.staffSession.count({ where: { userId: admin.id } })).toBe(0);
  expect(await auditRows(prisma, 'sign_in', admin.id)).toHaveLength(0);
});

test('once linked, the account is bound to that identity: another identity with the same verified address is refused', async () => {
  const admin = await prisma.staffUser.findUniqueOrThrow({ where: { email: 'ada.admin@careoregon.test' } });
  const first = await signInAs('sub-ada');
  expect(redirectTarget(first).toString()).toBe(`${APP_URL}/staff/submissions`);
  expect(await prisma.staffAccount.findMany({ where: { userId: admin.id }, select: { providerId: true, accountId: true } })).toEqual([
    { providerId: 'sso', accountId: 'sub-ada' },
  ]);

  const sessions = await prisma.staffSession.count({ where: { userId: admin.id } });
  const other = await signInAs('sub-ada-again');
  const target = redirectTarget(other);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('unable_to_link_account');
  expect(sessionCookieOf(other)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: admin.id } })).toBe(sessions);
  expect(await prisma.staffAccount.count({ where: { userId: admin.id } })).toBe(1);
  const refused = await auditRows(prisma, 'sign_in_refused', admin.id);
  expect(refused.map((row) => row.details)).toEqual([
    { reason: 'another single sign-on identity is bound to this account', via: 'single sign-on' },
  ]);

  // The bound identity still signs in.
  expect(redirectTarget(await signInAs('sub-ada')).toString()).toBe(`${APP_URL}/staff/submissions`);
});

test('with OIDC_ALLOWED_DOMAINS, an address outside them is refused even when verified and on file', async () => {
  const partner = await addStaff(prisma, { email: 'pia@partner.example', name: 'Pia Partner' });
  const response = await signInAs('sub-partner');
  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('unable_to_link_account');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffAccount.count({ where: { userId: partner.id } })).toBe(0);
  expect((await auditRows(prisma, 'sign_in_refused', partner.id)).map((row) => row.details)).toEqual([
    { reason: 'address outside OIDC_ALLOWED_DOMAINS', via: 'single sign-on' },
  ]);
});
