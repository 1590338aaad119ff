import { submitContractRequest } from '@/app/contract-request/actions';
import { db } from '@/lib/db/client';
import { decryptTin, hashTin } from '@/lib/crypto/tin';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

useTestDatabase({ truncate: true });

const submit = (values: Record<string, string>) => redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(values)));

test('a valid request is stored with its two e-mails, and the browser is sent to the confirmation', async () => {
  const { location } = await submit(validContractRequest());
  expect(location).toMatch(/^\/contract-request\/submitted\/NCR-[0-9A-HJKMNP-TV-Z]{8}$/);
  const reference = location!.split('/').pop()!;

  const prisma = await db();
  const submission = await prisma.submission.findUniqueOrThrow({
    where: { reference },
    include: { contractRequest: true, outboxMessages: true },
  });
  expect(submission).toMatchObject({ kind: 'CONTRACT_REQUEST', status: 'NEW', name: 'Rose City Family Clinic', npi: '1234567893' });
  const request = submission.contractRequest!;
  expect(request).toMatchObject({
    taxonomyCode: '207Q00000X',
    phone: '+15035550123',
    fax: '+15035550199',
    physicalZip: '97202',
    mailingStreet: 'PO Box 4410',
    mailingZip: '97208-4410',
    tinLast4: '4321',
    dmapId: 'AB12345',
    dmapPending: false,
    notes: 'We see <b>walk-ins</b> & "urgent" cases.',
  });
  // The TIN is stored only encrypted, with a keyed hash for matching.
  expect(request.tinCiphertext).not.toContain('987654321');
  expect(decryptTin(request.tinCiphertext)).toBe('987654321');
  expect(request.tinHash).toBe(hashTin('987654321'));
  expect(submission.tinHash).toBe(request.tinHash);

  const mail = submission.outboxMessages.sort((a, b) => a.template.localeCompare(b.template));
  expect(mail.map((message) => [message.template, message.to, message.status])).toEqual([
    ['contract-request-forward', 'newcontractrequest@careoregon.org', 'PENDING'],
    ['contract-request-receipt', 'office@rosecity.example', 'PENDING'],
  ]);
  expect(mail[0].subject).toBe(`New contract request ${reference} – Rose City Family Clinic`);
  expect(mail[0].replyTo).toBe('office@rosecity.example');
  expect(mail[0].text).toContain(`https://intake.test/staff/submissions/${submission.id}`);
  for (const message of mail) {
    expect(message.text).toContain('•••••4321');
    expect(message.text + message.html).not.toMatch(/987654321|98-7654321|87654321/);
  }
  // The notes reach the plan escaped; the receipt, to a typed address, does not repeat them (decision 010).
  expect(mail[0].html).toContain('We see &lt;b&gt;walk-ins&lt;/b&gt; &amp; &quot;urgent&quot; cases.');
  expect(mail[1].html).not.toContain('walk-ins');
});

test('posting the same form twice gives the same confirmation, with no second record and no second e-mail', async () => {
  const values = validContractRequest();
  const first = await submit(values);
  const second = await submit(values);
  expect(second.location).toBe(first.location);
  const prisma = await db();
  expect(await prisma.submission.count()).toBe(1);
  expect(await prisma.outboxMessage.count()).toBe(2);
});

test('two identical posts at the same moment still make one submission', async () => {
  const values = validContractRequest();
  const results = await Promise.all([submit(values), submit(values), submit(values)]);
  expect(new Set(results.map((result) => result.location)).size).toBe(1);
  const prisma = await db();
  expect(await prisma.submission.count()).toBe(1);
  expect(await prisma.outboxMessage.count()).toBe(2);
});

test('an invalid request stores nothing and returns each error with everything typed, the TIN included', async () => {
  const values = validContractRequest({ npi: '1234567890', physicalStreet: 'P.O. Box 12', dmapId: '', physicalCity: '' });
  const { location, result } = await submit(values);
  expect(location).toBeUndefined();
  expect(result).toMatchObject({
    status: 'invalid',
    fieldErrors: {
      npi: ['This NPI is not valid: check the digits'],
      physicalStreet: ['Enter the street address where care is given: a PO Box is not a physical address'],
      physicalCity: ['Enter the city'],
      dmapId: ['Enter the DMAP ID, or tick “My DMAP enrollment is pending”'],
    },
    values: { ...values },
  });
  expect((result as { values: Record<string, string> }).values.tin).toBe('98-7654321');
  expect(await (await db()).submission.count()).toBe(0);
});

test('a specialty code that is not in the NUCC code set is refused by the server', async () => {
  const { result } = await submit(validContractRequest({ taxonomyCode: '999Z00000X' }));
  expect(result).toMatchObject({ status: 'invalid', fieldErrors: { taxonomyCode: ['Choose a specialty from the list'] } });
});

test('a name with a line break (header injection) is a validation error, not a new header', async () => {
  const { result } = await submit(validContractRequest({ providerName: 'Clinic\r\nBcc: victim@example.com' }));
  expect(result).toMatchObject({ status: 'invalid', fieldErrors: { providerName: ['Use a single line, without line breaks'] } });
  expect(await (await db()).outboxMessage.count()).toBe(0);
});

test('a form without a valid submission key is refused, keeping what was typed', async () => {
  const values = validContractRequest({ submissionKey: 'not-a-key' });
  const { result } = await submit(values);
  expect(result).toMatchObject({ status: 'invalid', formError: expect.stringContaining('submission key'), values: { npi: values.npi } });
  expect(await (await db()).submission.count()).toBe(0);
});

test('the very same answers sent again with a new submission key (Back, then Submit) find the first request', async () => {
  const first = await submit(validContractRequest());
  const again = await submit(validContractRequest());
  expect(again.location).toBe(first.location);
  const changed = await submit(validContractRequest({ providerName: 'Rose City Family Clinic East' }));
  expect(changed.location).not.toBe(first.location);
  const prisma = await db();
  expect(await prisma.submission.count()).toBe(2);
  expect(await prisma.outboxMessage.count()).toBe(4);
});

test('the no-JS select posts the specialty’s label: it is stored as its code, and a name two codes share needs its code', async () => {
  const { location } = await submit(validContractRequest({ taxonomyCode: '  Family   Medicine ' }));
  const prisma = await db();
  const stored = await prisma.contractRequest.findFirstOrThrow({ where: { submission: { reference: location!.split('/').pop() } } });
  expect(stored.taxonomyCode).toBe('207Q00000X');

  const { location: second } = await submit(validContractRequest({ taxonomyCode: 'Legal Medicine (209800000X)', npi: '1245319599' }));
  const legal = await prisma.contractRequest.findFirstOrThrow({ where: { submission: { reference: second!.split('/').pop() } } });
  expect(legal.taxonomyCode).toBe('209800000X');

  const { result } = await submit(validContractRequest({ taxonomyCode: 'Legal Medicine' }));
  expect(result).toMatchObject({ status: 'invalid', fieldErrors: { taxonomyCode: ['Choose a specialty from the list'] } });
  // What was posted comes back as it was, so the re-shown select can choose it again.
  expect((result as { values: Record<string, string> }).values.taxonomyCode).toBe('Legal Medicine');
});
