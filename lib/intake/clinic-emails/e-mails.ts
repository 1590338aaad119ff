import { composeMessage, type Block } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { staffLink, statusLink } from '../mail-links';
import { clinicRows, personRows, type RegistrationAnswers } from './answers';
import { pacificDay, pacificTime } from '@/lib/format';

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
  return composeMessage({
    template: 'clinic-emails-verification',
    to: options.email,
    subject,
    blocks,
    isSecret: true,
    toTypedAddress: true,
  });
}

function contactRows(data: RegistrationMailData): Block {
  return { kind: 'fields', rows: personRows(data) };
}

function clinicRowsWithReference(data: RegistrationMailData): Block {
  return { kind: 'fields', rows: [['Reference', data.reference], ...clinicRows(data)] };
}

/** The clinic's previous alert list on file: the registration forwarded before this one for the same NPI. */
export interface ListOnFile {
  reference: string;
  receivedAt: Date;
  /** Its verified addresses. */
  emails: string[];
}

/** This list's verified addresses beside the one on file: who is added, who is gone, who stays. */
function comparisonBlocks(data: RegistrationMailData, onFile: ListOnFile | null): Block[] {
  if (!onFile) return [{ kind: 'paragraph', text: `This is the first alert list we have for NPI ${data.clinicNpi}.` }];
  const now = new Set(data.contacts.filter((contact) => contact.verifiedAt).map((contact) => contact.email.toLowerCase()));
  const before = new Set(onFile.emails.map((email) => email.toLowerCase()));
  const list = (emails: string[]) => (emails.length > 0 ? emails.join('\n') : 'Nobody');
  return [
    { kind: 'heading', text: `Compared with the list on file (${onFile.reference} of ${pacificDay(onFile.receivedAt)})` },
    {
      kind: 'fields',
      rows: [
        ['Added', list([...now].filter((email) => !before.has(email)))],
        ['Removed', list([...before].filter((email) => !now.has(email)))],
        ['Unchanged', list([...now].filter((email) => before.has(email)))],
      ],
    },
  ];
}

export function registrationForward(
  data: RegistrationMailData,
  options: { inbox: string; appUrl: string; onFile: ListOnFile | null },
): MessageDraft {
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
    {
      kind: 'paragraph',
      text: 'Verification proves that each person controls the mailbox at their address: not that they work at the clinic.',
    },
    clinicRowsWithReference(data),
    { kind: 'heading', text: 'People' },
    contactRows(data),
    ...comparisonBlocks(data, options.onFile),
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
  return composeMessage({ template: 'clinic-emails-receipt', to: data.registrantEmail, subject, blocks, toTypedAddress: true });
}
