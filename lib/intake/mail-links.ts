import type { Block } from '@/lib/mail/compose';

/**
 * What every kind's e-mails share: staff links to the submission, the sender's way back to where it stands, and the
 * rule for free text in mail to a typed address.
 */

/**
 * A receipt goes to an address typed into the form, which nobody has shown to be the sender's: it must not carry a
 * stranger's message to someone else from the plan's own domain. So the free text typed in (notes, descriptions) is
 * never repeated in it; the row says that something was received.
 */
export function notRepeated(typed: string | undefined): string | undefined {
  return typed === undefined ? undefined : 'Received (not repeated in this e-mail)';
}

/** A forward's way into the staff workspace: the submission's page. */
export function staffLink(appUrl: string, submissionId: string): Block {
  return { kind: 'link', label: 'Open it in Provider Intake', href: `${appUrl}/staff/submissions/${submissionId}` };
}

/** Every receipt ends with the way back to the request: the public status page, its reference filled in. */
export function statusLink(appUrl: string, reference: string): Block[] {
  return [
    { kind: 'heading', text: 'Where it stands' },
    { kind: 'paragraph', text: 'You can check its status at any time with your reference and this e-mail address.' },
    { kind: 'link', label: 'Check its status', href: `${appUrl}/status?reference=${encodeURIComponent(reference)}` },
  ];
}
