import { confirmAddress, registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { checkStatus, type StatusFormState } from '@/app/status/actions';
import { forwardExpiredRegistrations } from '@/lib/intake/clinic-emails/forwarding';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { addNote, assign, changeStatus } from '@/lib/staff/work';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { openBody } from '@/lib/mail/outbox';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * The public status page's Server Action (app/status/actions.ts checkStatus) on a real database: requests made
 * through the real form actions, moved by the real staff workflow (lib/staff/work.ts), looked up the way the page
 * posts the form. What it may say (status in the applicant's words, since when, a clinic list's confirmations) and
 * what it must never say (notes, assignee, answers), and one answer for a wrong e-mail and an unknown reference.
 */

const NOT_FOUND = 'We could not find a request with that reference sent from that e-mail address. Check both against your receipt e-mail.';

const database = useTestDatabase({ truncate: true });
let prisma: PrismaClient;
let reviewer: { id: string; email: string; name: string };

beforeAll(async () => {
  prisma = database.prisma;
  // Staff accounts outlive truncateAll, so the reviewer is made once.
  reviewer = await prisma.staffUser.create({
    data: { email: 'rey.status@careoregon.example', name: 'Rey Quasimodo', role: 'reviewer', emailVerified: true },
    select: { id: true, email: true, name: true },
  });
});

const actor = () => ({ id: reviewer.id, email: reviewer.email, role: 'reviewer' as const });

/** The status form as the browser posts it. */
const check = (reference: string, email: string) => checkStatus({ status: 'idle' }, toFormData({ reference, email }));

/** The request's status as found, failing the test with what was answered otherwise. */
async function found(reference: string, email: string) {
  const state = await check(reference, email);
  if (state.status !== 'found') throw new Error(`expected the request to be found, got ${JSON.stringify(state)}`);
  return state;
}

/** Today in Oregon as the page writes it, spelled out here with Intl rather than the application's helpers. */
function oregonDay(at: Date): string {
  return at.toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles', year: 'numeric', month: 'long', day: 'numeric' });
}

const DAY = 24 * 3_600_000;

/** A contract request sent through the real action (validContractRequest: office@rosecity.example, TIN 98-7654321). */
async function contractRequest(overrides: Record<string, string> = {}) {
  const { location, result } = await redirectOf(() =>
    submitContractRequest({ status: 'idle' }, toFormData(validContractRequest(overrides))),
  );
  if (!location) throw new Error(`contract request not sent: ${JSON.stringify(result)}`);
  return prisma.submission.findUniqueOrThrow({
    where: { reference: location.split('/').pop()! },
    select: { id: true, reference: true, createdAt: true },
  });
}

async function clinicUpdate() {
  const { location, result } = await redirectOf(() =>
    submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(validClinicUpdate(['tin', 'phoneFax']))),
  );
  if (!location) throw new Error(`clinic update not sent: ${JSON.stringify(result)}`);
  return prisma.submission.findUniqueOrThrow({ where: { reference: location.split('/').pop()! }, select: { id: true, reference: true } });
}

/** A clinic alert registration naming two people, sent by cam@alberta.example (typed in mixed case). */
async function clinicEmails() {
  const values = validClinicEmails({ registrantEmail: 'Cam@Alberta.example' });
  const { location, result } = await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(values)));
  if (!location) throw new Error(`registration not sent: ${JSON.stringify(result)}`);
  const reference = new URL(location, 'https://intake.test').pathname.split('/').pop()!;
  return prisma.submission.findUniqueOrThrow({ where: { reference }, select: { id: true, reference: true } });
}

/** The token of the verification link mailed to this address, read from the message in the outbox, as it is sent. */
async function verificationToken(address: string): Promise<string> {
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { to: address, template: 'clinic-emails-verification' } });
  const text = openBody(message.text);
  const match = /https:\/\/intake\.test\/clinic-emails\/verify\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1];
}

const confirm = async (address: string) => redirectOf(async () => confirmAddress(toFormData({ token: await verificationToken(address) })));

/** As if the request had arrived `days` ago (the workflow never changes createdAt, so "since" can be told apart). */
async function receivedDaysAgo(id: string, days: number): Promise<Date> {
  const at = new Date(Date.now() - days * DAY);
  await prisma.submission.update({ where: { id }, data: { createdAt: at } });
  return at;
}

