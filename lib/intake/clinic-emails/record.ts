import 'server-only';
import { newLinkToken } from '@/lib/crypto/tokens';
import { recordSubmission, type RecordedSubmission } from '@/lib/db/submissions';
import { env } from '@/lib/env';
import { enqueue } from '@/lib/mail/outbox';
import { contactVerification } from './e-mails';
import type { ClinicEmailsInput } from './schema';

/** Verification links work for 72 hours. */
export const LINK_LIFETIME_MS = 72 * 3_600_000;

export function verificationLink(token: string): string {
  return `${env().APP_URL}/clinic-emails/verify/${token}`;
}

/** Stores a registration and sends each contact a verification link, in one transaction. */
export async function recordClinicEmails(input: ClinicEmailsInput, submissionKey: string): Promise<RecordedSubmission> {
  return recordSubmission({
    kind: 'CLINIC_EMAILS',
    submissionKey,
    answers: input,
    async write(tx, { reference, fingerprint }) {
      const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS);
      const tokens = input.people.map(() => newLinkToken());
      const submission = await tx.submission.create({
        data: {
          kind: 'CLINIC_EMAILS',
          reference,
          submissionKey,
          name: input.clinicName,
          email: input.registrantEmail.toLowerCase(),
          npi: input.clinicNpi,
          fingerprint,
          clinicEmailRegistration: {
            create: {
              clinicName: input.clinicName,
              clinicNpi: input.clinicNpi,
              clinicPhone: input.clinicPhone,
              registrantName: input.registrantName,
              registrantEmail: input.registrantEmail,
              contacts: {
                create: input.people.map((person, position) => ({
                  position,
                  fullName: person.fullName,
                  jobTitle: person.jobTitle,
                  email: person.email,
                  tokenHash: tokens[position].hash,
                  tokenExpiresAt: expiresAt,
                })),
              },
            },
          },
        },
      });
      await enqueue(
        tx,
        submission.id,
        input.people.map((person, position) =>
          contactVerification({
            clinicName: input.clinicName,
            registrantName: input.registrantName,
            fullName: person.fullName,
            email: person.email,
            link: verificationLink(tokens[position].token),
            expiresAt,
          }),
        ),
      );
      return submission;
    },
  });
}
