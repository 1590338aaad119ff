import type { ParsedMail } from 'mailparser';
import { getAuth } from '@/lib/auth/auth';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { useTestDatabase } from '../helpers/database';
import { useMailWorker } from '../helpers/mail-worker';
import {
  addStaff,
  APP_URL,
  auditRows,
  authRequest,
  plantSignInToken,
  redirectTarget,
  requestSignInLink,
  SESSION_COOKIE,
  sessionCookieOf,
  setCookiesOf,
  signInLinkOf,
  verifyLink,
  useFreshAuth,
} from '../helpers/staff';
import { waitUntil } from '../helpers/wait';

/** Staff sign-in by e-mailed link, through better-auth's real handler, real SMTP via the outbox, no mocks. */

const database = useTestDatabase();
useFreshAuth(database);
let prisma: PrismaClient;
beforeAll(() => {
  prisma = database.prisma;
});
const { smtp } = useMailWorker(database);

const QUEUE_URL = `${APP_URL}/staff/submissions`;

function recipientOf(mail: ParsedMail): string {
  return Array.isArray(mail.to) ? mail.to.map((to) => to.text).join(', ') : (mail.to?.text ?? '');
}

/** Asks for a link and waits for its e-mail. */
async function mailedLink(email: string) {
  const before = smtp.received.length;
  const response = await requestSignInLink(email);
  expect(response.status).toBe(200);
  const mail = (await smtp.waitFor(before + 1))[before];
  return { mail, ...signInLinkOf(mail) };
}

/** Signs in by e-mailed link; returns the session cookie as a Cookie header. */
async function signIn(email: string): Promise<string> {
  const { token } = await mailedLink(email);
  const response = await verifyLink(token);
  expect(redirectTarget(response).toString()).toBe(QUEUE_URL);
  const cookie = sessionCookieOf(response);
  expect(cookie).toBeDefined();
  return `${cookie!.name}=${cookie!.value}`;
}

async function getSession(cookie: string) {
  const response = await authRequest('/api/auth/get-session', { cookie });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    user: { id: string; email: string; role: string; disabled: boolean };
    session: { id: string };
  } | null;
}

test('the link arrives for a staff member: subject, To, a link to the sign-in page that works once; the token is stored hashed, for 10 minutes', async () => {
  const staff = await addStaff(prisma, { email: 'ana.link@careoregon.test', name: 'Ana Link' });
  const { mail, url, token } = await mailedLink(staff.email);

  expect(mail.subject).toBe('Sign in to Provider Intake');
  expect(recipientOf(mail)).toBe('ana.link@careoregon.test');
  expect(url).toBe(`${APP_URL}/staff/sign-in/link?token=${encodeURIComponent(token)}`);
  expect(mail.text).toContain('Hello Ana Link,');
  expect(mail.text).toContain('works once');
  expect(mail.html).toContain(`href="${APP_URL}/staff/sign-in/link?token=${encodeURIComponent(token)}"`);
  // The mail leads to a page with a button, never to the verification itself (a mail scanner would use it up).
  expect(`${mail.text}${mail.html}`).not.toContain('/api/auth/magic-link/verify');

  const stored = await prisma.staffVerification.findMany({ where: { identifier: { startsWith: 'magic-link:' } } });
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(token);
  const lifetimeSeconds = (stored[0].expiresAt.getTime() - stored[0].createdAt.getTime()) / 1000;
  expect(lifetimeSeconds).toBeGreaterThan(600 - 5);
  expect(lifetimeSeconds).toBeLessThanOrEqual(600 + 1);
  // Nothing is verified yet: the link signs nobody in until the button is pressed.
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  await prisma.staffVerification.deleteMany({ where: { id: stored[0].id } });
});

