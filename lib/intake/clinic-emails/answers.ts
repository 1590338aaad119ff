import { formatUsPhone, pacificTime } from '@/lib/format';
import type { AnswerRow } from '../kind-server';

/**
 * A clinic alert registration's answers in words: the rows that the forward, the registrant's receipt and the
 * staff page all show.
 */

export interface RegistrationAnswers {
  clinicName: string;
  clinicNpi: string;
  clinicPhone: string;
  registrantName: string;
  registrantEmail: string;
  contacts: Array<{ fullName: string; jobTitle: string; email: string; verifiedAt: Date | null; tokenExpiresAt?: Date }>;
}

export function clinicRows(answers: RegistrationAnswers): AnswerRow[] {
  return [
    ['Clinic name', answers.clinicName],
    ['Clinic NPI', answers.clinicNpi],
    ['Clinic phone', formatUsPhone(answers.clinicPhone)],
    ['Registered by', `${answers.registrantName} <${answers.registrantEmail}>`],
  ];
}

/**
 * Each person and where their address stands. A list is forwarded only once nothing can change (every link used or
 * expired), so an unverified person there is one whose link expired; the staff page may see it earlier.
 */
export function personRows(answers: RegistrationAnswers, now = new Date()): AnswerRow[] {
  return answers.contacts.map((contact, index) => {
    const state = contact.verifiedAt
      ? `Verified ${pacificTime(contact.verifiedAt)}`
      : contact.tokenExpiresAt && contact.tokenExpiresAt > now
        ? 'Waiting for confirmation'
        : 'NOT VERIFIED: the link expired unused';
    return [`Person ${index + 1}`, `${contact.fullName}, ${contact.jobTitle}\n${contact.email}\n${state}`];
  });
}
