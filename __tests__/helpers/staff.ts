import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { getAuth, resetAuth } from '@/lib/auth/auth';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TestDatabaseHandle } from './database';

/**
 * Staff sign-in helpers: requests go through better-auth's real HTTP handler (what app/api/auth/[...all] serves),
 * with the cookies a browser would carry. APP_URL is https://intake.test in tests (openTestDatabase).
 */

export const APP_URL = 'https://intake.test';
/** https APP_URL: better-auth prefixes its cookies with __Secure-. */
export const SESSION_COOKIE = '__Secure-better-auth.session_token';

/**
 * better-auth made afresh for the calling test file once its database is open (lib/auth keeps one instance on
 * globalThis, bound to the database it was made with), and forgotten before the database closes. Call after
 * useTestDatabase.
 */
export function useFreshAuth(database: TestDatabaseHandle): void {
  beforeAll(() => {
    resetAuth();
    database.beforeClose(resetAuth);
  });
}

export interface StaffSeed {
  email: string;
  name?: string;
  role?: 'viewer' | 'reviewer' | 'admin';
  disabled?: boolean;
}

/** A staff account as `npm run staff -- add` makes one (emailVerified: the admin's word). */
export async function addStaff(prisma: PrismaClient, seed: StaffSeed) {
  return prisma.staffUser.create({
    data: {
      email: seed.email,
      name: seed.name ?? seed.email.split('@')[0],
      role: seed.role ?? 'reviewer',
      disabled: seed.disabled ?? false,
      emailVerified: true,
    },
  });
}

export interface AuthRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** A Cookie header value. */
  cookie?: string;
  /** The Origin header; POSTs send APP_URL unless told otherwise (null: none). */
  origin?: string | null;
}

/** One request to better-auth's handler, as the route handler under /api/auth would pass it. */
export async function authRequest(pathAndQuery: string, request: AuthRequest = {}): Promise<Response> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers = new Headers({ 'user-agent': 'jest' });
  if (request.body !== undefined) headers.set('content-type', 'application/json');
  if (request.cookie) headers.set('cookie', request.cookie);
  const origin = request.origin === undefined ? (method === 'POST' ? APP_URL : null) : request.origin;
  if (origin) headers.set('origin', origin);
  const auth = await getAuth();
  return auth.handler(
    new Request(new URL(pathAndQuery, APP_URL), {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    }),
  );
}

/** What the sign-in page asks better-auth for (app/staff/sign-in/actions.ts). */
export function requestSignInLink(email: string): Promise<Response> {
  return authRequest('/api/auth/sign-in/magic-link', {
    body: { email, callbackURL: '/staff/submissions', errorCallbackURL: '/staff/sign-in' },
  });
}

/** The address the e-mailed link leads to, and its token. */
export function signInLinkOf(mail: ParsedMail): { url: string; token: string } {
  const match = /https:\/\/intake\.test\/staff\/sign-in\/link\?token=([^\s"'<>\]]+)/.exec(mail.text ?? '');
  if (!match) throw new Error(`No sign-in link in the message:\n${mail.text}`);
  return { url: match[0], token: decodeURIComponent(match[1]) };
}

/** What the button on /staff/sign-in/link submits (a GET form). */
export function verifyLink(token: string, cookie?: string): Promise<Response> {
  const query = new URLSearchParams({ token, callbackURL: '/staff/submissions', errorCallbackURL: '/staff/sign-in' });
  return authRequest(`/api/auth/magic-link/verify?${query}`, { cookie });
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names (lower case) to their values ('' for flags). */
  attributes: Map<string, string>;
}

export function setCookiesOf(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(';');
    const at = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const [key, ...value] = attribute.trim().split('=');
      attributes.set(key.toLowerCase(), value.join('='));
    }
    return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim(), attributes };
  });
}

/** A Cookie header carrying every cookie the response set (cookies it cleared are left out). */
export function cookieHeaderOf(...responses: Response[]): string {
  return responses
    .flatMap(setCookiesOf)
    .filter((cookie) => cookie.value !== '' && cookie.attributes.get('max-age') !== '0')
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');
}

/** The session cookie a response set, or undefined. */
export function sessionCookieOf(response: Response): SetCookie | undefined {
  return setCookiesOf(response).find((cookie) => cookie.name === SESSION_COOKIE && cookie.value !== '');
}

/** A redirect's target, resolved against APP_URL. */
export function redirectTarget(response: Response): URL {
  const location = response.headers.get('location');
  if (!location) throw new Error(`Expected a redirect, got ${response.status} without a Location`);
  return new URL(location, APP_URL);
}

/**
 * A sign-in token planted in staff_verification exactly as the magic link plugin stores one (storeToken 'hashed':
 * SHA-256, base64url, in the identifier), for an address the plugin would never send a link to.
 */
export async function plantSignInToken(prisma: PrismaClient, email: string, expiresAt = new Date(Date.now() + 5 * 60_000)) {
  const token = `planted${Math.random().toString(36).slice(2).replace(/\d/g, 'x')}Token`;
  const hashed = createHash('sha256').update(token).digest('base64url');
  await prisma.staffVerification.create({
    data: { identifier: `magic-link:${hashed}`, value: JSON.stringify({ type: 'magic-link', email }), expiresAt },
  });
  return token;
}

/** Audit rows of one action, oldest first, optionally only those about one actor. */
export async function auditRows(prisma: PrismaClient, action: string, actorId?: string) {
  return prisma.auditEvent.findMany({
    where: { action, ...(actorId ? { actorId } : {}) },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}
