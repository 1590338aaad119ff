import 'server-only';
import { encryptTin, hashTin } from '@/lib/crypto/tin';
import { recordSubmission, type RecordedSubmission } from '@/lib/db/submissions';
import { env } from '@/lib/env';
import { enqueue } from '@/lib/mail/outbox';
import { findSpecialty } from '@/lib/taxonomy';
import { normalizeZip } from '@/lib/validation/address';
import { KINDS } from '../kinds';
import { answersOfRow, type ContractRequestRow } from './answers';
import { contractRequestForward, contractRequestReceipt } from './e-mails';
import type { ContractRequestInput } from './schema';

const KIND = KINDS.CONTRACT_REQUEST;

/** Stores a validated contract request and enqueues its two e-mails (see recordSubmission for repeats). */
export async function recordContractRequest(input: ContractRequestInput, submissionKey: string): Promise<RecordedSubmission> {
  const specialty = findSpecialty(input.taxonomyCode);
  if (!specialty) throw new Error(`Unknown taxonomy code ${input.taxonomyCode}`);
  const request = toRow(input);
  const config = env();
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
      const mail = { id: submission.id, reference, receivedAt: submission.createdAt, ...answersOfRow(request, specialty) };
      await enqueue(tx, submission.id, [
        contractRequestForward(mail, { inbox: config[KIND.inbox.setting], appUrl: config.APP_URL }),
        contractRequestReceipt(mail, { appUrl: config.APP_URL }),
      ]);
      return submission;
    },
  });
}

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
