import { db } from '@/lib/db/client';
import { consumeLimit } from '@/lib/rate-limit';
import { isRegistryOn, lookUpNpi } from '@/lib/registry/lookup';
import { primarySpecialty } from '@/lib/registry/nppes';
import type { NpiSummary } from '@/lib/registry/summary';
import { findSpecialty } from '@/lib/taxonomy';
import { hasValidNpiCheckDigit } from '@/lib/validation/npi';
import { log } from '@/lib/log';

/**
 * GET /api/npi/<npi>: what the NPI registry holds for a valid NPI, for the forms' registry panel. Public, so it answers
 * only a syntactically valid NPI (10 digits, check digit), counts each client (NPI_LOOKUPS_PER_15_MINUTES), and asks
 * the registry through the shared 24-hour cache, never more than once a day per NPI.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ npi: string }> }) {
  const { npi } = await params;
  if (!hasValidNpiCheckDigit(npi)) return Response.json({ error: 'Not a valid NPI' }, { status: 404, headers: NO_STORE });
  const limit = await consumeLimit('npi-lookup');
  if (!limit.allowed) {
    return Response.json({ status: 'unavailable', npi } satisfies NpiSummary, {
      status: 429,
      headers: { ...NO_STORE, 'Retry-After': String(limit.retryAfterMinutes * 60) },
    });
  }
  if (!isRegistryOn()) return Response.json({ status: 'unavailable', npi } satisfies NpiSummary, { status: 503, headers: NO_STORE });
  try {
    const answer = await lookUpNpi(await db(), npi);
    return Response.json(summaryOf(npi, answer), { headers: NO_STORE });
  } catch (error) {
    log().warn({ event: 'npi_lookup_unavailable', err: (error as Error).message }, 'NPI registry look-up failed');
    return Response.json({ status: 'unavailable', npi } satisfies NpiSummary, { status: 503, headers: NO_STORE });
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function summaryOf(npi: string, answer: Awaited<ReturnType<typeof lookUpNpi>>): NpiSummary {
  if (!answer.found) return { status: 'not-found', npi };
  const { record } = answer;
  const primary = primarySpecialty(record);
  return {
    status: record.status === 'FOUND' ? 'found' : 'deactivated',
    npi,
    enumerationType: record.enumerationType,
    name: record.name,
    specialty: primary && { code: primary.code, desc: primary.desc, isKnown: !!findSpecialty(primary.code) },
    address: record.location,
  };
}
