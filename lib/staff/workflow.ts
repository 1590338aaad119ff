import type { Status } from './queue-filter';

/**
 * The status workflow: New → In review → Waiting on applicant ↔ In review → Approved or Declined → Closed.
 * Only these moves are offered, and the server refuses any other.
 */
export const MOVES: Record<Status, readonly Status[]> = {
  NEW: ['IN_REVIEW'],
  IN_REVIEW: ['WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED'],
  WAITING_ON_APPLICANT: ['IN_REVIEW'],
  APPROVED: ['CLOSED'],
  DECLINED: ['CLOSED'],
  CLOSED: [],
};

/** The button that makes each move, by where it goes (and, for In review, where from). */
export function moveLabel(from: Status, to: Status): string {
  switch (to) {
    case 'IN_REVIEW':
      return from === 'WAITING_ON_APPLICANT' ? 'Resume review' : 'Start review';
    case 'WAITING_ON_APPLICANT':
      return 'Wait on applicant';
    case 'APPROVED':
      return 'Approve';
    case 'DECLINED':
      return 'Decline';
    case 'CLOSED':
      return 'Close';
    case 'NEW':
      return 'Reopen';
  }
}

export function canMove(from: Status, to: Status): boolean {
  return MOVES[from].includes(to);
}

/** The moves that may carry a message to the applicant, e-mailed with the move and shown on the status page. */
export const MESSAGE_MOVES: readonly Status[] = ['WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED'];
export const MESSAGE_MAX = 2000;

/** What is wrong with this message for a move to `to`, if anything: the one rule, for the page and the server. */
export function messageProblem(to: Status, message: string): string | undefined {
  if (message.length > MESSAGE_MAX) return `A message is at most ${MESSAGE_MAX.toLocaleString('en-US')} characters.`;
  if (to === 'WAITING_ON_APPLICANT' && !message) return 'Write what you need from the applicant: it is e-mailed to them with this move.';
  if (message && !MESSAGE_MOVES.includes(to)) return 'Only a move to Waiting on applicant, Approved or Declined sends a message.';
  return undefined;
}
