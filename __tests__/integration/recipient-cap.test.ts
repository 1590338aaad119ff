import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import ContractRequestSubmittedPage from '@/app/contract-request/submitted/[reference]/page';
import { renderToStaticMarkup } from 'react-dom/server';
import { enqueue, openBody } from '@/lib/mail/outbox';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * The public forms are no mailer: an address typed into them gets at most PUBLIC_MAILS_PER_ADDRESS_PER_HOUR e-mails
 * an hour (3 here), counted on the outbox, and never the free text a stranger typed. What was sent is still
 * recorded and forwarded, and the sender still sees the reference.
 */

const database = useTestDatabase({ truncate: true, env: { PUBLIC_MAILS_PER_ADDRESS_PER_HOUR: '3' } });

const contractRequest = (overrides: Record<string, string>) =>
  redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest(overrides))));

async function outbox(template: string) {
  const rows = await database.prisma.outboxMessage.findMany({ where: { template }, orderBy: { createdAt: 'asc' } });
  return rows.map((row) => ({ to: row.to, text: openBody(row.text), html: openBody(row.html) }));
}

test('the fourth receipt in an hour to one address is withheld; the request is still stored, forwarded and confirmed', async () => {
  const addresses = ['victim@clinic.example', 'Victim@Clinic.example', 'VICTIM@clinic.example', 'victim@CLINIC.EXAMPLE'];
  const locations: Array<string | undefined> = [];
  for (const [index, email] of addresses.entries()) {
    locations.push((await contractRequest({ email, providerName: `Clinic ${index}` })).location);
  }
  for (const location of locations) expect(location).toMatch(/^\/contract-request\/submitted\/NCR-/);
  expect(await database.prisma.submission.count()).toBe(4);
  expect(await outbox('contract-request-forward')).toHaveLength(4);
  const receipts = await outbox('contract-request-receipt');
  expect(receipts.map((receipt) => receipt.to)).toEqual(addresses.slice(0, 3));

  // The confirmation page says so: the first had its receipt, the fourth did not.
  const confirmation = async (location: string | undefined) =>
    renderToStaticMarkup(await ContractRequestSubmittedPage({ params: Promise.resolve({ reference: location!.split('/').pop()! }) }));
  expect(await confirmation(locations[0])).toContain('We have sent a receipt');
  const withheld = await confirmation(locations[3]);
  expect(withheld).toContain('We did not send a receipt this time');
  expect(withheld).toContain('Your request is saved and has gone to our team');

  // Another address is counted on its own.
  await contractRequest({ email: 'someone.else@clinic.example', providerName: 'Clinic 5' });
  expect(await outbox('contract-request-receipt')).toHaveLength(4);

  // An hour on, the address may have mail again.
  await database.prisma.outboxMessage.updateMany({ data: { createdAt: new Date(Date.now() - 61 * 60_000) } });
  await contractRequest({ email: 'victim@clinic.example', providerName: 'Clinic 6' });
  expect((await outbox('contract-request-receipt')).filter((receipt) => receipt.to === 'victim@clinic.example')).toHaveLength(2);
});

test('verification links count too: a registration naming a capped address still goes in, without that link', async () => {
  for (let index = 0; index < 3; index++) await contractRequest({ email: 'ana@alberta.example', providerName: `Clinic ${index}` });
  const { location } = await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())));
  expect(location).toMatch(/^\/clinic-emails\/registered\/CAE-/);
  const links = await outbox('clinic-emails-verification');
  expect(links.map((link) => link.to)).toEqual(['ben@alberta.example']);
  expect(await database.prisma.clinicAlertContact.count()).toBe(2);
});

test('concurrent writers cannot both take the last mail an address may get', async () => {
  // Straight to the outbox: submissions are serialised anyway by their reference counter; a resent link is not.
  const draft = {
    template: 'test',
    to: 'race@clinic.example',
    subject: 'Hello',
    text: 'Hello',
    html: '<p>Hello</p>',
    toTypedAddress: true,
  };
  await Promise.all(Array.from({ length: 8 }, () => database.prisma.$transaction((tx) => enqueue(tx, null, [draft]))));
  expect(await outbox('test')).toHaveLength(3);
});

test('a receipt never repeats the free text a stranger typed; the forward to the plan keeps it', async () => {
  const notes = 'Claim your refund at http://phish.example/now';
  await contractRequest({ notes, providerName: 'Notes Clinic' });
  const update = validClinicUpdate(['other'], { description: 'Your account is locked: http://phish.example', notes });
  expect((await redirectOf(() => submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(update)))).location).toMatch(
    /^\/clinic-updates\/submitted\/CIU-/,
  );

  for (const template of ['contract-request-receipt', 'clinic-update-receipt']) {
    const [receipt] = await outbox(template);
    expect(`${receipt.text}${receipt.html}`).not.toContain('phish.example');
    expect(receipt.text).toContain('Received (not repeated in this e-mail)');
  }
  for (const template of ['contract-request-forward', 'clinic-update-forward']) {
    const [forward] = await outbox(template);
    expect(forward.text).toContain('http://phish.example');
  }
});
