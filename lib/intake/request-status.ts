import 'server-only';
import { db } from '@/lib/db/client';
import { findSubmissionStatus } from '@/lib/db/request-status';
import type { RequestStatus } from '@/lib/request-status';
import { ALL_REFERENCE_PREFIXES } from '@/lib/reference';
import { statusLookupSchemaFor } from '@/lib/validation/status-lookup';
import { kindServer } from './kinds';

/** The status page's question, for every kind's references (the page gives the browser the same prefixes). */
export const statusLookupSchema = statusLookupSchemaFor(ALL_REFERENCE_PREFIXES);

/**
 * What the public status page may say about the request with this reference sent from this address, with what its
 * kind adds (a clinic list's confirmations). Null for a wrong address and an unknown reference alike.
 */
export async function findRequestStatus(reference: string, email: string): Promise<RequestStatus | null> {
  const found = await findSubmissionStatus(reference, email);
  if (!found) return null;
  const kind = await kindServer(found.kind);
  return {
    reference: found.reference,
    kind: found.kind,
    status: found.status,
    receivedAt: found.createdAt,
    statusSince: found.statusSince,
    confirmations: await kind.confirmations?.(await db(), found.id),
    message: found.latestMessage ? { body: found.latestMessage.body, sentAt: found.latestMessage.createdAt } : undefined,
  };
}
