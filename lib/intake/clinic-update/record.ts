import 'server-only';
import { encryptTin, hashTin } from '@/lib/crypto/tin';
import { env } from '@/lib/env';
import { enqueue } from '@/lib/mail/outbox';
import { clinicUpdateForward, clinicUpdateReceipt, type ClinicUpdateMailData } from './e-mails';
import type { ClinicUpdateInput } from './schema';
import { KINDS } from '../kinds';
import { CHANGE_COLUMNS } from './answers';
import { findClinicOnFile } from './on-file';
import { recordSubmission, type RecordedSubmission } from '@/lib/db/submissions';

/**
 * Stores a validated clinic update and enqueues its forward (before/after against what is on file for the NPI)
 * and the sender's receipt, in one transaction (see recordSubmission for repeats).
 */
export async function recordClinicUpdate(input: ClinicUpdateInput, submissionKey: string): Promise<RecordedSubmission> {
  const config = env();
  const tinHash = hashTin(input.tin);
  return recordSubmission({
    kind: 'CLINIC_UPDATE',
    submissionKey,
    answers: { ...input },
    async write(tx, { reference, fingerprint }) {
      const onFile = await findClinicOnFile(tx, input.clinicNpi);
      const providers = [
        ...(input.joining ?? []).map((provider, position) => ({ direction: 'JOINING' as const, position, ...provider })),
        ...(input.leaving ?? []).map((provider, position) => ({ direction: 'LEAVING' as const, position, ...provider })),
      ];
      const submission = await tx.submission.create({
        data: {
          kind: 'CLINIC_UPDATE',
          reference,
          submissionKey,
          name: input.clinicName,
          email: input.senderEmail.toLowerCase(),
          npi: input.clinicNpi,
          tinHash,
          fingerprint,
          clinicUpdate: {
            create: {
              clinicName: input.clinicName,
              clinicNpi: input.clinicNpi,
              tinCiphertext: encryptTin(input.tin),
              tinLast4: input.tin.slice(-4),
              tinHash,
              senderName: input.senderName,
              senderJobTitle: input.senderJobTitle,
              senderEmail: input.senderEmail,
              senderPhone: input.senderPhone,
              changes: input.changes.map((kind) => CHANGE_COLUMNS[kind]),
              effectiveDate: new Date(`${input.effectiveDate}T00:00:00Z`),
              notes: input.notes ?? null,
              newStreet: input.address?.street ?? null,
              newLine2: input.address?.line2 ?? null,
              newCity: input.address?.city ?? null,
              newState: input.address?.state ?? null,
              newZip: input.address?.zip ?? null,
              newPhone: input.phone ?? null,
              newFax: input.fax ?? null,
              newClinicName: input.newClinicName ?? null,
              newHours: input.hours ?? null,
              acceptingNewPatients: input.acceptingNewPatients ?? null,
              newTinCiphertext: input.newTin ? encryptTin(input.newTin) : null,
              newTinLast4: input.newTin ? input.newTin.slice(-4) : null,
              newTinHash: input.newTin ? hashTin(input.newTin) : null,
              description: input.description ?? null,
              providers: { create: providers },
            },
          },
        },
      });
      // The TINs in clear stay out of the mail data: templates only ever see the last four.
      const { tin, newTin, ...shown } = input;
      const mail: ClinicUpdateMailData = {
        ...shown,
        id: submission.id,
        reference,
        receivedAt: submission.createdAt,
        tinLast4: tin.slice(-4),
        newTinLast4: newTin?.slice(-4),
      };
      const tinDiffersFromFile = onFile.tinHash && onFile.tinHash !== tinHash ? onFile.values.tin : undefined;
      await enqueue(tx, submission.id, [
        clinicUpdateForward(mail, {
          inbox: config[KINDS.CLINIC_UPDATE.inbox.setting],
          appUrl: config.APP_URL,
          onFile: onFile.values,
          tinDiffersFromFile,
        }),
        clinicUpdateReceipt(mail, { appUrl: config.APP_URL }),
      ]);
      return submission;
    },
  });
}
