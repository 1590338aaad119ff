import type { SubmissionKind, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { pacificDay } from '@/lib/format';
import type { Confirmations } from '@/lib/intake/kind-server';
import { byKind } from '@/lib/intake/kinds';

/**
 * How a request's status reads to the person who sent it. Staff's words (lib/staff/workflow.ts) are for the
 * workflow; these say what it means for the applicant and what, if anything, they should do.
 */

/** Each kind in the applicant's words (lib/intake/kinds.ts). */
export const KIND_NAMES = byKind((entry) => entry.applicantName);

export const APPLICANT_STATUS: Record<SubmissionStatus, { label: string; meaning: string }> = {
  NEW: { label: 'Received', meaning: 'We have your request. It is waiting for someone on our team to pick it up.' },
  IN_REVIEW: { label: 'In review', meaning: 'Someone on our team is working on your request.' },
  WAITING_ON_APPLICANT: {
    label: 'Waiting for you',
    meaning:
      'We need something more from you, and have written to you about it at the e-mail address you gave. Please reply to that e-mail. Look in your junk or spam folder if you cannot find it.',
  },
  APPROVED: { label: 'Approved', meaning: 'Your request has been approved. We have written to you, or will soon, with the details.' },
  DECLINED: { label: 'Declined', meaning: 'We could not accept your request. We have written to you, or will soon, to say why.' },
  CLOSED: { label: 'Closed', meaning: 'We have finished with this request. Nothing more is needed from you.' },
};

/** What the public status page may tell the person who sent a request: never notes, assignee or answers. */
export interface RequestStatus {
  reference: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  receivedAt: Date;
  /** When the request last moved to its current status; its arrival when it never moved. */
  statusSince: Date;
  /** A clinic alert registration: how many of its people have confirmed their address. */
  confirmations?: Confirmations;
  /** The latest message staff sent with a move of its status (lib/staff/work.ts). */
  message?: { body: string; sentAt: Date };
}

/** A request's status as the status page shows it: every value already in words. */
export interface StatusView {
  reference: string;
  kind: string;
  label: string;
  meaning: string;
  received: string;
  since: string;
  /** A clinic alert registration's confirmations, in words. */
  confirmations?: string;
  message?: { body: string; sent: string };
}

export function statusView(request: RequestStatus): StatusView {
  const { confirmations } = request;
  return {
    reference: request.reference,
    kind: KIND_NAMES[request.kind],
    label: APPLICANT_STATUS[request.status].label,
    meaning: APPLICANT_STATUS[request.status].meaning,
    received: pacificDay(request.receivedAt),
    since: pacificDay(request.statusSince),
    confirmations: confirmations && confirmationsInWords(confirmations),
    message: request.message && { body: request.message.body, sent: pacificDay(request.message.sentAt) },
  };
}

function confirmationsInWords({ confirmed, total, forwarded }: Confirmations): string {
  const people = `${confirmed} of ${total} ${total === 1 ? 'person has' : 'people have'} confirmed their address.`;
  if (forwarded) return `${people} The list has gone to our alerts team.`;
  return `${people} The list goes to our alerts team once everyone has confirmed, or when the unconfirmed links expire.`;
}

/** Every kind in the applicant's words, as a list in a sentence: "contract request, … or clinic information change". */
export function kindsInWords(conjunction: 'and' | 'or'): string {
  const names = Object.values(KIND_NAMES).map((name) => name.toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}` : names.join('');
}
