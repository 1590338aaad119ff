import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { fetchFromRegistry, type Lookup, type RegistryRecord } from './nppes';

/** An answer of the registry is good for a day: the server, the worker and the CLI share it through the database. */
export const CACHE_HOURS = 24;

/** Whether the look-up is on (NPPES_API_URL is not `off`). */
export function isRegistryOn(): boolean {
  return env().NPPES_API_URL !== 'off';
}

/**
 * The registry's answer for an NPI: from the cache when it is less than a day old, else from the registry (3-second
 * limit), then cached. A failure (refused, slow, an `Errors` answer) throws RegistryUnavailableError and is not cached.
 */
export async function lookUpNpi(prisma: PrismaClient, npi: string, options: { apiUrl?: string; now?: Date } = {}): Promise<Lookup> {
  const now = options.now ?? new Date();
  const cached = await prisma.npiRegistryCache.findUnique({ where: { npi } });
  if (cached && cached.fetchedAt.getTime() > now.getTime() - CACHE_HOURS * 3_600_000) {
    return cached.found && cached.result ? { found: true, record: cached.result as unknown as RegistryRecord } : { found: false };
  }
  const answer = await fetchFromRegistry(options.apiUrl ?? env().NPPES_API_URL, npi);
  const row = {
    found: answer.found,
    result: answer.found ? (answer.record as unknown as Prisma.InputJsonValue) : undefined,
    fetchedAt: now,
  };
  try {
    await prisma.npiRegistryCache.upsert({ where: { npi }, create: { npi, ...row }, update: row });
  } catch (error) {
    // Two look-ups of the same NPI at once (a clinic and a provider with one NPI) race to insert: the answer stands.
    log().warn({ event: 'npi_cache_not_written', err: (error as Error).message }, 'could not cache an NPI registry answer');
  }
  return answer;
}
