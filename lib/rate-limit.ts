import 'server-only';
import { headers } from 'next/headers';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from '@/lib/client-address';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KindRateLimit } from '@/lib/intake/kinds';
import { log } from '@/lib/log';

/**
 * Rate limits on what anyone can do without an account, counted per client address in the database
 * (rate-limiter-flexible's Prisma store, table rate_limit), so every server instance shares the counts.
 */

/** Each public form counts on its own (its registry entry's `rateLimit`), beside the status page and staff sign-in. */
export type LimitName = KindRateLimit | 'status-lookup' | 'staff-sign-in';

function limitOf(name: LimitName): { points: number; duration: number } {
  const settings = env();
  if (name === 'status-lookup') return { points: settings.STATUS_LOOKUPS_PER_15_MINUTES, duration: 15 * 60 };
  if (name === 'staff-sign-in') return { points: settings.STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES, duration: 15 * 60 };
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
 * Counts one use of `name` by this request's client. Over the limit: not allowed, with the minutes until it
 * resets. If the count cannot be kept (the database is down) the request is allowed: the limit protects the
 * service, and the action itself will then fail with its own message.
 */
export async function consumeLimit(name: LimitName, requestHeaders?: Pick<Headers, 'get'>): Promise<LimitResult> {
  const from = clientAddress((requestHeaders ?? (await headersOfRequest()))?.get('x-forwarded-for') ?? null, env().TRUSTED_PROXIES);
  try {
    await (await limiterFor(name)).consume(from, 1);
    return { allowed: true };
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes)
      return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil(outcome.msBeforeNext / 60_000)) };
    log().error({ event: 'rate_limit_unavailable', limit: name, err: (outcome as Error).message }, 'could not count a rate limit');
    return { allowed: true };
  }
}

/** The request's headers; none when an action is called outside a request (a script, a test): one shared count. */
async function headersOfRequest(): Promise<Pick<Headers, 'get'> | undefined> {
  try {
    return await headers();
  } catch {
    return undefined;
  }
}

/** What a person over a limit is told, next to everything they typed. */
export function limitMessage(name: LimitName, retryAfterMinutes: number): string {
  const wait = `${retryAfterMinutes} ${retryAfterMinutes === 1 ? 'minute' : 'minutes'}`;
  if (name === 'staff-sign-in') return `Too many sign-in links have been asked for from your network. Please try again in ${wait}.`;
  if (name === 'status-lookup')
    return `Too many status checks have come from your network in the last 15 minutes. Please try again in ${wait}.`;
  return `Too many forms have been sent from your network in the last hour. Please try again in ${wait}. Nothing you typed has been lost.`;
}
