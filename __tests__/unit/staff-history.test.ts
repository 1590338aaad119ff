import { historyLine } from '@/app/staff/(workspace)/submissions/[id]/history';

const ANA = 'ana@careoregon.example';

describe('historyLine', () => {
  it.each([
    ['NEW', 'IN_REVIEW', 'New', 'In review'],
    ['IN_REVIEW', 'WAITING_ON_APPLICANT', 'In review', 'Waiting on applicant'],
    ['WAITING_ON_APPLICANT', 'IN_REVIEW', 'Waiting on applicant', 'In review'],
    ['IN_REVIEW', 'APPROVED', 'In review', 'Approved'],
    ['IN_REVIEW', 'DECLINED', 'In review', 'Declined'],
    ['APPROVED', 'CLOSED', 'Approved', 'Closed'],
    ['DECLINED', 'CLOSED', 'Declined', 'Closed'],
  ])('a status change from %s to %s reads with the statuses’ labels', (from, to, fromLabel, toLabel) => {
    expect(historyLine({ action: 'status_change', actorEmail: ANA, details: { from, to } })).toBe(
      `${ANA} moved it from ${fromLabel} to ${toLabel}`,
    );
  });

  test('a status the application no longer knows is shown as recorded', () => {
    expect(historyLine({ action: 'status_change', actorEmail: ANA, details: { from: 'ON_HOLD', to: 'IN_REVIEW' } })).toBe(
      `${ANA} moved it from ON_HOLD to In review`,
    );
  });

  test('an assignment names the new assignee', () => {
    expect(historyLine({ action: 'assignment', actorEmail: ANA, details: { from: null, to: 'ben@careoregon.example' } })).toBe(
      `${ANA} assigned it to ben@careoregon.example`,
    );
    expect(
      historyLine({ action: 'assignment', actorEmail: ANA, details: { from: 'cam@careoregon.example', to: 'ben@careoregon.example' } }),
    ).toBe(`${ANA} assigned it to ben@careoregon.example`);
  });

  test('an assignment to nobody reads as unassigned', () => {
    expect(historyLine({ action: 'assignment', actorEmail: ANA, details: { from: 'ben@careoregon.example', to: null } })).toBe(
      `${ANA} unassigned it`,
    );
  });

  test('a note says one was added, never what it says', () => {
    const line = historyLine({ action: 'note', actorEmail: ANA, details: { noteId: '3f1c8e2a-0000-4000-8000-000000000001' } });
    expect(line).toBe(`${ANA} added a note`);
  });

  test('a TIN reveal names which TIN and the reason given', () => {
    expect(
      historyLine({ action: 'tin_reveal', actorEmail: ANA, details: { which: 'TIN', reason: 'Checking against the IRS letter' } }),
    ).toBe(`${ANA} revealed the TIN. Reason: Checking against the IRS letter`);
    expect(historyLine({ action: 'tin_reveal', actorEmail: ANA, details: { which: 'TIN, New TIN', reason: 'Verifying the change' } })).toBe(
      `${ANA} revealed the TIN, New TIN. Reason: Verifying the change`,
    );
  });

  test('a TIN reveal recorded without `which` says the TIN', () => {
    expect(historyLine({ action: 'tin_reveal', actorEmail: ANA, details: { reason: 'Audit' } })).toBe(
      `${ANA} revealed the TIN. Reason: Audit`,
    );
  });

  test('any other action is its name in words, by whom', () => {
    expect(historyLine({ action: 'staff_added', actorEmail: ANA, details: null })).toBe(`staff added by ${ANA}`);
    expect(historyLine({ action: 'sign_in_refused', actorEmail: ANA, details: {} })).toBe(`sign in refused by ${ANA}`);
  });

  test('an event without an actor was the system', () => {
    expect(historyLine({ action: 'status_change', actorEmail: null, details: { from: 'APPROVED', to: 'CLOSED' } })).toBe(
      'the system moved it from Approved to Closed',
    );
    expect(historyLine({ action: 'assignment', actorEmail: null, details: null })).toBe('the system unassigned it');
    expect(historyLine({ action: 'note', actorEmail: null, details: undefined })).toBe('the system added a note');
  });
});
