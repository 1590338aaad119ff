import { SubmissionKind, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { APPLICANT_STATUS, KIND_NAMES, statusView } from '@/lib/request-status';

/**
 * How a request's status reads to the person who sent it (lib/request-status.ts): the applicant's words for every
 * status and kind, dates as Oregon calendar days, and a clinic alert registration's confirmations in words.
 */

const request = (overrides: Partial<Parameters<typeof statusView>[0]> = {}): Parameters<typeof statusView>[0] => ({
  reference: 'NCR-7K3M9Q2X',
  kind: 'CONTRACT_REQUEST',
  status: 'NEW',
  receivedAt: new Date('2026-11-24T18:30:00Z'),
  statusSince: new Date('2026-11-24T18:30:00Z'),
  ...overrides,
});

/** The applicant's words, written out here rather than read from lib/request-status.ts. */
const WORDING: Record<SubmissionStatus, { label: string; meaning: RegExp }> = {
  NEW: { label: 'Received', meaning: /^We have your request\. It is waiting for someone on our team to pick it up\.$/ },
  IN_REVIEW: { label: 'In review', meaning: /^Someone on our team is working on your request\.$/ },
  WAITING_ON_APPLICANT: {
    label: 'Waiting for you',
    meaning:
      /^We need something more from you, and have written to you about it .* Please reply to that e-mail\. Look in your junk or spam folder/,
  },
  APPROVED: { label: 'Approved', meaning: /^Your request has been approved\./ },
  DECLINED: { label: 'Declined', meaning: /^We could not accept your request\. .* to say why\.$/ },
  CLOSED: { label: 'Closed', meaning: /^We have finished with this request\. Nothing more is needed from you\.$/ },
};

describe('statusView: the status in the applicant’s words', () => {
  it('has wording for every status the database knows, and for nothing else', () => {
    expect(Object.keys(APPLICANT_STATUS).sort()).toEqual(Object.values(SubmissionStatus).sort());
    expect(Object.keys(WORDING).sort()).toEqual(Object.values(SubmissionStatus).sort());
  });

  it.each(Object.values(SubmissionStatus))('%s has its label and what it means for the applicant', (status) => {
    const view = statusView(request({ status }));
    expect(view.label).toBe(WORDING[status].label);
    expect(view.meaning).toMatch(WORDING[status].meaning);
  });

  it('never shows staff words or the status code itself', () => {
    for (const status of Object.values(SubmissionStatus)) {
      const view = statusView(request({ status }));
      expect(`${view.label} ${view.meaning}`).not.toMatch(
        /NEW|IN_REVIEW|WAITING_ON_APPLICANT|Waiting on applicant|APPROVED|DECLINED|CLOSED|\bassign|\bnote/,
      );
    }
  });

  it('gives every status a different label', () => {
    const labels = Object.values(SubmissionStatus).map((status) => statusView(request({ status })).label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each([
    ['CONTRACT_REQUEST', 'NCR-7K3M9Q2X', 'Contract request'],
    ['CLINIC_EMAILS', 'CAE-7K3M9Q2X', 'Clinic alert e-mail registration'],
    ['CLINIC_UPDATE', 'CIU-7K3M9Q2X', 'Clinic information change'],
  ] as const)('names a %s "%s" for the applicant', (kind, reference, name) => {
    expect(statusView(request({ kind, reference }))).toMatchObject({ kind: name, reference });
  });

  it('names every kind the database knows', () => {
    expect(Object.keys(KIND_NAMES).sort()).toEqual(Object.values(SubmissionKind).sort());
  });

  it('carries nothing but words: reference, kind, label, meaning, dates (and confirmations for a clinic list, staff’s latest message)', () => {
    expect(Object.keys(statusView(request())).sort()).toEqual([
      'confirmations',
      'kind',
      'label',
      'meaning',
      'message',
      'received',
      'reference',
      'since',
    ]);
    expect(statusView(request()).confirmations).toBeUndefined();
    expect(statusView(request()).message).toBeUndefined();
  });
});

describe('statusView: dates are Oregon calendar days', () => {
  it('writes both dates as a long date', () => {
    const view = statusView(request({ receivedAt: new Date('2026-11-24T18:30:00Z'), statusSince: new Date('2026-12-02T20:00:00Z') }));
    expect(view.received).toBe('November 24, 2026');
    expect(view.since).toBe('December 2, 2026');
  });

  it('a request sent on a winter evening in Oregon is received that day, though it is already the next day in UTC', () => {
    // 10:30 PM PST on November 24 is 06:30 UTC on November 25.
    expect(statusView(request({ receivedAt: new Date('2026-11-25T06:30:00Z') })).received).toBe('November 24, 2026');
    // 00:00 PST on November 25.
    expect(statusView(request({ receivedAt: new Date('2026-11-25T08:00:00Z') })).received).toBe('November 25, 2026');
  });

  it('in summer the day turns at 07:00 UTC (daylight time)', () => {
    expect(statusView(request({ statusSince: new Date('2026-07-01T06:59:59Z') })).since).toBe('June 30, 2026');
    expect(statusView(request({ statusSince: new Date('2026-07-01T07:00:00Z') })).since).toBe('July 1, 2026');
  });

  it('around the change to daylight time (March 8, 2026)', () => {
    expect(statusView(request({ statusSince: new Date('2026-03-08T07:59:00Z') })).since).toBe('March 7, 2026');
    expect(statusView(request({ statusSince: new Date('2026-03-08T08:00:00Z') })).since).toBe('March 8, 2026');
    expect(statusView(request({ statusSince: new Date('2026-03-09T06:59:00Z') })).since).toBe('March 8, 2026');
  });

  it('on New Year’s Eve in Oregon the year has not turned yet', () => {
    expect(statusView(request({ receivedAt: new Date('2027-01-01T07:59:00Z') })).received).toBe('December 31, 2026');
  });
});

describe('statusView: a clinic alert registration’s confirmations', () => {
  const confirmationsOf = (confirmed: number, total: number, forwarded: boolean) =>
    statusView(request({ kind: 'CLINIC_EMAILS', reference: 'CAE-7K3M9Q2X', confirmations: { confirmed, total, forwarded } })).confirmations;
  const WAITING = 'The list goes to our alerts team once everyone has confirmed, or when the unconfirmed links expire.';
  const GONE = 'The list has gone to our alerts team.';

  it.each([
    [0, 1, false, `0 of 1 person has confirmed their address. ${WAITING}`],
    [1, 1, true, `1 of 1 person has confirmed their address. ${GONE}`],
    [0, 2, false, `0 of 2 people have confirmed their address. ${WAITING}`],
    [1, 2, false, `1 of 2 people have confirmed their address. ${WAITING}`],
    [2, 2, true, `2 of 2 people have confirmed their address. ${GONE}`],
    [19, 20, false, `19 of 20 people have confirmed their address. ${WAITING}`],
  ])('%i confirmed of %i (forwarded: %p) reads %p', (confirmed, total, forwarded, words) => {
    expect(confirmationsOf(confirmed, total, forwarded)).toBe(words);
  });

  it('a list forwarded because the other links expired says it has gone, with who confirmed', () => {
    expect(confirmationsOf(1, 3, true)).toBe(`1 of 3 people have confirmed their address. ${GONE}`);
    expect(confirmationsOf(0, 1, true)).toBe(`0 of 1 person has confirmed their address. ${GONE}`);
  });

  it('has no confirmations line for other kinds', () => {
    expect(statusView(request({ kind: 'CLINIC_UPDATE', reference: 'CIU-7K3M9Q2X' })).confirmations).toBeUndefined();
  });
});
