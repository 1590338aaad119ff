import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth, magicLink } from 'better-auth/plugins';
import { recordAudit } from '@/lib/audit';
import { derivedKey } from '@/lib/crypto/data-key';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { enqueue, notifyOutbox } from '@/lib/mail/outbox';
import { staffSignInLink } from '@/lib/auth/sign-in-link-email';
import { log, scrubbed } from '@/lib/log';

/**
 * Staff authentication with better-auth (docs/decisions/003-staff-auth.md): a single-use sign-in link by e-mail
 * for accounts that exist, and single sign-on over OpenID Connect when OIDC_* are set. Nobody signs up: accounts
 * come from `npm run staff -- add`. Sessions live in staff_session; lib/auth/session.ts adds the idle timeout.
 */

export const SIGN_IN_LINK_MINUTES = 10;
export const SIGN_IN_WINDOW_MINUTES = 15;
export const SESSION_MAX_HOURS = 12;
export const SSO_PROVIDER_ID = 'sso';

/** The rate-limit bucket of sign-in links for this staff address from this client: a keyed hash, no address stored. */
export function signInLinkBucket(email: string, client: string): string {
  const who = createHmac('sha256', derivedKey('sign-in link limit')).update(email.toLowerCase()).digest('base64url').slice(0, 22);
  return `${who}@${client}`;
}

/** better-auth's row for a sign-in link: `magic-link:` and the token's SHA-256 (storeToken 'hashed'), base64url. */
const linkIdentifier = (token: string) => `magic-link:${createHash('sha256').update(token).digest('base64url')}`;

/** Deletes every unused sign-in link of this address except the one for `token`, and any link that has expired. */
async function replaceOlderLinks(prisma: PrismaClient, email: string, token: string): Promise<void> {
  const links = await prisma.staffVerification.findMany({
    where: { identifier: { startsWith: 'magic-link:', not: linkIdentifier(token) } },
    select: { id: true, value: true, expiresAt: true },
  });
  const now = Date.now();
  const older = links
    .filter((link) => linkEmail(link.value) === email.toLowerCase() || link.expiresAt.getTime() < now)
    .map((link) => link.id);
  if (older.length > 0) await prisma.staffVerification.deleteMany({ where: { id: { in: older } } });
}

