import { composeMessage, type Block } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { pacificTime } from '@/lib/format';

/** The sign-in link for a staff member: single use, valid 10 minutes. */
export function staffSignInLink(options: { email: string; name: string; url: string; expiresAt: Date }): MessageDraft {
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Hello ${options.name},` },
    { kind: 'paragraph', text: 'Someone, probably you, asked to sign in to Provider Intake with this address.' },
    { kind: 'link', label: 'Sign in to Provider Intake', href: options.url },
    { kind: 'paragraph', text: `The link works once, until ${pacificTime(options.expiresAt)}.` },
    { kind: 'paragraph', text: 'If you did not ask for it, ignore this message: nobody can sign in without the link.' },
  ];
  return composeMessage({ template: 'staff-sign-in', to: options.email, subject: 'Sign in to Provider Intake', blocks, isSecret: true });
}
