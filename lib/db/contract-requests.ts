import 'server-only';
import { encryptTin, hashTin } from '@/lib/crypto/tin';
import { env } from '@/lib/env';
import { enqueue } from '@/lib/mail/outbox';
import { contractRequestForward, contractRequestReceipt, type ContractRequestMailData } from '@/lib/mail/templates/contract-request';
import { findSpecialty } from '@/lib/taxonomy';
import { normalizeZip } from '@/lib/validation/address';
import type { ContractRequestInput } from '@/lib/validation/contract-request';
import type { ContractRequest } from '@/lib/generated/prisma/client';
import { recordSubmission, type RecordedSubmission } from './submissions';

/** Stores a validated contract request and enqueues its two e-mails (see recordSubmission for repeats). */
export async function recordContractRequest(input: ContractRequestInput, submissionKey: string): Promise<RecordedSubmission> {
  const specialty = findSpecialty(input.taxonomyCode);
  if (!specialty) throw new Error(`Unknown taxonomy code ${input.taxonomyCode}`);
  const request = toRow(input);
  const { INBOX_NEW_CONTRACT, APP_URL } = env();
  return recordSubmission({
    kind: 'CONTRACT_REQUEST',
    submissionKey,
    answers: input,
    async write(tx, { reference, fingerprint }) {
      const submission = await tx.submission.create({
        data: {
          kind: 'CONTRACT_REQUEST',
          reference,
          submissionKey,
          name: request.providerName,
          email: request.email.toLowerCase(),
          npi: request.npi,
          tinHash: request.tinHash,
          fingerprint,
          contractRequest: { create: request },
        },
      });
      // The e-mails show what was stored, as stored.
      const mail = toMailData(submission, request, specialty);
      await enqueue(tx, submission.id, [
        contractRequestForward(mail, { inbox: INBOX_NEW_CONTRACT, appUrl: APP_URL }),
        contractRequestReceipt(mail, { appUrl: APP_URL }),
      ]);
      return submission;
    },
  });
}

type ContractRequestRow = Omit<ContractRequest, 'submissionId'>;

/** The stored form of a validated request: normalized, the TIN encrypted and hashed, blanks as null. */
function toRow(input: ContractRequestInput): ContractRequestRow {
  return {
    providerName: input.providerName,
    taxonomyCode: input.taxonomyCode,
    phone: input.phone,
    fax: input.fax ?? null,
    email: input.email,
    // The schema's address rule guarantees the physical address is complete.
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
    tinHash: hashTin(input.tin),
    dmapId: input.dmapId ?? null,
    dmapPending: input.dmapPending,
    notes: input.notes ?? null,
  };
}

function toMailData(
  submission: { id: string; reference: string; createdAt: Date },
  row: ContractRequestRow,
  specialty: { code: string; display: string },
): ContractRequestMailData {
  const orUndefined = (value: string | null) => value ?? undefined;
  return {
    id: submission.id,
    reference: submission.reference,
    receivedAt: submission.createdAt,
    providerName: row.providerName,
    specialty,
    phone: row.phone,
    fax: orUndefined(row.fax),
    email: row.email,
    physical: {
      street: row.physicalStreet,
      line2: orUndefined(row.physicalLine2),
      city: row.physicalCity,
      state: row.physicalState,
      zip: row.physicalZip,
    },
    // The mailing address is all or nothing (the schema's rule).
    mailing: row.mailingStreet
      ? {
          street: row.mailingStreet,
          line2: orUndefined(row.mailingLine2),
          city: row.mailingCity!,
          state: row.mailingState!,
          zip: row.mailingZip!,
        }
      : undefined,
    npi: row.npi,
    tinLast4: row.tinLast4,
    dmapId: orUndefined(row.dmapId),
    dmapPending: row.dmapPending,
    notes: orUndefined(row.notes),
  };
}
