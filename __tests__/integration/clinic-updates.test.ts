import type { AddressObject, ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { submitClinicUpdate, type ClinicUpdateFormState } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { decryptTin, hashTin } from '@/lib/crypto/tin';
import { db } from '@/lib/db/client';
import { CHANGE_KINDS, MAX_PROVIDERS, type ChangeKind } from '@/lib/intake/clinic-update/schema';
import {
  CLINIC_TIN,
  clinicUpdateFormData,
  daysFromTodayInPacific,
  longDate,
  OTHER_TIN,
  PROVIDER_NPIS,
  validClinicUpdate,
  type ClinicUpdatePost,
} from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { truncateAll, useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useMailWorker } from '../helpers/mail-worker';
import { waitUntil } from '../helpers/wait';

/**
 * The clinic information change flow end to end: submitClinicUpdate as the browser posts it (with and without
 * JavaScript), the rows it stores, and the forward and receipt the outbox worker delivers to a real SMTP server.
 */

const APP_URL = 'https://intake.test'; // set by openTestDatabase
const UPDATES_INBOX = 'providerupdates@careoregon.org'; // INBOX_PROVIDER_UPDATES's default, compared case-insensitively
const FULL_TINS = /987654321|98-7654321|87654321|912468035|91-2468035|2468035/;
const NOTICE = 'We have added the questions for what is changing. Answer them, then select Send changes.';

const database = useTestDatabase({ truncate: true });
const { smtp, drain: drainOutbox } = useMailWorker(database, { timing: { maxRetrySeconds: 0.5 }, resetRefuse: true });

/** What the action answers (it must not redirect). */
function act(post: ClinicUpdatePost): Promise<ClinicUpdateFormState> {
  return submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(post));
}

const post = (update: ClinicUpdatePost) => redirectOf(() => act(update));

/** Sends a valid update and returns its reference. */
async function send(update: ClinicUpdatePost): Promise<string> {
  const { location, result } = await post(update);
  if (!location) throw new Error(`not sent: ${JSON.stringify(result)}`);
  expect(location).toMatch(/^\/clinic-updates\/submitted\/CIU-[0-9A-HJKMNP-TV-Z]{8}$/);
  return location.split('/').pop()!;
}

async function sendContractRequest(overrides: Record<string, string> = {}): Promise<string> {
  const { location, result } = await redirectOf(() =>
    submitContractRequest({ status: 'idle' }, toFormData(validContractRequest(overrides))),
  );
  if (!location) throw new Error(`contract request not sent: ${JSON.stringify(result)}`);
  return location.split('/').pop()!;
}

async function stored(reference: string) {
  const prisma = await db();
  return prisma.submission.findUniqueOrThrow({
    where: { reference },
    include: {
      clinicUpdate: { include: { providers: { orderBy: [{ direction: 'asc' }, { position: 'asc' }] } } },
      outboxMessages: { orderBy: { template: 'asc' } },
    },
  });
}

async function counts() {
  const prisma = await db();
  return {
    submissions: await prisma.submission.count(),
    updates: await prisma.clinicUpdate.count(),
    providers: await prisma.clinicUpdateProvider.count(),
    mail: await prisma.outboxMessage.count(),
  };
}
const NOTHING = { submissions: 0, updates: 0, providers: 0, mail: 0 };

/**
 * Moves a submission's creation back `daysAgo` days (a day in Oregon), at `utcTime`: the sources on file are
 * older than the update that reads them. 20:00 UTC is midday in Oregon, the same calendar day in both zones.
 */
async function backdate(reference: string, daysAgo: number, utcTime = '20:00'): Promise<string> {
  const day = daysFromTodayInPacific(-daysAgo);
  const prisma = await db();
  await prisma.submission.update({ where: { reference }, data: { createdAt: new Date(`${day}T${utcTime}:00Z`) } });
  return day;
}

const textOf = (mail: ParsedMail | { text?: string | false }) => String(mail.text || '').replace(/\r\n/g, '\n');
const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) => object.value.map((entry) => entry.address?.toLowerCase()));

/** The message the SMTP server received with this subject (waiting for it to arrive). */
function received(subject: string): Promise<ParsedMail> {
  return waitUntil(() => smtp.received.find((mail) => mail.subject === subject), `a message "${subject}"`);
}
const forwardOf = (reference: string) =>
  waitUntil(() => smtp.received.find((mail) => mail.subject?.startsWith(`Clinic update ${reference} – `)), `the forward of ${reference}`);