const versionOf = async (id: string) => (await prisma.submission.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

describe('finding a request', () => {
  test('by its exact reference and the address it was sent from: "Received", since it arrived', async () => {
    const { reference, createdAt } = await contractRequest();
    const state = await found(reference, 'office@rosecity.example');
    expect(state).toEqual({
      status: 'found',
      values: { reference, email: 'office@rosecity.example' },
      request: {
        reference,
        kind: 'Contract request',
        label: 'Received',
        meaning: 'We have your request. It is waiting for someone on our team to pick it up.',
        received: oregonDay(createdAt),
        since: oregonDay(createdAt),
        confirmations: undefined,
      },
    });
  });

  test.each([
    ['in lower case', (ref: string) => ref.toLowerCase()],
    ['without the dash', (ref: string) => ref.replace('-', '')],
    [
      'in groups with spaces, and spaces around',
      (ref: string) => `  ${ref.slice(0, 3)} ${ref.slice(4, 8)} ${ref.slice(8)}  `.toLowerCase(),
    ],
  ])('by its reference typed %s', async (_how, typed) => {
    const { reference } = await contractRequest();
    const state = await found(typed(reference), 'office@rosecity.example');
    expect(state.request.reference).toBe(reference);
    // The form is shown again with the reference as stored, the e-mail as typed.
    expect(state.values).toEqual({ reference, email: 'office@rosecity.example' });
  });

  test('by its reference typed with O for 0 and I or L for 1', async () => {
    const { id } = await contractRequest();
    // As if the request had drawn a reference with zeros and ones in it (newReference is random).
    await prisma.submission.update({ where: { id }, data: { reference: 'NCR-10K0M1Q1' } });
    for (const typed of ['NCR-IOKOMLQL', 'ncr lokom1qi', 'NCRl0k0mIql']) {
      expect((await found(typed, 'office@rosecity.example')).request.reference).toBe('NCR-10K0M1Q1');
    }
  });

  test.each(['OFFICE@ROSECITY.EXAMPLE', 'Office@RoseCity.Example', '  office@rosecity.example  '])(
    'by the address typed in any case, with spaces around (%p)',
    async (email) => {
      const { reference } = await contractRequest();
      const state = await found(reference, email);
      expect(state.request.label).toBe('Received');
      expect(state.values.email).toBe(email);
    },
  );

  test('a request sent from a mixed-case address is found by that address in lower case', async () => {
    const { reference } = await contractRequest({ email: 'Front.Desk@RoseCity.Example' });
    expect((await found(reference, 'front.desk@rosecity.example')).request.reference).toBe(reference);
    expect((await found(reference, 'Front.Desk@RoseCity.Example')).request.reference).toBe(reference);
  });

  test('a clinic information change is found by its sender, and named for the applicant', async () => {
    const { reference } = await clinicUpdate();
    const state = await found(reference, 'dana@rosecity.example');
    expect(state.request).toMatchObject({ reference, kind: 'Clinic information change', label: 'Received' });
    expect(state.request.confirmations).toBeUndefined();
  });
});

describe('not finding one: the same answer whatever was wrong', () => {
  test('a wrong address, an unknown reference, another kind’s prefix and a contact’s address all answer alike', async () => {
    const { reference } = await contractRequest();
    const registration = await clinicEmails();
    const answers: Array<[string, StatusFormState]> = [
      ['wrong e-mail', await check(reference, 'someone.else@rosecity.example')],
      ['unknown reference', await check('NCR-7K3M9Q2X', 'office@rosecity.example')],
      ['same code, other prefix', await check(`CIU-${reference.slice(4)}`, 'office@rosecity.example')],
      // The people on a clinic list did not send it: only the registrant may look it up.
      ['a contact of a clinic list', await check(registration.reference, 'ana@alberta.example')],
    ];
    for (const [what, state] of answers) {
      expect({ what, state }).toEqual({
        what,
        state: { status: 'invalid', fieldErrors: {}, formError: NOT_FOUND, values: expect.any(Object) },
      });
    }
    // Nothing in the answer tells a wrong address from an unknown reference: only what was typed differs.
    const [wrongEmail, unknown] = [answers[0][1], answers[1][1]];
    expect({ ...wrongEmail, values: undefined }).toEqual({ ...unknown, values: undefined });
    expect(Object.keys(wrongEmail).sort()).toEqual(Object.keys(unknown).sort());
  });

  test('what was typed comes back as typed, so nothing is lost', async () => {
    const { reference } = await contractRequest();
    const typed = { reference: ` ${reference.toLowerCase()} `, email: 'Wrong@RoseCity.Example' };
    expect(await check(typed.reference, typed.email)).toEqual({ status: 'invalid', fieldErrors: {}, formError: NOT_FOUND, values: typed });
  });

  test('an address that is only nearly the sender’s does not match', async () => {
    const { reference } = await contractRequest();
    for (const email of ['office@rosecity.example.org', 'xoffice@rosecity.example', 'office@rosecity.exampl']) {
      expect(await check(reference, email)).toMatchObject({ status: 'invalid', formError: NOT_FOUND });
    }
  });
});

describe('invalid input', () => {
  test.each([
    [
      'nothing typed',
      { reference: '', email: '' },
      { reference: ['Enter the reference from your receipt'], email: ['Enter the e-mail address you sent the request from'] },
    ],
    [
      'a malformed reference',
      { reference: 'my request 42', email: 'office@rosecity.example' },
      { reference: ['Enter the reference as it is in your receipt, like NCR-7K3M9Q2X'] },
    ],
    [
      'a malformed e-mail',
      { reference: 'ncr-7k3m9q2x', email: 'office at rosecity' },
      { email: ['Enter an e-mail address in the right format, like name@example.com'] },
    ],
  ])('%s gives field errors and keeps what was typed', async (_what, typed, fieldErrors) => {
    const state = await check(typed.reference, typed.email);
    expect(state).toEqual({ status: 'invalid', fieldErrors, values: typed });
  });

  test('fields missing from the post altogether are asked for, not a crash', async () => {
    const state = await checkStatus({ status: 'idle' }, new FormData());
    expect(state).toEqual({
      status: 'invalid',
      values: { reference: '', email: '' },
      fieldErrors: { reference: ['Enter the reference from your receipt'], email: ['Enter the e-mail address you sent the request from'] },
    });
  });

  test('a very long reference is refused as malformed, not looked up', async () => {
    const state = await check(`NCR-${'X'.repeat(100_000)}`, 'office@rosecity.example');
    expect(state).toMatchObject({
      status: 'invalid',
      fieldErrors: { reference: ['Enter the reference as it is in your receipt, like NCR-7K3M9Q2X'] },
    });
  });
});

describe('after staff move the request', () => {
  test('the label follows each move, and "since" is the day of the latest move, not the day it arrived', async () => {
    const { id, reference } = await contractRequest();
    const receivedAt = await receivedDaysAgo(id, 10);
    const before = await found(reference, 'office@rosecity.example');
    expect(before.request).toMatchObject({ label: 'Received', received: oregonDay(receivedAt), since: oregonDay(receivedAt) });

    const steps: Array<[Parameters<typeof changeStatus>[3], string, RegExp]> = [
      ['IN_REVIEW', 'In review', /^Someone on our team is working on your request\.$/],
      ['WAITING_ON_APPLICANT', 'Waiting for you', /^We need something more from you/],
      ['IN_REVIEW', 'In review', /^Someone on our team/],
      ['APPROVED', 'Approved', /^Your request has been approved\./],
      ['CLOSED', 'Closed', /^We have finished with this request\./],
    ];
    for (const [to, label, meaning] of steps) {
      await changeStatus(prisma, actor(), id, to, await versionOf(id), to === 'WAITING_ON_APPLICANT' ? 'Please send your W-9.' : '');
      const moved = await prisma.auditEvent.findFirstOrThrow({
        where: { submissionId: id, action: 'status_change' },
        orderBy: { at: 'desc' },
      });
      const { request } = await found(reference, 'office@rosecity.example');
      expect(request.label).toBe(label);
      expect(request.meaning).toMatch(meaning);
      expect(request.received).toBe(oregonDay(receivedAt));
      expect(request.since).toBe(oregonDay(moved.at));
      expect(request.since).not.toBe(request.received);
    }
  });

  test('declined reads "Declined"', async () => {
    const { id, reference } = await contractRequest();
    await changeStatus(prisma, actor(), id, 'IN_REVIEW', await versionOf(id));
    await changeStatus(prisma, actor(), id, 'DECLINED', await versionOf(id));
    expect((await found(reference, 'office@rosecity.example')).request).toMatchObject({
      label: 'Declined',
      meaning: expect.stringMatching(/^We could not accept your request\./),
    });
  });

  test('"since" is the latest move by time, whatever order the log rows were written in', async () => {
    const { id, reference } = await contractRequest();
    await receivedDaysAgo(id, 30);
    await changeStatus(prisma, actor(), id, 'IN_REVIEW', await versionOf(id));
    // An older move written to the log afterwards (as a migrated or late-replicated row would be).
    const older = new Date(Date.now() - 20 * DAY);
    await prisma.auditEvent.create({
      data: {
        action: 'status_change',
        actorId: reviewer.id,
        actorEmail: reviewer.email,
        submissionId: id,
        details: { from: 'NEW', to: 'IN_REVIEW' },
        at: older,
      },
    });
    const { request } = await found(reference, 'office@rosecity.example');
    expect(request.since).toBe(oregonDay(new Date()));
    expect(request.since).not.toBe(oregonDay(older));
  });

  test('assigning it and writing notes are not moves: neither label nor "since" changes', async () => {
    const { id, reference } = await contractRequest();
    const receivedAt = await receivedDaysAgo(id, 5);
    await assign(prisma, actor(), id, reviewer.id, await versionOf(id));
    await addNote(prisma, actor(), id, 'Called the clinic; waiting for the W-9.');
    const { request } = await found(reference, 'office@rosecity.example');
    expect(request).toMatchObject({ label: 'Received', since: oregonDay(receivedAt), received: oregonDay(receivedAt) });
  });

  test('another request’s moves do not count', async () => {
    const first = await contractRequest();
    const second = await contractRequest({ providerName: 'Another Clinic', npi: '1245319599' });
    const receivedAt = await receivedDaysAgo(first.id, 3);
    await changeStatus(prisma, actor(), second.id, 'IN_REVIEW', await versionOf(second.id));
    expect((await found(first.reference, 'office@rosecity.example')).request).toMatchObject({
      label: 'Received',
      since: oregonDay(receivedAt),
    });
  });
});

describe('a clinic alert e-mail registration', () => {
  test('shows how many people have confirmed, and when the list has gone', async () => {
    const { reference } = await clinicEmails();
    const lookUp = async () => (await found(reference, 'cam@alberta.example')).request;

    expect(await lookUp()).toMatchObject({
      reference,
      kind: 'Clinic alert e-mail registration',
      label: 'Received',
      confirmations:
        '0 of 2 people have confirmed their address. The list goes to our alerts team once everyone has confirmed, or when the unconfirmed links expire.',
    });

    await confirm('ana@alberta.example');
    expect((await lookUp()).confirmations).toBe(
      '1 of 2 people have confirmed their address. The list goes to our alerts team once everyone has confirmed, or when the unconfirmed links expire.',
    );

    await confirm('ben@alberta.example');
    expect((await lookUp()).confirmations).toBe('2 of 2 people have confirmed their address. The list has gone to our alerts team.');
  });

  test('a list forwarded when the other links expired says so, with who confirmed', async () => {
    const { reference } = await clinicEmails();
    await confirm('ana@alberta.example');
    expect(await forwardExpiredRegistrations(prisma, new Date(Date.now() + 73 * 3_600_000))).toBe(1);
    expect((await found(reference, 'CAM@alberta.example')).request.confirmations).toBe(
      '1 of 2 people have confirmed their address. The list has gone to our alerts team.',
    );
  });
});

describe('what the answer never says', () => {
  test('no notes, no assignee, no answers from the form, no staff, no internal ids', async () => {
    const values = validContractRequest();
    const { id, reference } = await contractRequest();
    const note = 'Internal: TIN matches a declined applicant, do not approve yet.';
    await changeStatus(prisma, actor(), id, 'IN_REVIEW', await versionOf(id));
    await assign(prisma, actor(), id, reviewer.id, await versionOf(id));
    await addNote(prisma, actor(), id, note);

    const state = await found(reference, 'office@rosecity.example');
    const answer = JSON.stringify(state);
    const forbidden = [
      note,
      'Internal',
      reviewer.name,
      reviewer.email,
      reviewer.id,
      id,
      // What the applicant typed, beside the reference and e-mail they typed into this form.
      values.providerName,
      values.npi,
      '987654321',
      '98-7654321',
      '4321',
      '5550123',
      '555-0123',
      '5550199',
      values.physicalStreet,
      values.mailingStreet,
      '97202',
      'AB12345',
      values.dmapId,
      'walk-ins',
      'Family',
      '207Q00000X',
      // Staff's own words for the status.
      'IN_REVIEW',
    ];
    for (const text of forbidden) expect({ text, found: answer.includes(text) }).toEqual({ text, found: false });
    expect(Object.keys(state.request).sort()).toEqual([
      'confirmations',
      'kind',
      'label',
      'meaning',
      'message',
      'received',
      'reference',
      'since',
    ]);
  });

  test('a clinic list’s answer names none of its people or their addresses', async () => {
    const { reference } = await clinicEmails();
    await confirm('ana@alberta.example');
    const answer = JSON.stringify(await found(reference, 'cam@alberta.example'));
    for (const text of [
      'Ana Ruiz',
      'ana@alberta.example',
      'Ben Cho',
      'ben@alberta.example',
      'Office manager',
      'Alberta Street Clinic',
      'Cam Diaz',
      '5550150',
    ]) {
      expect({ text, found: answer.includes(text) }).toEqual({ text, found: false });
    }
  });

  test('a clinic update’s answer shows neither TIN nor phone', async () => {
    const { reference } = await clinicUpdate();
    const answer = JSON.stringify(await found(reference, 'dana@rosecity.example'));
    for (const text of [
      '98-7654321',
      '987654321',
      '91-2468035',
      '912468035',
      '4321',
      '8035',
      '555-0199',
      '5550199',
      '5550100',
      'Rose City',
      'Dana Sender',
    ]) {
      expect({ text, found: answer.includes(text) }).toEqual({ text, found: false });
    }
  });
});
