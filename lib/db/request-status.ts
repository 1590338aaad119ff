import 'server-only';
import { db } from './client';

/**
 * The request with this reference, if it was sent from this e-mail address (compared without case), and since
 * when it has had its status, and the latest message staff sent with a move. Null otherwise: a wrong address and an unknown reference answer the same.
 */
export async function findSubmissionStatus(reference: string, email: string) {
  const prisma = await db();
  const submission = await prisma.submission.findUnique({
    where: { reference },
    select: { id: true, reference: true, kind: true, status: true, email: true, createdAt: true },
  });
  if (!submission || submission.email !== email.trim().toLowerCase()) return null;
  const lastMove = await prisma.auditEvent.findFirst({
    where: { submissionId: submission.id, action: 'status_change' },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const latestMessage = await prisma.applicantMessage.findFirst({
    where: { submissionId: submission.id },
    orderBy: { createdAt: 'desc' },
    select: { body: true, createdAt: true },
  });
  return { ...submission, statusSince: lastMove?.at ?? submission.createdAt, latestMessage };
}