const receiptOf = (reference: string) => received(`We received your clinic update ${reference}`);

/** The columns each change fills; every other change's columns stay null. */
const NO_CHANGE_COLUMNS = {
  newStreet: null,
  newLine2: null,
  newCity: null,
  newState: null,
  newZip: null,
  newPhone: null,
  newFax: null,
  newClinicName: null,
  newHours: null,
  acceptingNewPatients: null,
  newTinCiphertext: null,
  newTinLast4: null,
  newTinHash: null,
  description: null,
};

const CHANGE_ENUMS: Record<ChangeKind, string> = {
  address: 'ADDRESS',
  phoneFax: 'PHONE_FAX',
  name: 'NAME',
  hours: 'HOURS',
  acceptingPatients: 'ACCEPTING_PATIENTS',
  providerJoining: 'PROVIDER_JOINING',
  providerLeaving: 'PROVIDER_LEAVING',
  tin: 'TIN',
  other: 'OTHER',
};

/** What each change's valid answers (SECTION_ANSWERS) are stored as, and what the forward says of them. */
const EXPECTED: Record<
  ChangeKind,
  {
    columns: Record<string, unknown>;
    providers: Array<{ direction: string; position: number; name: string; npi: string }>;
    forward: string[];
  }
> = {
  address: {
    columns: { newStreet: '456 NE Broadway', newLine2: 'Suite 200', newCity: 'Portland', newState: 'OR', newZip: '97201-1234' },
    providers: [],
    forward: ['Address\n  New value:\n    456 NE Broadway\n    Suite 200\n    Portland, OR 97201-1234'],
  },
  phoneFax: {
    columns: { newPhone: '+15035550199', newFax: '+15035550198' },
    providers: [],
    forward: ['Phone\n  New value:\n    (503) 555-0199', 'Fax\n  New value:\n    (503) 555-0198'],
  },
  name: {
    columns: { newClinicName: 'Rose City Family Health' },
    providers: [],
    forward: ['Clinic name\n  New value:\n    Rose City Family Health'],
  },
  hours: { columns: { newHours: 'Mon–Fri 8–5\nSat 9–12' }, providers: [], forward: ['Hours\n  New value:\n    Mon–Fri 8–5\n    Sat 9–12'] },
  acceptingPatients: {
    columns: { acceptingNewPatients: false },
    providers: [],
    forward: ['Accepting new patients\n  New value:\n    No'],
  },
  providerJoining: {
    columns: {},
    providers: [
      { direction: 'JOINING', position: 0, name: 'Dr. Ana Lopez', npi: PROVIDER_NPIS[0] },
      { direction: 'JOINING', position: 1, name: 'Dr. Ben Ortiz', npi: PROVIDER_NPIS[1] },
    ],
    forward: [
      `Providers joining\n-----------------\n\nProvider joining 1: Dr. Ana Lopez (NPI ${PROVIDER_NPIS[0]})\nProvider joining 2: Dr. Ben Ortiz (NPI ${PROVIDER_NPIS[1]})`,
    ],
  },
  providerLeaving: {
    columns: {},
    providers: [{ direction: 'LEAVING', position: 0, name: 'Dr. Sam Lee', npi: PROVIDER_NPIS[2] }],
    forward: [`Providers leaving\n-----------------\n\nProvider leaving 1: Dr. Sam Lee (NPI ${PROVIDER_NPIS[2]})`],
  },
  tin: {
    // The hash is checked in the test: hashing here, at load, would read the configuration before openTestDatabase sets it.
    columns: { newTinLast4: '8035', newTinHash: expect.stringMatching(/^[0-9a-f]{64}$/), newTinCiphertext: expect.stringMatching(/^v1:/) },
    providers: [],
    forward: ['TIN\n  New value:\n    •••••8035'],
  },
  other: {
    columns: { description: 'We now offer telehealth visits.' },
    providers: [],
    forward: ['Something else\n  New value:\n    We now offer telehealth visits.'],
  },
};

