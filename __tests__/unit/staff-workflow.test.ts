import { STATUSES, type Status } from '@/lib/staff/queue-filter';
import { canMove, MOVES, moveLabel } from '@/lib/staff/workflow';

/**
 * The status workflow, written out here independently of MOVES:
 * New → In review → Waiting on applicant ↔ In review → Approved or Declined → Closed; nothing out of Closed.
 */
const ALLOWED: Array<[Status, Status, string]> = [
  ['NEW', 'IN_REVIEW', 'Start review'],
  ['IN_REVIEW', 'WAITING_ON_APPLICANT', 'Wait on applicant'],
  ['IN_REVIEW', 'APPROVED', 'Approve'],
  ['IN_REVIEW', 'DECLINED', 'Decline'],
  ['WAITING_ON_APPLICANT', 'IN_REVIEW', 'Resume review'],
  ['APPROVED', 'CLOSED', 'Close'],
  ['DECLINED', 'CLOSED', 'Close'],
];

const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
const REFUSED: Array<[Status, Status]> = STATUSES.flatMap((from) =>
  STATUSES.filter((to) => !allowed.has(`${from}>${to}`)).map((to): [Status, Status] => [from, to]),
);

test('the workflow knows exactly the six statuses, in order', () => {
  expect(STATUSES).toEqual(['NEW', 'IN_REVIEW', 'WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED', 'CLOSED']);
  expect(Object.keys(MOVES).sort()).toEqual([...STATUSES].sort());
});

describe('allowed moves', () => {
  it.each(ALLOWED)('%s → %s is allowed, and its button reads %p', (from, to, label) => {
    expect(canMove(from, to)).toBe(true);
    expect(MOVES[from]).toContain(to);
    expect(moveLabel(from, to)).toBe(label);
  });

  test('MOVES offers these seven moves and no others', () => {
    const offered = STATUSES.flatMap((from) => MOVES[from].map((to) => `${from}>${to}`));
    expect(offered.sort()).toEqual([...allowed].sort());
  });
});

describe('refused moves', () => {
  test('every other pair of statuses (29 of them, staying put included) is refused', () => {
    expect(REFUSED).toHaveLength(STATUSES.length * STATUSES.length - ALLOWED.length);
  });

  it.each(REFUSED)('%s → %s is refused', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it.each(STATUSES)('nothing moves out of Closed (not even to %s)', (to) => {
    expect(canMove('CLOSED', to)).toBe(false);
  });

  test('Closed offers no move at all', () => {
    expect(MOVES.CLOSED).toEqual([]);
  });

  it.each(STATUSES)('nothing moves back to New (not even from %s)', (from) => {
    expect(canMove(from, 'NEW')).toBe(false);
  });

  test('a decision needs a review first: New and Waiting on applicant cannot be approved, declined or closed directly', () => {
    for (const from of ['NEW', 'WAITING_ON_APPLICANT'] as const) {
      for (const to of ['APPROVED', 'DECLINED', 'CLOSED'] as const) expect(canMove(from, to)).toBe(false);
    }
  });

  test('a decision is final: Approved and Declined only close', () => {
    expect(MOVES.APPROVED).toEqual(['CLOSED']);
    expect(MOVES.DECLINED).toEqual(['CLOSED']);
    expect(canMove('APPROVED', 'DECLINED')).toBe(false);
    expect(canMove('DECLINED', 'APPROVED')).toBe(false);
    expect(canMove('APPROVED', 'IN_REVIEW')).toBe(false);
  });
});

describe('button labels', () => {
  test('In review is Start review from New and Resume review from Waiting on applicant', () => {
    expect(moveLabel('NEW', 'IN_REVIEW')).toBe('Start review');
    expect(moveLabel('WAITING_ON_APPLICANT', 'IN_REVIEW')).toBe('Resume review');
  });

  test('the labels do not depend on where a move to any other status starts', () => {
    for (const to of ['WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED', 'CLOSED', 'NEW'] as const) {
      expect(new Set(STATUSES.map((from) => moveLabel(from, to))).size).toBe(1);
    }
  });

  test('a move to New (never offered) would read Reopen', () => {
    expect(moveLabel('CLOSED', 'NEW')).toBe('Reopen');
  });

  test('the buttons offered from one status all read differently', () => {
    for (const from of STATUSES) {
      const labels = MOVES[from].map((to) => moveLabel(from, to));
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
