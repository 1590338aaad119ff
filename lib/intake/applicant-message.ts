import 'server-only';
import type { SubmissionKind, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { env } from '@/lib/env';
import { composeMessage } from '@/lib/mail/compose';
import type { MessageDraft } from '@/lib/mail/outbox';
import { APPLICANT_STATUS } from '@/lib/request-status';
import { KINDS } from './kinds';
import { statusLink } from './mail-links';

/**
 * A reviewer's message to the person who sent a request, e-mailed with a move of its status: to the address the request
 * came from (a clinic alert list's registrant), Reply-To the kind's inbox, the status in the applicant's words.
 */
export function applicantMessage(options: {
  kind: SubmissionKind;
  reference: string;
  status: SubmissionStatus;
  to: string;
  message: string;
}): MessageDraft {
  const config = env();
  const { label, meaning } = APPLICANT_STATUS[options.status];
  return composeMessage({
    template: 'applicant-message',
    to: options.to,
    replyTo: config[KINDS[options.kind].inbox.setting],
    subject: `${options.reference}: ${label}`,
    blocks: [
      { kind: 'paragraph', text: `About your ${KINDS[options.kind].applicantName.toLowerCase()} ${options.reference}. ${meaning}` },
      { kind: 'heading', text: 'Our message' },
      { kind: 'quote', text: options.message },
      { kind: 'paragraph', text: 'Reply to this e-mail to write back to our team.' },
      ...statusLink(config.APP_URL, options.reference),
    ],
  });
}