describe('storing an update', () => {
  test('a multi-change update is stored with its providers, its TIN encrypted, and nothing of the changes not chosen', async () => {
    const update = validClinicUpdate(['address', 'providerLeaving'], {
      'leaving.1.name': 'Dr. Kim Park',
      'leaving.1.npi': PROVIDER_NPIS[0],
      // Answers to sections that were not chosen (typed, then unticked): none of it may be kept.
      newPhone: '503-555-0111',
      newFax: '503-555-0112',
      newClinicName: 'Junk Clinic',
      newHours: 'junk hours',
      acceptingNewPatients: 'yes',
      newTin: OTHER_TIN,
      description: 'junk description',
      'joining.0.name': 'Dr. Junk',
      'joining.0.npi': PROVIDER_NPIS[1],
      notes: 'Parking is behind the building.',
    });
    const reference = await send(update);

    const submission = await stored(reference);
    expect(submission).toMatchObject({
      kind: 'CLINIC_UPDATE',
      status: 'NEW',
      name: 'Rose City Family Clinic',
      email: 'dana@rosecity.example',
      npi: '1234567893',
      submissionKey: update.values.submissionKey,
    });
    const row = submission.clinicUpdate!;
    expect(row).toMatchObject({
      ...NO_CHANGE_COLUMNS,
      ...EXPECTED.address.columns,
      clinicName: 'Rose City Family Clinic',
      clinicNpi: '1234567893',
      tinLast4: '4321',
      senderName: 'Dana Sender',
      senderJobTitle: 'Office manager',
      senderEmail: 'dana@rosecity.example',
      senderPhone: '+15035550100',
      changes: ['ADDRESS', 'PROVIDER_LEAVING'],
      notes: 'Parking is behind the building.',
    });
    expect(row.effectiveDate.toISOString()).toBe(`${update.values.effectiveDate}T00:00:00.000Z`);
    expect(row.providers.map(({ direction, position, name, npi }) => ({ direction, position, name, npi }))).toEqual([
      { direction: 'LEAVING', position: 0, name: 'Dr. Sam Lee', npi: PROVIDER_NPIS[2] },
      { direction: 'LEAVING', position: 1, name: 'Dr. Kim Park', npi: PROVIDER_NPIS[0] },
    ]);

    // The TIN is stored only encrypted, with the keyed hash the submission carries for matching.
    expect(row.tinCiphertext).not.toContain('987654321');
    expect(row.tinCiphertext).not.toContain('4321');
    expect(decryptTin(row.tinCiphertext)).toBe('987654321');
    expect(row.tinHash).toBe(hashTin('987654321'));
    expect(submission.tinHash).toBe(row.tinHash);

    // Its two messages are written with it.
    expect(submission.outboxMessages.map((message) => [message.template, message.to.toLowerCase(), message.replyTo])).toEqual([
      ['clinic-update-forward', UPDATES_INBOX, 'dana@rosecity.example'],
      ['clinic-update-receipt', 'dana@rosecity.example', null],
    ]);
    for (const message of submission.outboxMessages) {
      expect(`${message.subject}${message.text}${message.html}`).not.toMatch(/Junk|junk|555-0111|555-0112/);
      expect(`${message.subject}${message.text}${message.html}`).not.toMatch(FULL_TINS);
    }
  });

  test('each of the nine changes can be sent alone, and is stored in its own columns only', async () => {
    for (const kind of CHANGE_KINDS) {
      // Each change is compared with nothing on file: the previous one's rows are gone.
      await drainOutbox();
      await truncateAll();
      const reference = await send(validClinicUpdate([kind]));
      const submission = await stored(reference);
      const row = submission.clinicUpdate!;
      const expected = EXPECTED[kind];
      expect({ kind, ...row }).toMatchObject({ kind, ...NO_CHANGE_COLUMNS, ...expected.columns, changes: [CHANGE_ENUMS[kind]] });
      expect({ kind, providers: row.providers.map(({ direction, position, name, npi }) => ({ direction, position, name, npi })) }).toEqual({
        kind,
        providers: expected.providers,
      });
      if (kind === 'tin') {
        expect(row.newTinCiphertext).not.toContain('912468035');
        expect(decryptTin(row.newTinCiphertext!)).toBe('912468035');
        expect(row.newTinHash).toBe(hashTin('912468035'));
      }

      const [forward, receipt] = submission.outboxMessages;
      expect(forward.template).toBe('clinic-update-forward');
      for (const snippet of expected.forward) {
        expect({ kind, forward: forward.text }).toEqual({ kind, forward: expect.stringContaining(snippet) });
        // The receipt repeats what was sent, with nothing on file to compare; but no free text to a typed address.
        const inReceipt = kind === 'other' ? 'Something else\n  New value:\n    Received (not repeated in this e-mail)' : snippet;
        expect({ kind, receipt: receipt.text }).toEqual({ kind, receipt: expect.stringContaining(inReceipt) });
      }
      for (const message of [forward, receipt]) {
        expect({ kind, message: `${message.subject}${message.text}${message.html}` }).toEqual({
          kind,
          message: expect.not.stringMatching(FULL_TINS),
        });
      }
    }
  });
});

