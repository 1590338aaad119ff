import 'server-only';
import { submissionFingerprint } from '@/lib/crypto/fingerprint';
import { encryptTin, hashTin } from '@/lib/crypto/tin';
import { env } from '@/lib/env';
import { notifyOutbox, enqueue } from '@/lib/mail/outbox';
import { contractRequestForward, contractRequestReceipt, type ContractRequestMailData } from '@/lib/mail/templates/contract-request';
import { newReference } from '@/lib/reference';
import { findSpecialty } from '@/lib/taxonomy';
import { normalizeZip } from '@/lib/validation/address';
import type { ContractRequestInput } from '@/lib/validation/contract-request';
import { db } from './client';
import { uniqueViolation } from './errors';

export interface RecordedSubmission {
  id: string;
  reference: string;
  /** false when the submission key had been used already: the first submission is returned, nothing new is written. */
  isNew: boolean;
}

/** The same answers again within this window are the same request sent twice (Back, then Submit). */
const REPEAT_WINDOW_MS = 24 * 3_600_000;

/**
 * Stores a validated contract request and enqueues its two e-mails in one transaction.
 * A repeated post with the same submission key, or with the very same answers within a day, returns the
 * first submission instead of making a second one.
 */
export async function recordContractRequest(input: ContractRequestInput, submissionKey: string): Promise<RecordedSubmission> {
  const prisma = await db();
  const fingerprint = submissionFingerprint('CONTRACT_REQUEST', input);
  const existing = await prisma.submission.findFirst({
    where: {
      OR: [{ submissionKey }, { fingerprint, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } }],
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true, reference: true },
  });
  if (existing) return { ...existing, isNew: false };

  const specialty = findSpecialty(input.taxonomyCode);
  if (!specialty) throw new Error(`Unknown taxonomy code ${input.taxonomyCode}`);
  const tinHash = hashTin(input.tin);
  const { INBOX_NEW_CONTRACT, APP_URL } = env();

  for (let attempt = 0; ; attempt++) {
    const reference = newReference('CONTRACT_REQUEST');
    try {
      const created = await prisma.$transaction(async (tx) => {
        const submission = await tx.submission.create({
          data: {
            kind: 'CONTRACT_REQUEST',
            reference,
            submissionKey,
            name: input.providerName,
            email: input.email,
            npi: input.npi,
            tinHash,
            fingerprint,
            contractRequest: {
              create: {
                providerName: input.providerName,
                taxonomyCode: specialty.code,
                phone: input.phone,
                fax: input.fax ?? null,
                email: input.email,
                physicalStreet: input.physicalStreet!,
                physicalLine2: input.physicalLine2 ?? null,
                physicalCity: input.physicalCity!,
                physicalState: input.physicalState!,
                physicalZip: normalizeZip(input.physicalZip!),
                mailingStreet: input.mailingStreet ?? null,
                mailingLine2: input.mailingLine2 ?? null,
                mailingCity: input.mailingCity ?? null,
                mailingState: input.mailingState ?? null,
                mailingZip: input.mailingZip ? normalizeZip(input.mailingZip) : null,
                npi: input.npi,
                tinCiphertext: encryptTin(input.tin),
                tinLast4: input.tin.slice(-4),
                tinHash,
                dmapId: input.dmapId?.toUpperCase() ?? null,
                dmapPending: input.dmapPending,
                notes: input.notes ?? null,
              },
            },
          },
        });
        const mail = toMailData(submission.id, reference, submission.createdAt, input, specialty);
        await enqueue(tx, submission.id, [
          contractRequestForward(mail, { inbox: INBOX_NEW_CONTRACT, appUrl: APP_URL }),
          contractRequestReceipt(mail),
        ]);
        return submission;
      });
      notifyOutbox();
      return { id: created.id, reference: created.reference, isNew: true };
    } catch (error) {
      const fields = uniqueViolation(error);
      if (fields?.some((field) => field.includes('submission_key') || field.includes('submissionKey'))) {
        // The same form posted twice at once: the other post won, and its submission is this one's answer.
        const winner = await prisma.submission.findUniqueOrThrow({ where: { submissionKey }, select: { id: true, reference: true } });
        return { ...winner, isNew: false };
      }
      if (fields?.some((field) => field.includes('reference')) && attempt < 5) continue;
      throw error;
    }
  }
}

function toMailData(
  id: string,
  reference: string,
  receivedAt: Date,
  input: ContractRequestInput,
  specialty: { code: string; display: string },
): ContractRequestMailData {
  return {
    id,
    reference,
    receivedAt,
    providerName: input.providerName,
    specialty,
    phone: input.phone,
    fax: input.fax,
    email: input.email,
    physical: {
      street: input.physicalStreet!,
      line2: input.physicalLine2,
      city: input.physicalCity!,
      state: input.physicalState!,
      zip: normalizeZip(input.physicalZip!),
    },
    mailing: input.mailingStreet
      ? {
          street: input.mailingStreet,
          line2: input.mailingLine2,
          city: input.mailingCity!,
          state: input.mailingState!,
          zip: normalizeZip(input.mailingZip!),
        }
      : undefined,
    npi: input.npi,
    tinLast4: input.tin.slice(-4),
    dmapId: input.dmapId?.toUpperCase(),
    dmapPending: input.dmapPending,
    notes: input.notes,
  };
}

/** What the confirmation page may show: the reference and when, nothing the applicant typed. */
export async function findSubmissionByReference(reference: string) {
  const prisma = await db();
  return prisma.submission.findUnique({ where: { reference }, select: { reference: true, kind: true, createdAt: true, status: true } });
}
