import { composeMessage, type Block } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { staffLink, statusLink } from '../mail-links';
import { clinicRows, personRows, type RegistrationAnswers } from './answers';
import { pacificTime } from '@/lib/format';

/** The messages of a clinic alert e-mail registration: each contact's verification link, the forward, the receipt. */

export interface RegistrationMailData extends RegistrationAnswers {
  id: string;
  reference: string;
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
  return composeMessage({ template: 'clinic-emails-verification', to: options.email, subject, blocks, isSecret: true });
}

function contactRows(data: RegistrationMailData): Block {
  return { kind: 'fields', rows: personRows(data) };
}

function clinicRowsWithReference(data: RegistrationMailData): Block {
  return { kind: 'fields', rows: [['Reference', data.reference], ...clinicRows(data)] };
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
              unverified === 1
                ? 'was NOT verified before its link expired: do not add it.'
                : 'were NOT verified before their links expired: do not add those.'
            }`,
    },
    clinicRowsWithReference(data),
    { kind: 'heading', text: 'People' },
    contactRows(data),
    staffLink(options.appUrl, data.id),
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
    clinicRowsWithReference(data),
    { kind: 'heading', text: 'People' },
    contactRows(data),
  ];
  return composeMessage({ template: 'clinic-emails-receipt', to: data.registrantEmail, subject, blocks });
}