describe('the mail it sends', () => {
  test('the forward reaches the updates inbox and the receipt the sender, escaped, with the TIN masked', async () => {
    const clinicName = 'Clinic <script>x</script> & "Co"';
    const update = validClinicUpdate(['address', 'providerLeaving'], { clinicName });
    const reference = await send(update);
    const submission = await stored(reference);

    const forward = await received(`Clinic update ${reference} – ${clinicName} – effective ${longDate(update.values.effectiveDate)}`);
    const receipt = await receiptOf(reference);
    await smtp.waitFor(2);

    expect(addressesOf(forward.to)).toEqual([UPDATES_INBOX]);
    expect(forward.replyTo?.value).toEqual([{ name: '', address: 'dana@rosecity.example' }]);
    expect(textOf(forward)).toContain(`Open it in Provider Intake: ${APP_URL}/staff/submissions/${submission.id}`);
    expect(forward.html).toContain(`href="${APP_URL}/staff/submissions/${submission.id}"`);
    expect(textOf(forward)).toContain('What is changing: Address, A provider is leaving');
    expect(textOf(forward)).toContain(`Effective date: ${longDate(update.values.effectiveDate)}`);
    expect(textOf(forward)).toContain(EXPECTED.address.forward[0]);
    expect(textOf(forward)).toContain(EXPECTED.providerLeaving.forward[0]);

    expect(addressesOf(receipt.to)).toEqual(['dana@rosecity.example']);
    expect(receipt.replyTo).toBeUndefined();
    expect(textOf(receipt)).toContain(`Your reference is ${reference}.`);
    expect(`${textOf(receipt)}${receipt.html}`).not.toContain('/staff/');

    for (const mail of [forward, receipt]) {
      expect(textOf(mail)).toContain('TIN: •••••4321');
      expect(mail.html).toContain('•••••4321');
      expect(`${mail.subject}${textOf(mail)}${mail.html}`).not.toMatch(FULL_TINS);
      expect(textOf(mail)).toContain(`Clinic name: ${clinicName}`);
      expect(mail.html).toContain('Clinic &lt;script&gt;x&lt;/script&gt; &amp; &quot;Co&quot;');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('"Co"');
    }
    expect(smtp.received).toHaveLength(2);
  });

  test('the forward compares each change with what is on file for the NPI; the receipt never shows what was on file', async () => {
    // On file: a contract request for the clinic's NPI, five days ago.
    const request = await sendContractRequest();
    const requestDay = await backdate(request, 5);
    const requestSource = `${request} of ${longDate(requestDay)}`;

    const first = await send(
      validClinicUpdate(['address', 'phoneFax', 'hours'], {
        newStreet: '4410 NE Sandy Blvd',
        newLine2: '',
        newCity: 'Portland',
        newState: 'OR',
        newZip: '97213',
        newPhone: '503-555-0142',
        newFax: '',
        newHours: 'Mon–Fri 8–6\nSat 9–1',
      }),
    );
    const forward = textOf(await forwardOf(first));
    expect(forward).toContain(
      `Address\n  Before (${requestSource}):\n    1200 SE Division St\n    Suite 4\n    Portland, OR 97202\n  After:\n    4410 NE Sandy Blvd\n    Portland, OR 97213`,
    );
    expect(forward).toContain(`Phone\n  Before (${requestSource}):\n    (503) 555-0123\n  After:\n    (503) 555-0142`);
    // No fax given: the fax on file is not compared with anything.
    expect(forward).not.toContain('Fax\n');
    expect(forward).toContain('Hours\n  New value:\n    Mon–Fri 8–6\n    Sat 9–1');
    // The same TIN as on file: no warning.
    expect(forward).not.toContain('Check: the clinic');

    const receipt = await receiptOf(first);
    const receiptText = `${textOf(receipt)}${receipt.html}`;
    expect(textOf(receipt)).toContain('4410 NE Sandy Blvd');
    expect(textOf(receipt)).toContain('(503) 555-0142');
    for (const onFile of ['Before', request, '1200 SE Division St', '(503) 555-0123', '97202']) expect(receiptText).not.toContain(onFile);

    // Later, the hours change again: the first update's hours are now the ones on file.
    const firstDay = await backdate(first, 2);
    const second = await send(
      validClinicUpdate(['hours', 'phoneFax'], { newHours: 'Mon–Sat 7–7', newPhone: '(503) 555-0177', newFax: '' }),
    );
    const secondForward = textOf(await forwardOf(second));
    expect(secondForward).toContain(
      `Hours\n  Before (${first} of ${longDate(firstDay)}):\n    Mon–Fri 8–6\n    Sat 9–1\n  After:\n    Mon–Sat 7–7`,
    );
    // The newest phone on file is the first update's, not the contract request's.
    expect(secondForward).toContain(
      `Phone\n  Before (${first} of ${longDate(firstDay)}):\n    (503) 555-0142\n  After:\n    (503) 555-0177`,
    );
    const secondReceipt = await receiptOf(second);
    expect(`${textOf(secondReceipt)}${secondReceipt.html}`).not.toMatch(/Before|Mon–Fri 8–6|555-0142/);
  });

  test('an update giving another TIN than the one on file says so in the forward, masked, and not in the receipt', async () => {
    const request = await sendContractRequest();
    const requestDay = await backdate(request, 3);
    const other = await send(validClinicUpdate(['hours'], { tin: OTHER_TIN }));
    const forward = await forwardOf(other);
    expect(textOf(forward)).toContain(
      `Check: the clinic's TIN given on this update (•••••8035) is not the TIN on file (•••••4321, from ${request} of ${longDate(requestDay)}).`,
    );
    expect(forward.html).toContain('Check: the clinic&#39;s TIN given on this update (•••••8035)');
    const receipt = await receiptOf(other);
    expect(textOf(receipt)).toContain('TIN: •••••8035');
    expect(`${textOf(receipt)}${receipt.html}`).not.toMatch(/Check: the clinic|4321/);
    for (const mail of [forward, receipt]) expect(`${textOf(mail)}${mail.html}`).not.toMatch(FULL_TINS);
  });

  test('after a TIN change, an update giving the new TIN is not flagged, and one giving the old TIN is', async () => {
    await backdate(await sendContractRequest(), 3);
    const change = await send(validClinicUpdate(['tin']));
    await forwardOf(change);
    await backdate(change, 1);
    const withNew = await send(validClinicUpdate(['hours'], { tin: OTHER_TIN }));
    expect(textOf(await forwardOf(withNew))).not.toContain('Check: the clinic');
    const withOld = await send(validClinicUpdate(['hours'], { tin: CLINIC_TIN, newHours: 'Mon–Fri 9–5' }));
    expect(textOf(await forwardOf(withOld))).toContain(
      `Check: the clinic's TIN given on this update (•••••4321) is not the TIN on file (•••••8035, from ${change} of `,
    );
  });

  // Every date in the mail is Oregon's: a contract request received at 10:30 PM Pacific is "of" that day.
  test('the date of a source on file is its day in Oregon, not in UTC', async () => {
    const request = await sendContractRequest();
    // 06:30 UTC is the evening before in Oregon (10:30 PM PST, 11:30 PM PDT).
    const utcDay = await backdate(request, 3, '06:30');
    const [year, month, day] = utcDay.split('-').map(Number);
    const oregonDay = new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
    const forward = textOf(await forwardOf(await send(validClinicUpdate(['phoneFax']))));
    expect(forward).toContain(`Phone\n  Before (${request} of ${longDate(oregonDay)}):`);
  });

  test('an update sent while the SMTP server refuses mail is stored, and both messages arrive once it accepts again', async () => {
    smtp.refuse = true;
    const prisma = await db();
    const reference = await send(validClinicUpdate(['address', 'providerLeaving']));
    const submission = await stored(reference);
    expect(submission.clinicUpdate).not.toBeNull();
    await waitUntil(async () => {
      const rows = await prisma.outboxMessage.findMany({ where: { submissionId: submission.id } });
      return rows.length === 2 && rows.every((row) => row.status === 'PENDING' && row.attempts >= 1 && row.lastError);
    }, 'both messages have been refused once');
    expect(smtp.received).toHaveLength(0);

    smtp.refuse = false;
    const forward = await forwardOf(reference);
    const receipt = await receiptOf(reference);
    expect(addressesOf(forward.to)).toEqual([UPDATES_INBOX]);
    expect(addressesOf(receipt.to)).toEqual(['dana@rosecity.example']);
    await waitUntil(
      async () => (await prisma.outboxMessage.findMany({ where: { submissionId: submission.id } })).every((row) => row.status === 'SENT'),
      'both messages are marked sent',
    );
    // Delivered once each.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(smtp.received.map((mail) => mail.subject).sort()).toEqual([forward.subject, receipt.subject].sort());
  });
});

