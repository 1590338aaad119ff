import 'server-only';
import { submissionFingerprint } from '@/lib/crypto/fingerprint';
import type { Prisma, SubmissionKind } from '@/lib/generated/prisma/client';
import { notifyOutbox } from '@/lib/mail/outbox';
import { newReference } from '@/lib/reference';
import { db } from './client';
import { uniqueViolation } from './errors';

export interface RecordedSubmission {
  id: string;
  reference: string;
  /** false when this was a repeat: the first submission is returned, and nothing new is written. */
  isNew: boolean;
}

/** The same answers again within this window are the same request sent twice (Back, then Submit). */
const REPEAT_WINDOW_MS = 24 * 3_600_000;

/**
 * Stores a submission of any kind exactly once. `write` creates the submission row (with the reference and
 * fingerprint given), its details and its outbox mail, all in one transaction. A repeated post with the same
 * submission key, or with the very same answers within a day, returns the first submission instead.
 */
export async function recordSubmission(options: {
  kind: SubmissionKind;
  submissionKey: string;
  answers: Record<string, unknown>;
  write: (tx: Prisma.TransactionClient, ids: { reference: string; fingerprint: string }) => Promise<{ id: string }>;
}): Promise<RecordedSubmission> {
  const { kind, submissionKey, answers, write } = options;
  const prisma = await db();
  const fingerprint = submissionFingerprint(kind, answers);
  const existing = await prisma.submission.findFirst({
    where: { OR: [{ submissionKey }, { fingerprint, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } }] },
    orderBy: { createdAt: 'asc' },
    select: { id: true, reference: true },
  });
  if (existing) return { ...existing, isNew: false };

  for (let attempt = 0; ; attempt++) {
    const reference = newReference(kind);
    try {
      const { id } = await prisma.$transaction((tx) => write(tx, { reference, fingerprint }));
      notifyOutbox();
      return { id, reference, isNew: true };
    } catch (error) {
      const fields = uniqueViolation(error);
      if (fields?.some((field) => field.includes('submission_key') || field.includes('submissionKey'))) {
        // The same form posted twice at once: the other post won, and its submission is this one's answer.
        const winner = await prisma.submission.findUniqueOrThrow({ where: { submissionKey }, select: { id: true, reference: true } });
        return { ...winner, isNew: false };
      }
      // A reference already taken (one chance in 10^12): draw another.
      if (fields?.some((field) => field.includes('reference')) && attempt < 5) continue;
      throw error;
    }
  }
}

/** What a confirmation page may show: the reference and when, nothing the sender typed. */
export async function findSubmissionByReference(reference: string) {
  const prisma = await db();
  return prisma.submission.findUnique({
    where: { reference },
    select: {
      id: true,
      reference: true,
      kind: true,
      createdAt: true,
      status: true,
      // Mail to the address the sender typed: none when the per-recipient cap withheld the receipt.
      _count: { select: { outboxMessages: { where: { publicRecipient: { not: null } } } } },
    },
  });
}