function linkEmail(value: string): string | undefined {
  try {
    return String((JSON.parse(value) as { email?: unknown }).email ?? '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Secure cookies, except for plain http on this machine (`npm start`, the browser tests). */
export function usesSecureCookies(appUrl: string): boolean {
  const url = new URL(appUrl);
  const isLoopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || !isLoopback;
}

function createAuth(prisma: PrismaClient) {
  const { APP_URL, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  const options = {
    appName: 'Provider Intake',
    baseURL: APP_URL,
    basePath: '/api/auth',
    // Derived from DATA_ENCRYPTION_KEY like every other key: one secret to keep, never in the code.
    secret: derivedKey('auth secret').toString('base64'),
    trustedOrigins: [APP_URL],
    // A sign-in that fails before it knows where to go back to (a stale single sign-on state) lands on our page,
    // not on better-auth's own /error page, which the route handler does not serve.
    onAPIError: { errorURL: `${APP_URL}/staff/sign-in` },
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    emailAndPassword: { enabled: false },
    user: {
      modelName: 'staffUser',
      additionalFields: {
        role: { type: 'string', required: true, defaultValue: 'viewer', input: false },
        disabled: { type: 'boolean', required: true, defaultValue: false, input: false },
      },
    },
    // 12 hours at most, never extended; the 30-minute idle limit is lib/auth/session.ts's (a sliding better-auth
    // session cannot refresh its cookie from a server component).
    session: {
      modelName: 'staffSession',
      expiresIn: SESSION_MAX_HOURS * 3600,
      disableSessionRefresh: true,
      cookieCache: { enabled: false },
    },
    account: {
      modelName: 'staffAccount',
      // No trusted providers: single sign-on is linked to a staff account only when the identity provider says the
      // address is verified (email_verified: true), so an unverified claim to an admin's address opens nothing.
      accountLinking: { enabled: true, requireLocalEmailVerified: true },
    },
    verification: { modelName: 'staffVerification' },
    advanced: {
      // better-auth skips its origin and CSRF checks when NODE_ENV is test: never, so tests prove them too.
      disableOriginCheck: false,
      database: { generateId: 'uuid' },
      useSecureCookies: usesSecureCookies(APP_URL),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // The sign-in page is a Server Action, which better-auth's HTTP rate limit does not see; see decision 003.
    rateLimit: { enabled: false },
    // Its messages join ours as JSON lines, any address in them masked.
    logger: {
      log: (level, message, ...details: unknown[]) =>
        log()[level]({ event: 'auth', details: details.map((detail) => scrubbed(String(detail))) }, scrubbed(message)),
    },
    databaseHooks: {
      user: {
        // Accounts are only ever added by an admin: neither a sign-in link nor single sign-on creates one.
        create: { before: async () => false },
      },
      account: {
        create: {
          // Once linked, a staff account is bound to one identity at the provider (its `sub`): another identity
          // with the same address is refused, as is an address outside OIDC_ALLOWED_DOMAINS.
          before: async (account) => {
            if (account.providerId !== SSO_PROVIDER_ID) return;
            const user = await prisma.staffUser.findUnique({
              where: { id: account.userId },
              include: { accounts: { where: { providerId: SSO_PROVIDER_ID }, select: { accountId: true } } },
            });
            const reason = !user
              ? 'no staff account'
              : user.accounts.some((linked) => linked.accountId !== account.accountId)
                ? 'another single sign-on identity is bound to this account'
                : !isAllowedSingleSignOnAddress(user.email)
                  ? 'address outside OIDC_ALLOWED_DOMAINS'
                  : undefined;
            if (!reason) return;
            await recordAudit(prisma, { action: 'sign_in_refused', actor: user, details: { reason, via: 'single sign-on' } });
            return false;
          },
        },
      },
      session: {
        create: {
          before: async (session, context) => {
            const user = await prisma.staffUser.findUnique({ where: { id: session.userId } });
            const path = via(context?.path);
            const reason =
              !user || user.disabled
                ? 'disabled'
                : path === 'single sign-on' && !isAllowedSingleSignOnAddress(user.email)
                  ? 'address outside OIDC_ALLOWED_DOMAINS'
                  : undefined;
            if (reason) {
              await recordAudit(prisma, { action: 'sign_in_refused', actor: user, details: { reason, via: path } });
              return false;
            }
          },
          after: async (session, context) => {
            const user = await prisma.staffUser.findUnique({ where: { id: session.userId }, select: { id: true, email: true } });
            await recordAudit(prisma, { action: 'sign_in', actor: user, details: { via: via(context?.path) } });
          },
        },
        delete: {
          after: async (session, context) => {
            if (context?.path !== '/sign-out') return; // also called when an expired session is cleaned up
            const user = await prisma.staffUser.findUnique({ where: { id: session.userId }, select: { id: true, email: true } });
            await recordAudit(prisma, { action: 'sign_out', actor: user });
          },
        },
      },
    },
    plugins: [
      magicLink({
        expiresIn: SIGN_IN_LINK_MINUTES * 60,
        disableSignUp: true,
        storeToken: 'hashed',
        // Called for any address; only an active account gets mail. The page answers the same either way.
        // The e-mail links to a page with a button, not to the verification itself: mail scanners open links, and
        // would use up a single-use link before the person does.
        sendMagicLink: async ({ email, token }) => {
          const user = await prisma.staffUser.findUnique({ where: { email: email.toLowerCase() } });
          if (!user || user.disabled) return;
          // The newest link is the only one that works: a request replaces the older unused links, so nobody can
          // use up a colleague's allowance. The cap is per staff address and client address (the sign-in action).
          await replaceOlderLinks(prisma, user.email, token);
          const expiresAt = new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000);
          const url = `${APP_URL}/staff/sign-in/link?token=${encodeURIComponent(token)}`;
          await prisma.$transaction((tx) => enqueue(tx, null, [staffSignInLink({ email: user.email, name: user.name, url, expiresAt })]));
          notifyOutbox();
        },
      }),
      ...(OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET
        ? [
            genericOAuth({
              config: [
                {
                  providerId: SSO_PROVIDER_ID,
                  discoveryUrl: `${OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/openid-configuration`,
                  clientId: OIDC_CLIENT_ID,
                  clientSecret: OIDC_CLIENT_SECRET,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  disableImplicitSignUp: true,
                  disableSignUp: true,
                  requireIdTokenVerification: true,
                },
              ],
            }),
          ]
        : []),
      nextCookies(), // last: lets Server Actions set the session cookie
    ],
  } satisfies BetterAuthOptions;
  return betterAuth(options);
}

function via(path: string | undefined): string {
  if (path?.startsWith('/magic-link')) return 'e-mail link';
  if (path?.startsWith('/callback') || path?.startsWith('/oauth2')) return 'single sign-on';
  return path ?? 'unknown';
}

export type Auth = ReturnType<typeof createAuth>;

const globalAuth = globalThis as unknown as { __providerIntakeAuth?: Promise<Auth> };

/** The one better-auth instance, created on first use (after the database is open), kept on globalThis. */
export function getAuth(): Promise<Auth> {
  globalAuth.__providerIntakeAuth ??= db().then(createAuth);
  return globalAuth.__providerIntakeAuth;
}

/** For tests that open a fresh database: forget the instance bound to the old one. */
export function resetAuth(): void {
  delete globalAuth.__providerIntakeAuth;
}

/** Is this staff address one single sign-on may sign in? Every address, unless OIDC_ALLOWED_DOMAINS is set. */
export function isAllowedSingleSignOnAddress(email: string): boolean {
  const allowed = env().OIDC_ALLOWED_DOMAINS;
  return !allowed || allowed.includes(email.toLowerCase().split('@').pop() ?? '');
}

export function isSingleSignOnConfigured(): boolean {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  return Boolean(OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET);
}
