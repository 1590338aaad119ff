import { maskTin } from '@/lib/validation/tin';
import { formatUsPhone } from '@/lib/validation/phone';
import { formatAddress, type Address } from '@/lib/address-format';
import { composeMessage, pacificTime as receivedAt, type Block } from '../compose';
import type { MessageDraft } from '../outbox';
import { statusLink } from './status-link';

/** The two messages a contract request sends: the forward to the plan's inbox, and the applicant's receipt. */

export interface ContractRequestMailData {
  id: string;
  reference: string;
  receivedAt: Date;
  providerName: string;
  specialty: { code: string; display: string };
  phone: string;
  fax?: string;
  email: string;
  physical: Address;
  mailing?: Address;
  npi: string;
  tinLast4: string;
  dmapId?: string;
  dmapPending: boolean;
  notes?: string;
}

function answers(data: ContractRequestMailData): Block {
  return {
    kind: 'fields',
    rows: [
      ['Reference', data.reference],
      ['Provider or clinic name', data.providerName],
      ['Specialty', `${data.specialty.display} (${data.specialty.code})`],
      ['Phone', formatUsPhone(data.phone)],
      ['Fax', data.fax ? formatUsPhone(data.fax) : 'Not given'],
      ['E-mail', data.email],
      ['Physical address', formatAddress(data.physical)],
      ['Mailing address', data.mailing ? formatAddress(data.mailing) : 'Same as physical address'],
      ['NPI', data.npi],
      ['TIN', maskTin(data.tinLast4)],
      ['DMAP ID', data.dmapId ?? (data.dmapPending ? 'Enrollment pending' : 'Not given')],
      ['Anything else', data.notes ?? 'Nothing'],
    ],
  };
}


export function contractRequestForward(data: ContractRequestMailData, options: { inbox: string; appUrl: string }): MessageDraft {
  const subject = `New contract request ${data.reference} – ${data.providerName}`;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `A new contract request arrived through Provider Intake on ${receivedAt(data.receivedAt)}.` },
    answers(data),
    { kind: 'link', label: 'Open it in Provider Intake', href: `${options.appUrl}/staff/submissions/${data.id}` },
    { kind: 'paragraph', text: 'Reply to this message to write to the applicant.' },
  ];
  return composeMessage({ template: 'contract-request-forward', to: options.inbox, replyTo: data.email, subject, blocks });
}

export function contractRequestReceipt(data: ContractRequestMailData, options: { appUrl: string }): MessageDraft {
  const subject = `We received your contract request ${data.reference}`;
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Thank you. We received your request to join the CareOregon provider network on ${receivedAt(data.receivedAt)}.` },
    { kind: 'paragraph', text: `Your reference is ${data.reference}. Please quote it if you contact us about this request.` },
    { kind: 'heading', text: 'What happens next' },
    {
      kind: 'paragraph',
      text: 'Our provider contracting team reviews every request. We will write to you at this e-mail address if we need more information, and when a decision is made.',
    },
    ...statusLink(options.appUrl, data.reference),
    { kind: 'heading', text: 'What you sent' },
    answers(data),
  ];
  return composeMessage({ template: 'contract-request-receipt', to: data.email, subject, blocks });
}
