import { formatUsPhone } from '@/lib/validation/phone';
import { composeMessage, pacificTime, type Block } from '../compose';
import type { MessageDraft } from '../outbox';
import { statusLink } from './status-link';

/** The messages of a clinic alert e-mail registration: each contact's verification link, the forward, the receipt. */

export interface RegistrationMailData {
  id: string;
  reference: string;
  clinicName: string;
  clinicNpi: string;
  clinicPhone: string;
  registrantName: string;
  registrantEmail: string;
  contacts: Array<{ fullName: string; jobTitle: string; email: string; verifiedAt: Date | null }>;
}

export function contactVerification(options: {
  clinicName: string;
  registrantName: string;
  fullName: string;
  email: string;
  link: string;
  expiresAt: Date;
}): MessageDraft {
  const subject = `Confirm your e-mail address for CareOregon alerts – ${options.clinicName}`;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Hello ${options.fullName},` },
    {
      kind: 'paragraph',
      text: `${options.registrantName} asked CareOregon to send system alerts for ${options.clinicName} (eligibility, claims and network notices) to this address. Please confirm that it reaches you.`,
    },
    { kind: 'link', label: 'Confirm this address', href: options.link },
    { kind: 'paragraph', text: `The link works once, until ${pacificTime(options.expiresAt)}.` },
    { kind: 'paragraph', text: 'If you did not expect this, ignore this message: nothing will be sent to you.' },
  ];
  return composeMessage({ template: 'clinic-emails-verification', to: options.email, subject, blocks });
}

function contactRows(data: RegistrationMailData): Block {
  return {
    kind: 'fields',
    rows: data.contacts.map((contact, index) => [
      `Person ${index + 1}`,
      `${contact.fullName}, ${contact.jobTitle}\n${contact.email}\n${
        contact.verifiedAt ? `Verified ${pacificTime(contact.verifiedAt)}` : 'NOT VERIFIED: the link expired unused'
      }`,
    ]),
  };
}

function clinicRows(data: RegistrationMailData): Block {
  return {
    kind: 'fields',
    rows: [
      ['Reference', data.reference],
      ['Clinic name', data.clinicName],
      ['Clinic NPI', data.clinicNpi],
      ['Clinic phone', formatUsPhone(data.clinicPhone)],
      ['Registered by', `${data.registrantName} <${data.registrantEmail}>`],
    ],
  };
}

export function registrationForward(data: RegistrationMailData, options: { inbox: string; appUrl: string }): MessageDraft {
  const subject = `Alert e-mail registration ${data.reference} – ${data.clinicName}`;
  const unverified = data.contacts.filter((contact) => !contact.verifiedAt).length;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        unverified === 0
          ? 'A clinic registered the people who should receive system alerts. Every address below was verified by its owner.'
          : `A clinic registered the people who should receive system alerts. ${unverified} of ${data.contacts.length} addresses ${
              unverified === 1 ? 'was NOT verified before its link expired: do not add it.' : 'were NOT verified before their links expired: do not add those.'
            }`,
    },
    clinicRows(data),
    { kind: 'heading', text: 'People' },
    contactRows(data),
    { kind: 'link', label: 'Open it in Provider Intake', href: `${options.appUrl}/staff/submissions/${data.id}` },
  ];
  return composeMessage({ template: 'clinic-emails-forward', to: options.inbox, replyTo: data.registrantEmail, subject, blocks });
}

export function registrationReceipt(data: RegistrationMailData, options: { appUrl: string }): MessageDraft {
  const subject = `Your alert e-mail registration ${data.reference} was sent to CareOregon`;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Thank you. We sent your registration for ${data.clinicName} to CareOregon's alerts team.` },
    { kind: 'paragraph', text: `Your reference is ${data.reference}. Please quote it if you contact us about it.` },
    ...statusLink(options.appUrl, data.reference),
    { kind: 'heading', text: 'What you sent' },
    clinicRows(data),
    { kind: 'heading', text: 'People' },
    contactRows(data),
  ];
  return composeMessage({ template: 'clinic-emails-receipt', to: data.registrantEmail, subject, blocks });
}