test('the link signs in: 302 to the queue, an HttpOnly, SameSite=Lax, Secure session cookie, a 12-hour session, audit sign_in via e-mail link', async () => {
  const staff = await addStaff(prisma, { email: 'ben.session@careoregon.test', role: 'admin' });
  const { token } = await mailedLink(staff.email);
  const started = Date.now();
  const response = await verifyLink(token);

  expect(response.status).toBe(302);
  expect(redirectTarget(response).toString()).toBe(QUEUE_URL);
  const cookie = sessionCookieOf(response);
  expect(cookie).toBeDefined();
  expect(cookie!.attributes.has('httponly')).toBe(true);
  expect(cookie!.attributes.get('samesite')?.toLowerCase()).toBe('lax');
  expect(cookie!.attributes.has('secure')).toBe(true);
  expect(cookie!.attributes.get('path')).toBe('/');
  expect(Number(cookie!.attributes.get('max-age'))).toBe(12 * 3600);
  // No other cookie carries the session (the cookie cache is off).
  expect(
    setCookiesOf(response)
      .filter((set) => set.value !== '')
      .map((set) => set.name),
  ).toEqual([SESSION_COOKIE]);

  const sessions = await prisma.staffSession.findMany({ where: { userId: staff.id } });
  expect(sessions).toHaveLength(1);
  const [session] = sessions;
  expect(decodeURIComponent(cookie!.value).split('.')[0]).toBe(session.token);
  expect(session.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThan(12 * 3_600_000 - 5_000);
  expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(12 * 3_600_000 + 1_000);
  expect(session.userAgent).toBe('jest');

  const signIns = await auditRows(prisma, 'sign_in', staff.id);
  expect(signIns).toHaveLength(1);
  expect(signIns[0]).toMatchObject({ actorEmail: staff.email, submissionId: null, details: { via: 'e-mail link' } });
  // The token is used up.
  expect(await prisma.staffVerification.count({ where: { identifier: { startsWith: 'magic-link:' } } })).toBe(0);
});

test('get-session with the cookie answers the staff member with their role', async () => {
  const staff = await addStaff(prisma, { email: 'cy.viewer@careoregon.test', name: 'Cy Viewer', role: 'viewer' });
  const cookie = await signIn(staff.email);
  const result = await getSession(cookie);
  expect(result?.user).toMatchObject({ id: staff.id, email: staff.email, name: 'Cy Viewer', role: 'viewer', disabled: false });
  expect(result?.session.id).toBe((await prisma.staffSession.findFirstOrThrow({ where: { userId: staff.id } })).id);
  // A forged cookie is nobody.
  expect(await getSession(`${SESSION_COOKIE}=forged.value`)).toBeNull();
});

test('the same link a second time is refused: back to the sign-in page with an error, no second session', async () => {
  const staff = await addStaff(prisma, { email: 'dee.twice@careoregon.test' });
  const { token } = await mailedLink(staff.email);
  expect(redirectTarget(await verifyLink(token)).toString()).toBe(QUEUE_URL);

  const again = await verifyLink(token);
  expect(again.status).toBe(302);
  const target = redirectTarget(again);
  expect(target.origin + target.pathname).toBe(`${APP_URL}/staff/sign-in`);
  expect(target.searchParams.get('error')).toBe('INVALID_TOKEN');
  expect(sessionCookieOf(again)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(1);
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(1);
});

test('a link older than 10 minutes is refused', async () => {
  const staff = await addStaff(prisma, { email: 'eli.late@careoregon.test' });
  const { token } = await mailedLink(staff.email);
  const { count } = await prisma.staffVerification.updateMany({
    where: { identifier: { startsWith: 'magic-link:' } },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(count).toBe(1);

  const response = await verifyLink(token);
  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('INVALID_TOKEN');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(0);
});

// better-auth would skip its origin and CSRF checks under NODE_ENV=test unless told not to (lib/auth/auth.ts).
test('a link verified with a callback on another site is refused (no open redirect, no session)', async () => {
  const staff = await addStaff(prisma, { email: 'fay.redirect@careoregon.test' });
  const { token } = await mailedLink(staff.email);
  const query = new URLSearchParams({ token, callbackURL: 'https://evil.test/phish', errorCallbackURL: '/staff/sign-in' });
  const response = await authRequest(`/api/auth/magic-link/verify?${query}`);
  expect(response.status).toBe(403);
  expect(response.headers.get('location')).toBeNull();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  // The link was not used up by the refused request.
  expect(redirectTarget(await verifyLink(token)).toString()).toBe(QUEUE_URL);
});

test('sign-out ends the session (row gone, cookie cleared) and audits sign_out', async () => {
  const staff = await addStaff(prisma, { email: 'gil.out@careoregon.test' });
  const cookie = await signIn(staff.email);
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(1);

  const response = await authRequest('/api/auth/sign-out', { body: {}, cookie });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ success: true });
  const cleared = setCookiesOf(response).find((set) => set.name === SESSION_COOKIE);
  expect(cleared?.value ?? '').toBe('');
  expect(cleared?.attributes.get('max-age')).toBe('0');

  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  const signOuts = await auditRows(prisma, 'sign_out', staff.id);
  expect(signOuts).toHaveLength(1);
  expect(signOuts[0].actorEmail).toBe(staff.email);
  expect(await getSession(cookie)).toBeNull();
});

// KNOWN APP GAP: see the note above (origin checks are off under NODE_ENV=test).
test('sign-out posted from another site is refused and the session stays', async () => {
  const staff = await addStaff(prisma, { email: 'hal.csrf@careoregon.test' });
  const cookie = await signIn(staff.email);
  const response = await authRequest('/api/auth/sign-out', { body: {}, cookie, origin: 'https://evil.test' });
  expect(response.status).toBe(403);
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(1);
  expect(await auditRows(prisma, 'sign_out', staff.id)).toHaveLength(0);
  expect((await getSession(cookie))?.user.id).toBe(staff.id);
});

test('an unknown address gets exactly the same answer as a known one, and no mail', async () => {
  const known = await addStaff(prisma, { email: 'ida.known@careoregon.test' });
  const unknownResponse = await requestSignInLink('nobody.here@careoregon.test');
  const unknownBody = await unknownResponse.text();
  // sendMagicLink is awaited inside the request: had it written mail, the row would be there now.
  expect(await prisma.outboxMessage.count({ where: { to: 'nobody.here@careoregon.test' } })).toBe(0);

  const knownResponse = await requestSignInLink(known.email);
  const knownBody = await knownResponse.text();
  expect(unknownResponse.status).toBe(knownResponse.status);
  expect(unknownBody).toBe(knownBody);
  expect(unknownResponse.headers.get('content-type')).toBe(knownResponse.headers.get('content-type'));
  expect(unknownResponse.headers.getSetCookie()).toEqual(knownResponse.headers.getSetCookie());

  await smtp.waitFor(1);
  await waitUntil(async () => (await prisma.outboxMessage.count({ where: { status: 'PENDING' } })) === 0, 'the outbox is drained');
  expect(smtp.received.map(recipientOf)).toEqual([known.email]);
});

test('an address typed in capitals finds its account; the mail goes to the address on file', async () => {
  const staff = await addStaff(prisma, { email: 'jo.case@careoregon.test' });
  const { mail, token } = await mailedLink('Jo.Case@CareOregon.TEST');
  expect(recipientOf(mail)).toBe(staff.email);
  expect(redirectTarget(await verifyLink(token)).toString()).toBe(QUEUE_URL);
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(1);
});

test('a disabled staff member gets no mail, and a link sent before they were disabled is refused with audit sign_in_refused', async () => {
  const staff = await addStaff(prisma, { email: 'kim.disabled@careoregon.test' });
  const { token } = await mailedLink(staff.email);
  await prisma.staffUser.update({ where: { id: staff.id }, data: { disabled: true } });

  const asked = await requestSignInLink(staff.email);
  expect(asked.status).toBe(200);
  expect(await asked.json()).toEqual({ status: true });
  expect(await prisma.outboxMessage.count({ where: { to: staff.email } })).toBe(1); // only the link from before

  const response = await verifyLink(token);
  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  // The code the sign-in page turns into "Your staff account is disabled" (app/staff/sign-in/page.tsx).
  expect(target.searchParams.get('error')).toBe('failed_to_create_session');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  const refused = await auditRows(prisma, 'sign_in_refused', staff.id);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ actorEmail: staff.email, details: { reason: 'disabled', via: 'e-mail link' } });
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(0);
});

