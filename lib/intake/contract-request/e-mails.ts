import { pacificTime as receivedAt } from '@/lib/format';
import { composeMessage, type Block } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { notRepeated, staffLink, statusLink } from '../mail-links';
import { contractRequestRows, type ContractRequestAnswers } from './answers';

/** The two messages a contract request sends: the forward to the plan's inbox, and the applicant's receipt. */

export interface ContractRequestMailData extends ContractRequestAnswers {
  id: string;
  reference: string;
  receivedAt: Date;
}

function answers(data: ContractRequestMailData): Block {
  return { kind: 'fields', rows: [['Reference', data.reference], ...contractRequestRows(data)] };
}

export function contractRequestForward(data: ContractRequestMailData, options: { inbox: string; appUrl: string }): MessageDraft {
  const subject = `New contract request ${data.reference} – ${data.providerName}`;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `A new contract request arrived through Provider Intake on ${receivedAt(data.receivedAt)}.` },
    answers(data),
    staffLink(options.appUrl, data.id),
    { kind: 'paragraph', text: 'Reply to this message to write to the applicant.' },
  ];
  return composeMessage({ template: 'contract-request-forward', to: options.inbox, replyTo: data.email, subject, blocks });
}

export function contractRequestReceipt(data: ContractRequestMailData, options: { appUrl: string }): MessageDraft {
  const subject = `We received your contract request ${data.reference}`;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Thank you. We received your request to join the CareOregon provider network on ${receivedAt(data.receivedAt)}.`,
    },
    { kind: 'paragraph', text: `Your reference is ${data.reference}. Please quote it if you contact us about this request.` },
    { kind: 'heading', text: 'What happens next' },
    {
      kind: 'paragraph',
      text: 'Our provider contracting team reviews every request. We will write to you at this e-mail address if we need more information, and when a decision is made.',
    },
    ...statusLink(options.appUrl, data.reference),
    { kind: 'heading', text: 'What you sent' },
    answers({ ...data, notes: notRepeated(data.notes) }),
  ];
  return composeMessage({ template: 'contract-request-receipt', to: data.email, subject, blocks, toTypedAddress: true });
}