describe('the form without JavaScript', () => {
  test('Continue shows the chosen sections with everything typed kept, and stores nothing', async () => {
    const update = validClinicUpdate(['address', 'providerLeaving'], { newStreet: '9 Half Typed St', newCity: '', 'leaving.0.npi': '' });
    const result = await act({ ...update, shown: [], intent: 'continue' });
    expect(result).toEqual({
      status: 'editing',
      changes: ['address', 'providerLeaving'],
      rows: { joining: 1, leaving: 1 },
      values: expect.objectContaining({
        clinicName: 'Rose City Family Clinic',
        tin: CLINIC_TIN,
        senderPhone: '(503) 555-0100',
        newStreet: '9 Half Typed St',
        newCity: '',
        newZip: '972011234',
        'leaving.0.name': 'Dr. Sam Lee',
        'leaving.0.npi': '',
        effectiveDate: update.values.effectiveDate,
        submissionKey: update.values.submissionKey,
      }),
      fieldErrors: {},
      notice: undefined,
    });
    expect(await counts()).toEqual(NOTHING);
  });

  test('Send with a change ticked whose questions were not shown yet shows them instead of sending', async () => {
    const update = validClinicUpdate(['address', 'hours']);
    const result = await act({ ...update, shown: ['address'] });
    expect(result).toMatchObject({
      status: 'editing',
      changes: ['address', 'hours'],
      notice: NOTICE,
      fieldErrors: {},
      values: { newStreet: '456 NE Broadway', newHours: 'Mon–Fri 8–5\nSat 9–12', tin: CLINIC_TIN },
    });
    expect(await counts()).toEqual(NOTHING);

    // Once the page has shown both sections, the same answers are sent.
    const reference = await send({ ...update, shown: ['address', 'hours'] });
    expect((await stored(reference)).clinicUpdate!.changes).toEqual(['ADDRESS', 'HOURS']);
  });

  test('Add and Remove come back with a provider row more or less, renumbered, everything typed kept', async () => {
    const joining = validClinicUpdate(['providerJoining'], { 'joining.1.name': '', 'joining.1.npi': '' });
    delete joining.values['joining.1.name'];
    delete joining.values['joining.1.npi'];
    const added = await act({ ...joining, intent: 'add:joining' });
    expect(added).toMatchObject({
      status: 'editing',
      changes: ['providerJoining'],
      rows: { joining: 2, leaving: 1 },
      values: {
        'joining.0.name': ' Dr. Ana Lopez ',
        'joining.0.npi': '124 531 9599',
        'joining.1.name': '',
        'joining.1.npi': '',
        clinicName: 'Rose City Family Clinic',
      },
    });

    const leaving = validClinicUpdate(['providerLeaving'], { 'leaving.1.name': 'Dr. Kim Park', 'leaving.1.npi': PROVIDER_NPIS[0] });
    const removed = await act({ ...leaving, intent: 'remove:leaving:0' });
    expect(removed).toMatchObject({ status: 'editing', rows: { joining: 1, leaving: 1 } });
    const removedValues = (removed as { values: Record<string, string> }).values;
    expect(removedValues).toMatchObject({ 'leaving.0.name': 'Dr. Kim Park', 'leaving.0.npi': PROVIDER_NPIS[0], tin: CLINIC_TIN });
    expect(removedValues).not.toHaveProperty('leaving.1.name');

    // A row in the middle: the ones after it move up.
    const three = validClinicUpdate(['providerLeaving'], {
      'leaving.1.name': 'Dr. Kim Park',
      'leaving.1.npi': PROVIDER_NPIS[0],
      'leaving.2.name': 'Dr. Lou Chen',
      'leaving.2.npi': PROVIDER_NPIS[1],
    });
    const middle = await act({ ...three, intent: 'remove:leaving:1' });
    expect(middle).toMatchObject({
      rows: { leaving: 2 },
      values: { 'leaving.0.name': 'Dr. Sam Lee', 'leaving.1.name': 'Dr. Lou Chen', 'leaving.1.npi': PROVIDER_NPIS[1] },
    });
    expect((middle as { values: Record<string, string> }).values).not.toHaveProperty('leaving.2.name');

    // The last row stays: a list needs one.
    const only = await act({ ...validClinicUpdate(['providerLeaving']), intent: 'remove:leaving:0' });
    expect(only).toMatchObject({ rows: { leaving: 1 }, values: { 'leaving.0.name': 'Dr. Sam Lee' } });

    // No more than the limit.
    const full = validClinicUpdate(['providerJoining']);
    for (let index = 0; index < MAX_PROVIDERS; index++) {
      full.values[`joining.${index}.name`] = `Dr. Number ${index + 1}`;
      full.values[`joining.${index}.npi`] = '';
    }
    expect(await act({ ...full, intent: 'add:joining' })).toMatchObject({ status: 'editing', rows: { joining: MAX_PROVIDERS } });
    expect(await counts()).toEqual(NOTHING);
  });

  test('invalid answers come back with each error at its field path and everything typed, and nothing is stored', async () => {
    const update = validClinicUpdate(['address', 'providerLeaving'], {
      newStreet: '',
      'leaving.0.npi': '1234567890',
      'leaving.1.name': 'Dr. Kim Park',
      'leaving.1.npi': PROVIDER_NPIS[0],
      'leaving.2.name': 'Dr. Kim Park again',
      'leaving.2.npi': ` ${PROVIDER_NPIS[0]} `,
      effectiveDate: '2/30/2027',
    });
    const result = await act(update);
    expect(result).toMatchObject({
      status: 'invalid',
      changes: ['address', 'providerLeaving'],
      rows: { joining: 1, leaving: 3 },
      values: {
        newStreet: '',
        newCity: 'Portland',
        'leaving.0.npi': '1234567890',
        'leaving.2.name': 'Dr. Kim Park again',
        effectiveDate: '2/30/2027',
        tin: CLINIC_TIN,
      },
    });
    expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      newStreet: ['Enter the new street address'],
      'leaving.0.npi': ['This NPI is not valid: check the digits'],
      'leaving.2.npi': ['This NPI is already given for provider leaving 2'],
      effectiveDate: ['Enter a real date, for example 12/1/2026'],
    });

    const nothingTicked = await act({ ...validClinicUpdate([]), changes: [] });
    expect(nothingTicked).toMatchObject({ status: 'invalid', fieldErrors: { changes: ['Choose at least one thing that is changing'] } });

    const tooLate = daysFromTodayInPacific(400);
    const late = await act(validClinicUpdate(['hours'], { effectiveDate: tooLate }));
    expect(late).toMatchObject({
      status: 'invalid',
      fieldErrors: { effectiveDate: [expect.stringMatching(/^The effective date cannot be more than a year ahead/)] },
    });
    expect(await counts()).toEqual(NOTHING);
  });

  test('a form without a valid submission key is refused with a fresh key, keeping what was typed', async () => {
    const result = await act(validClinicUpdate(['hours'], { submissionKey: 'not-a-key' }));
    expect(result).toMatchObject({
      status: 'invalid',
      formError: expect.stringContaining('submission key'),
      values: { newHours: 'Mon–Fri 8–5\nSat 9–12' },
    });
    expect((result as { values: Record<string, string> }).values.submissionKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(await counts()).toEqual(NOTHING);
  });

  test('posting the same form twice, again after Back, or at the same moment, stores one update and sends its mail once', async () => {
    const update = validClinicUpdate(['address', 'providerLeaving']);
    const first = await send(update);
    expect(await send(update)).toBe(first);
    expect(await counts()).toEqual({ submissions: 1, updates: 1, providers: 1, mail: 2 });

    // Back, then Send again: a new submission key, the very same answers.
    expect(await send({ ...update, values: { ...update.values, submissionKey: randomUUID() } })).toBe(first);
    expect(await counts()).toEqual({ submissions: 1, updates: 1, providers: 1, mail: 2 });

    const other = validClinicUpdate(['hours'], { newHours: 'Sun 10–2' });
    const references = await Promise.all([send(other), send(other), send(other)]);
    expect(new Set(references).size).toBe(1);
    expect(references[0]).not.toBe(first);
    expect(await counts()).toEqual({ submissions: 2, updates: 2, providers: 1, mail: 4 });
  });
});
