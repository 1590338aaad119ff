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
