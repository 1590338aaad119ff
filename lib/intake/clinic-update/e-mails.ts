import { composeMessage, type Block, type Comparison } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { notRepeated, staffLink, statusLink } from '../mail-links';
import { formatCalendarDate, maskTin, pacificTime } from '@/lib/format';
import type { AnswerRow } from '../kind-server';
import { changeAnswers, notesRow, whatRows, whoRows, type ClinicUpdateAnswers, type OnFile, type OnFileValue } from './answers';
import type { ChangeKind } from './options';

/** The two messages a clinic update sends: the structured forward to the updates inbox, and the sender's receipt. */

export interface ClinicUpdateMailData extends ClinicUpdateAnswers {
  id: string;
  reference: string;
  receivedAt: Date;
}

export type { OnFile, OnFileValue };

function whoBlock(data: ClinicUpdateMailData): Block {
  return { kind: 'fields', rows: [['Reference', data.reference], ...whoRows(data)] };
}

function changeBlocks(data: ClinicUpdateMailData, onFile: OnFile): Block[] {
  const changes = changeAnswers(data);
  const comparisons: Comparison[] = changes
    .filter((change) => change.kind !== 'providerJoining' && change.kind !== 'providerLeaving')
    .map(({ label, field, value }) => ({ label, before: field ? onFile[field] : undefined, after: value }));
  const providers = (kind: ChangeKind, heading: string): Block[] => {
    const rows = changes.filter((change) => change.kind === kind).map((change): AnswerRow => [change.label, change.value]);
    return rows.length > 0
      ? [
          { kind: 'heading', text: heading },
          { kind: 'fields', rows },
        ]
      : [];
  };
  return [
    { kind: 'fields', rows: whatRows(data) },
    ...(comparisons.length > 0 ? [{ kind: 'comparison', rows: comparisons } satisfies Block] : []),
    ...providers('providerJoining', 'Providers joining'),
    ...providers('providerLeaving', 'Providers leaving'),
    { kind: 'fields', rows: [notesRow(data)] },
  ];
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
    whoBlock(data),
    staffLink(context.appUrl, data.id),
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
export function clinicUpdateReceipt(sent: ClinicUpdateMailData, options: { appUrl: string }): MessageDraft {
  const data = { ...sent, notes: notRepeated(sent.notes), description: notRepeated(sent.description) };
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
    whoBlock(data),
  ];
  return composeMessage({
    template: 'clinic-update-receipt',
    to: data.senderEmail,
    toTypedAddress: true,
    subject: `We received your clinic update ${data.reference}`,
    blocks,
  });
}
