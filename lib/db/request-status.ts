import 'server-only';
import type { RequestStatus } from '@/lib/request-status';
import { db } from './client';

/**
 * The request with this reference, if it was sent from this e-mail address (compared without case). Null
 * otherwise: a wrong address and an unknown reference answer the same.
 */
export async function findRequestStatus(reference: string, email: string): Promise<RequestStatus | null> {
  const prisma = await db();
  const submission = await prisma.submission.findUnique({
    where: { reference },
    select: {
      id: true,
      reference: true,
      kind: true,
      status: true,
      email: true,
      createdAt: true,
      clinicEmailRegistration: { select: { forwardedAt: true, contacts: { select: { verifiedAt: true } } } },
    },
  });
  if (!submission || submission.email !== email.trim().toLowerCase()) return null;
  const lastMove = await prisma.auditEvent.findFirst({
    where: { submissionId: submission.id, action: 'status_change' },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const registration = submission.clinicEmailRegistration;
  return {
    reference: submission.reference,
    kind: submission.kind,
    status: submission.status,
    receivedAt: submission.createdAt,
    statusSince: lastMove?.at ?? submission.createdAt,
    confirmations: registration
      ? {
          confirmed: registration.contacts.filter((contact) => contact.verifiedAt).length,
          total: registration.contacts.length,
          forwarded: registration.forwardedAt !== null,
        }
      : undefined,
  };
}
