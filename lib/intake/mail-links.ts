import type { Block } from '@/lib/mail/compose';

/** The links every kind's e-mails carry: staff to the submission, the sender back to where it stands. */

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