test('a token made by hand for a disabled staff member is refused too', async () => {
  const staff = await addStaff(prisma, { email: 'lou.planted@careoregon.test', disabled: true });
  const token = await plantSignInToken(prisma, staff.email);
  const response = await verifyLink(token);
  expect(redirectTarget(response).pathname).toBe('/staff/sign-in');
  expect(redirectTarget(response).searchParams.get('error')).toBe('failed_to_create_session');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffSession.count({ where: { userId: staff.id } })).toBe(0);
  expect(await auditRows(prisma, 'sign_in_refused', staff.id)).toHaveLength(1);
});

test('the planted-token helper makes tokens better-auth accepts (so the refusals above are real)', async () => {
  const staff = await addStaff(prisma, { email: 'max.planted@careoregon.test' });
  const response = await verifyLink(await plantSignInToken(prisma, staff.email));
  expect(redirectTarget(response).toString()).toBe(QUEUE_URL);
  expect(sessionCookieOf(response)).toBeDefined();
});

test('better-auth never creates a user: a valid token for an unknown address signs nobody in, and a direct create is refused', async () => {
  const usersBefore = await prisma.staffUser.count();
  const token = await plantSignInToken(prisma, 'newcomer@careoregon.test');
  const response = await verifyLink(token);
  const target = redirectTarget(response);
  expect(target.pathname).toBe('/staff/sign-in');
  expect(target.searchParams.get('error')).toBe('new_user_signup_disabled');
  expect(sessionCookieOf(response)).toBeUndefined();
  expect(await prisma.staffUser.findUnique({ where: { email: 'newcomer@careoregon.test' } })).toBeNull();

  // The database hook refuses a user even to a caller that asks better-auth directly.
  const context = await (await getAuth()).$context;
  const created = await context.internalAdapter.createUser(
    { email: 'sneaky@careoregon.test', name: 'Sneaky', emailVerified: true },
    { method: 'magic-link' },
  );
  expect(created).toBeNull();
  expect(await prisma.staffUser.findUnique({ where: { email: 'sneaky@careoregon.test' } })).toBeNull();
  expect(await prisma.staffUser.count()).toBe(usersBefore);
});

test('a new link replaces the older unused one: the older no longer signs in, the newest does', async () => {
  const staff = await addStaff(prisma, { email: 'max.newest@careoregon.test' });
  const other = await addStaff(prisma, { email: 'ola.other@careoregon.test' });
  const first = await mailedLink(staff.email);
  const othersLink = await mailedLink(other.email);
  const second = await mailedLink(staff.email);
  expect(second.token).not.toBe(first.token);

  const refused = redirectTarget(await verifyLink(first.token));
  expect(refused.origin + refused.pathname).toBe(`${APP_URL}/staff/sign-in`);
  expect(refused.searchParams.get('error')).toBe('INVALID_TOKEN');
  expect(redirectTarget(await verifyLink(second.token)).toString()).toBe(QUEUE_URL);
  // Someone else's link is theirs alone: asking for one for max did not touch it.
  expect(redirectTarget(await verifyLink(othersLink.token)).toString()).toBe(QUEUE_URL);
  expect(await auditRows(prisma, 'sign_in', staff.id)).toHaveLength(1);
});
