import 'server-only';
import { headers } from 'next/headers';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddressOf } from '@/lib/client-address';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KindRateLimit } from '@/lib/intake/kinds';
import { log } from '@/lib/log';

/**
 * Rate limits on what anyone can do without an account, counted per client address in the database
 * (rate-limiter-flexible's Prisma store, table rate_limit), so every server instance shares the counts.
 */

/**
 * Each public form counts on its own (its registry entry's `rateLimit`), beside the status page and staff sign-in
 * requests (per client address) and staff sign-in links (per staff address and client address together).
 */
export type LimitName = KindRateLimit | 'status-lookup' | 'staff-sign-in' | 'staff-sign-in-link' | 'npi-lookup';

function limitOf(name: LimitName): { points: number; duration: number } {
  const settings = env();
  if (name === 'status-lookup') return { points: settings.STATUS_LOOKUPS_PER_15_MINUTES, duration: 15 * 60 };
  if (name === 'staff-sign-in') return { points: settings.STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES, duration: 15 * 60 };
  if (name === 'npi-lookup') return { points: settings.NPI_LOOKUPS_PER_15_MINUTES, duration: 15 * 60 };
  if (name === 'staff-sign-in-link') return { points: settings.STAFF_SIGN_IN_LINKS_PER_15_MINUTES, duration: 15 * 60 };
  return { points: settings.SUBMISSIONS_PER_HOUR, duration: 60 * 60 };
}

/** One limiter per name and database (its store sweeps expired rows every 5 minutes). */
const limiters = new WeakMap<PrismaClient, Map<LimitName, RateLimiterPrisma>>();

async function limiterFor(name: LimitName): Promise<RateLimiterPrisma> {
  const prisma = await db();
  let byName = limiters.get(prisma);
  if (!byName) limiters.set(prisma, (byName = new Map()));
  let limiter = byName.get(name);
  if (!limiter) {
    limiter = new RateLimiterPrisma({ storeClient: prisma, tableName: 'rateLimit', keyPrefix: name, ...limitOf(name) });
    byName.set(name, limiter);
  }
  return limiter;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/**
 * Counts one use of `name` in `bucket`: by default this request's client address (lib/client-address.ts). Over the
 * limit: not allowed, with the minutes until it resets. If the count cannot be kept (the database is down) the
 * request is allowed: the limit protects the service, and the action itself will then fail with its own message.
 */
export async function consumeLimit(name: LimitName, bucket?: string): Promise<LimitResult> {
  const key = bucket ?? (await requestClientAddress());
  try {
    await (await limiterFor(name)).consume(key, 1);
    return { allowed: true };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes)
      return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil(outcome.msBeforeNext / 60_000)) };
    log().error({ event: 'rate_limit_unavailable', limit: name, err: (outcome as Error).message }, 'could not count a rate limit');
    return { allowed: true };
  }
}

/**
 * The client address of the request being served, as the limits count it; 'unknown' outside a request (a script, a
 * test), one shared count.
 */
export async function requestClientAddress(): Promise<string> {
  let requestHeaders: Pick<Headers, 'get'> | undefined;
  try {
    requestHeaders = await headers();
  } catch {
    requestHeaders = undefined;
  }
  return clientAddressOf(requestHeaders, env().TRUSTED_PROXIES);
}

/** What a person over a limit is told, next to everything they typed. */
export function limitMessage(name: LimitName, retryAfterMinutes: number): string {
  const wait = `${retryAfterMinutes} ${retryAfterMinutes === 1 ? 'minute' : 'minutes'}`;
  if (name === 'staff-sign-in-link')
    return `Too many sign-in links have been asked for this address from your network. Please try again in ${wait}, or use the last link we sent.`;
  if (name === 'staff-sign-in') return `Too many sign-in links have been asked for from your network. Please try again in ${wait}.`;
  if (name === 'npi-lookup') return `Too many NPI look-ups have come from your network. Please try again in ${wait}.`;
  if (name === 'status-lookup')
    return `Too many status checks have come from your network in the last 15 minutes. Please try again in ${wait}.`;
  return `Too many forms have been sent from your network in the last hour. Please try again in ${wait}. Nothing you typed has been lost.`;
}
