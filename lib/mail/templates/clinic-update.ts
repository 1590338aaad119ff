import { CHANGE_LABELS, type ChangeKind, type NewAddress, type ProviderChange } from '@/lib/validation/clinic-update';
import { formatCalendarDate } from '@/lib/validation/dates';
import { formatUsPhone } from '@/lib/validation/phone';
import { maskTin } from '@/lib/validation/tin';
import { composeMessage, pacificTime, type Block, type Comparison } from '../compose';
import type { MessageDraft } from '../outbox';
import { statusLink } from './status-link';
import { formatAddress } from '@/lib/address-format';

/** The two messages a clinic update sends: the structured forward to the updates inbox, and the sender's receipt. */

export interface ClinicUpdateMailData {
  id: string;
  reference: string;
  receivedAt: Date;
  clinicName: string;
  clinicNpi: string;
  tinLast4: string;
  senderName: string;
  senderJobTitle: string;
  senderEmail: string;
  senderPhone: string;
  changes: ChangeKind[];
  /** YYYY-MM-DD */
  effectiveDate: string;
  address?: NewAddress;
  phone?: string;
  fax?: string;
  newClinicName?: string;
  hours?: string;
  acceptingNewPatients?: boolean;
  joining?: ProviderChange[];
  leaving?: ProviderChange[];
  newTinLast4?: string;
  description?: string;
  notes?: string;
}

/** A value the plan already has for this NPI, and where it comes from. */
export interface OnFileValue {
  value: string;
  source: string;
}

export type OnFileField = 'name' | 'address' | 'phone' | 'fax' | 'hours' | 'acceptingNewPatients' | 'tin';
export type OnFile = Partial<Record<OnFileField, OnFileValue>>;

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function providerRows(direction: 'joining' | 'leaving', providers: ProviderChange[]): Array<[string, string]> {
  return providers.map((provider, index) => [`Provider ${direction} ${index + 1}`, `${provider.name} (NPI ${provider.npi})`]);
}

/** The new value of each chosen change, compared with the value on file where there is one. */
function changeComparisons(data: ClinicUpdateMailData, onFile: OnFile): Comparison[] {
  const rows: Comparison[] = [];
  const row = (label: string, field: OnFileField | undefined, after: string) =>
    rows.push({ label, before: field ? onFile[field] : undefined, after });
  for (const kind of data.changes) {
    switch (kind) {
      case 'address':
        if (data.address) row('Address', 'address', formatAddress(data.address));
        break;
      case 'phoneFax':
        if (data.phone) row('Phone', 'phone', formatUsPhone(data.phone));
        if (data.fax) row('Fax', 'fax', formatUsPhone(data.fax));
        break;
      case 'name':
        if (data.newClinicName) row('Clinic name', 'name', data.newClinicName);
        break;
      case 'hours':
        if (data.hours) row('Hours', 'hours', data.hours);
        break;
      case 'acceptingPatients':
        if (data.acceptingNewPatients !== undefined) row('Accepting new patients', 'acceptingNewPatients', yesNo(data.acceptingNewPatients));
        break;
      case 'tin':
        if (data.newTinLast4) row('TIN', 'tin', maskTin(data.newTinLast4));
        break;
      case 'other':
        if (data.description) row('Something else', undefined, data.description);
        break;
      case 'providerJoining':
      case 'providerLeaving':
        break; // listed on their own below: a list, not one value
    }
  }
  return rows;
}

function whoRows(data: ClinicUpdateMailData): Block {
  return {
    kind: 'fields',
    rows: [
      ['Reference', data.reference],
      ['Clinic name', data.clinicName],
      ['Clinic NPI', data.clinicNpi],
      ['TIN', maskTin(data.tinLast4)],
      ['Sent by', `${data.senderName}, ${data.senderJobTitle}`],
      ['E-mail', data.senderEmail],
      ['Phone', formatUsPhone(data.senderPhone)],
    ],
  };
}

function changeBlocks(data: ClinicUpdateMailData, onFile: OnFile): Block[] {
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['What is changing', data.changes.map((kind) => CHANGE_LABELS[kind]).join(', ')],
        ['Effective date', formatCalendarDate(data.effectiveDate)],
      ],
    },
  ];
  const comparisons = changeComparisons(data, onFile);
  if (comparisons.length > 0) blocks.push({ kind: 'comparison', rows: comparisons });
  if (data.joining?.length) blocks.push({ kind: 'heading', text: 'Providers joining' }, { kind: 'fields', rows: providerRows('joining', data.joining) });
  if (data.leaving?.length) blocks.push({ kind: 'heading', text: 'Providers leaving' }, { kind: 'fields', rows: providerRows('leaving', data.leaving) });
  blocks.push({ kind: 'fields', rows: [['Anything else', data.notes ?? 'Nothing']] });
  return blocks;
}

export function clinicUpdateSubject(data: Pick<ClinicUpdateMailData, 'reference' | 'clinicName' | 'effectiveDate'>): string {
  return `Clinic update ${data.reference} – ${data.clinicName} – effective ${formatCalendarDate(data.effectiveDate)}`;
}

export function clinicUpdateForward(
  data: ClinicUpdateMailData,
  context: { inbox: string; appUrl: string; onFile: OnFile; tinDiffersFromFile?: OnFileValue },
): MessageDraft {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `${data.clinicName} sent a clinic update through Provider Intake on ${pacificTime(data.receivedAt)}. Where we have an earlier contract request or clinic update for NPI ${data.clinicNpi}, the value on file is shown before the new one.`,
    },
  ];
  if (context.tinDiffersFromFile) {
    blocks.push({
      kind: 'paragraph',
      text: `Check: the clinic's TIN given on this update (${maskTin(data.tinLast4)}) is not the TIN on file (${context.tinDiffersFromFile.value}, from ${context.tinDiffersFromFile.source}).`,
    });
  }
  blocks.push(
    { kind: 'heading', text: 'The change' },
    ...changeBlocks(data, context.onFile),
    { kind: 'heading', text: 'Who sent it' },
    whoRows(data),
    { kind: 'link', label: 'Open it in Provider Intake', href: `${context.appUrl}/staff/submissions/${data.id}` },
    { kind: 'paragraph', text: 'Reply to this message to write to the sender.' },
  );
  return composeMessage({
    template: 'clinic-update-forward',
    to: context.inbox,
    replyTo: data.senderEmail,
    subject: clinicUpdateSubject(data),
    blocks,
  });
}

/** The receipt shows only what the sender sent: never the values on file, which may come from someone else. */
export function clinicUpdateReceipt(data: ClinicUpdateMailData, options: { appUrl: string }): MessageDraft {
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Thank you. We received your update for ${data.clinicName} on ${pacificTime(data.receivedAt)}.` },
    { kind: 'paragraph', text: `Your reference is ${data.reference}. Please quote it if you contact us about this update.` },
    { kind: 'heading', text: 'What happens next' },
    {
      kind: 'paragraph',
      text: 'Our provider data team updates our records and the provider directory, usually within a few business days. We will write to you at this address if we need anything more.',
    },
    ...statusLink(options.appUrl, data.reference),
    { kind: 'heading', text: 'What you sent' },
    ...changeBlocks(data, {}),
    whoRows(data),
  ];
  return composeMessage({
    template: 'clinic-update-receipt',
    to: data.senderEmail,
    subject: `We received your clinic update ${data.reference}`,
    blocks,
  });
}
