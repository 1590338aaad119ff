import { confirmAddress, registerClinicEmails, resendLink, sendNewLink } from '@/app/clinic-emails/actions';
import { hashLinkToken } from '@/lib/crypto/tokens';
import { db } from '@/lib/db/client';
import { forwardExpiredRegistrations } from '@/lib/intake/clinic-emails/forwarding';
import { findRegistrationForRegistrant, lookUpLink } from '@/lib/intake/clinic-emails/verification';
import { validClinicEmails as registration } from '../fixtures/clinic-emails';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useMailWorker } from '../helpers/mail-worker';
import { waitUntil } from '../helpers/wait';

const database = useTestDatabase({ truncate: true });
const { smtp } = useMailWorker(database);

async function register(values: Record<string, string>) {
  const { location, result } = await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(values)));
  if (!location) throw new Error(`not registered: ${JSON.stringify(result)}`);
  const url = new URL(location, 'https://intake.test');
  return { reference: url.pathname.split('/').pop()!, key: url.searchParams.get('key')! };
}

/** The verification link in the message the SMTP server received for this address. */
async function linkFor(address: string, nth = 1): Promise<string> {
  const message = await waitUntil(
    () =>
      smtp.received.filter((mail) => (mail.to as { text: string }).text === address && mail.subject?.startsWith('Confirm your e-mail'))[
        nth - 1
      ],
    `verification mail ${nth} for ${address}`,
  );
  const match = /https:\/\/intake\.test\/clinic-emails\/verify\/([A-Za-z0-9_-]{43})/.exec(message.text ?? '');
  if (!match) throw new Error(`no link in: ${message.text}`);
  return match[1];
}

/** The first message received whose subject is this (waiting for it to arrive). */
function mailWithSubject(subject: string) {
  return waitUntil(() => smtp.received.find((mail) => mail.subject === subject), `a message "${subject}"`);
}

const confirm = (token: string) => redirectOf(() => confirmAddress(toFormData({ token })));

test('each person gets a link; confirming both forwards one verified list to the alerts inbox and a receipt', async () => {
  const { reference, key } = await register(registration());
  expect(reference).toMatch(/^CAE-[0-9A-HJKMNP-TV-Z]{8}$/);

  const anaToken = await linkFor('ana@alberta.example');
  const benToken = await linkFor('ben@alberta.example');
  const prisma = await db();
  const contacts = await prisma.clinicAlertContact.findMany({ orderBy: { position: 'asc' } });
  // Only the hash of a token is stored.
  expect(contacts.map((contact) => contact.tokenHash)).toEqual([hashLinkToken(anaToken), hashLinkToken(benToken)]);
  expect(JSON.stringify(contacts)).not.toContain(anaToken);

  // Opening the link (a GET, as a mail scanner does) changes nothing.
  expect(await lookUpLink(anaToken)).toMatchObject({ state: 'valid', email: 'ana@alberta.example', clinicName: 'Alberta Street Clinic' });
  expect((await findRegistrationForRegistrant(reference, key))!.contacts.map((contact) => contact.state)).toEqual(['waiting', 'waiting']);

  expect((await confirm(anaToken)).location).toBe(`/clinic-emails/verify/${anaToken}?confirmed=1`);
  expect(await prisma.outboxMessage.count({ where: { template: 'clinic-emails-forward' } })).toBe(0);
  expect((await confirm(benToken)).location).toBe(`/clinic-emails/verify/${benToken}?confirmed=1`);

  const forward = await mailWithSubject(`Alert e-mail registration ${reference} – Alberta Street Clinic`);
  expect((forward.to as { text: string }).text).toBe('careoregonalerts@careoregon.org');
  expect(forward.replyTo?.value[0].address).toBe('cam@alberta.example');
  expect(forward.text).toMatch(/Ana Ruiz, Office manager\s+ana@alberta\.example\s+Verified .+ Pacific/);
  expect(forward.text).toMatch(/Ben Cho, Billing lead\s+ben@alberta\.example\s+Verified .+ Pacific/);
  expect(forward.text).not.toContain('NOT VERIFIED');
  const receipt = await mailWithSubject(`Your alert e-mail registration ${reference} was sent to CareOregon`);
  expect((receipt.to as { text: string }).text).toBe('cam@alberta.example');

  const page = (await findRegistrationForRegistrant(reference, key))!;
  expect(page.contacts.map((contact) => contact.state)).toEqual(['verified', 'verified']);
  expect(page.forwardedAt).not.toBeNull();
});

test('a link works once: used again it says so, and nothing is forwarded twice', async () => {
  const single = registration();
  delete (single as Record<string, string>)['people.1.fullName'];
  delete (single as Record<string, string>)['people.1.jobTitle'];
  delete (single as Record<string, string>)['people.1.email'];
  await register(single);
  const token = await linkFor('ana@alberta.example');
  await confirm(token);
  expect((await confirm(token)).location).toBe(`/clinic-emails/verify/${token}`);
  expect(await lookUpLink(token)).toMatchObject({ state: 'used' });
  expect(await lookUpLink('A'.repeat(43))).toEqual({ state: 'unknown' });
  const prisma = await db();
  expect(await prisma.outboxMessage.count({ where: { template: 'clinic-emails-forward' } })).toBe(1);
});

test('when links expire with some addresses unverified, the list is forwarded with those marked', async () => {
  const { reference } = await register(registration());
  await confirm(await linkFor('ana@alberta.example'));
  const prisma = await db();
  expect(await forwardExpiredRegistrations(prisma)).toBe(0);

  const later = new Date(Date.now() + 73 * 3_600_000);
  expect(await forwardExpiredRegistrations(prisma, later)).toBe(1);
  expect(await forwardExpiredRegistrations(prisma, later)).toBe(0);

  const forward = await mailWithSubject(`Alert e-mail registration ${reference} – Alberta Street Clinic`);
  expect(forward.text).toContain('1 of 2 addresses was NOT verified before its link expired');
  expect(forward.text).toMatch(/Ana Ruiz, Office manager\s+ana@alberta\.example\s+Verified/);
  expect(forward.text).toMatch(/Ben Cho, Billing lead\s+ben@alberta\.example\s+NOT VERIFIED/);
});

test('an expired link cannot confirm, and the person can ask for a new one', async () => {
  await register(registration());
  const token = await linkFor('ben@alberta.example');
  const prisma = await db();
  await prisma.clinicAlertContact.updateMany({
    where: { email: 'ben@alberta.example' },
    data: { tokenExpiresAt: new Date(Date.now() - 1000) },
  });
  expect(await lookUpLink(token)).toMatchObject({ state: 'expired' });
  await confirm(token);
  expect((await prisma.clinicAlertContact.findFirstOrThrow({ where: { email: 'ben@alberta.example' } })).verifiedAt).toBeNull();

  expect((await redirectOf(() => sendNewLink(toFormData({ token })))).location).toBe(`/clinic-emails/verify/${token}?resent=sent`);
  const fresh = await linkFor('ben@alberta.example', 2);
  expect(await lookUpLink(fresh)).toMatchObject({ state: 'valid' });
  expect(await lookUpLink(token)).toEqual({ state: 'unknown' });
});

test('the registrant can send a fresh link to an unverified address, three times a day at most', async () => {
  const { reference, key } = await register(registration());
  const first = await linkFor('ben@alberta.example');
  const page = (await findRegistrationForRegistrant(reference, key))!;
  const ben = page.contacts.find((contact) => contact.email === 'ben@alberta.example')!;
  const resend = () => redirectOf(() => resendLink(toFormData({ reference, key, contactId: ben.id })));

  expect((await resend()).location).toContain('resent=sent');
  const second = await linkFor('ben@alberta.example', 2);
  expect(await lookUpLink(first)).toEqual({ state: 'unknown' });
  expect(await lookUpLink(second)).toMatchObject({ state: 'valid' });
  expect((await resend()).location).toContain('resent=sent');
  expect((await resend()).location).toContain('resent=sent');
  expect((await resend()).location).toContain('resent=limit');
  expect((await findRegistrationForRegistrant(reference, key))!.contacts.find((contact) => contact.id === ben.id)!.canResend).toBe(false);

  // The page and its actions need the key from the registrant's link.
  expect(await findRegistrationForRegistrant(reference, 'x'.repeat(32))).toBeUndefined();
  expect((await redirectOf(() => resendLink(toFormData({ reference, key: 'wrong', contactId: ben.id })))).location).toContain(
    'resent=not-found',
  );
});

test('without JavaScript, Add and Remove come back with a row more or less and everything typed kept', async () => {
  const values = registration();
  const added = await registerClinicEmails({ status: 'idle' }, toFormData({ ...values, intent: 'add' }));
  expect(added).toMatchObject({ status: 'editing', rows: 3, fieldErrors: {} });
  expect(added.status !== 'idle' && added.values).toMatchObject({
    'people.1.email': 'ben@alberta.example',
    'people.2.email': '',
    clinicName: 'Alberta Street Clinic',
  });

  const removed = await registerClinicEmails({ status: 'idle' }, toFormData({ ...values, intent: 'remove:0' }));
  expect(removed).toMatchObject({ status: 'editing', rows: 1 });
  expect(removed.status !== 'idle' && removed.values).toMatchObject({
    'people.0.fullName': 'Ben Cho',
    'people.0.email': 'ben@alberta.example',
  });
  expect(await (await db()).submission.count()).toBe(0);
});

test('the same address twice is an error on the second, with everything typed kept and nothing stored', async () => {
  const result = await registerClinicEmails({ status: 'idle' }, toFormData(registration({ 'people.1.email': 'ANA@alberta.example ' })));
  expect(result).toMatchObject({
    status: 'invalid',
    fieldErrors: { 'people.1.email': ['This address is already given for person 1'] },
    values: { 'people.1.email': 'ANA@alberta.example ', registrantName: 'Cam Diaz' },
  });
  expect(await (await db()).submission.count()).toBe(0);
});

test('two people confirming at the same moment forward the list exactly once', async () => {
  await register(registration());
  const tokens = await Promise.all([linkFor('ana@alberta.example'), linkFor('ben@alberta.example')]);
  await Promise.all(tokens.map(confirm));
  const prisma = await db();
  expect(await prisma.outboxMessage.count({ where: { template: 'clinic-emails-forward' } })).toBe(1);
  expect(await prisma.outboxMessage.count({ where: { template: 'clinic-emails-receipt' } })).toBe(1);
});

test('a clinic’s next list is compared with the one on file: added, removed, unchanged; the receipt does not show it', async () => {
  const first = await register(registration());
  await confirm(await linkFor('ana@alberta.example'));
  await confirm(await linkFor('ben@alberta.example'));
  const firstForward = await mailWithSubject(`Alert e-mail registration ${first.reference} – Alberta Street Clinic`);
  expect(firstForward.text).toContain('This is the first alert list we have for NPI 1234567893.');
  expect(firstForward.text).toContain('Verification proves that each person controls the mailbox at their address');

  // The next list keeps Ana (now in other capitals), drops Ben, adds Dee.
  const second = await register(
    registration({ 'people.0.email': 'ANA@alberta.example', 'people.1.fullName': 'Dee Fox', 'people.1.email': 'dee@alberta.example' }),
  );
  await confirm(await linkFor('ANA@alberta.example'));
  await confirm(await linkFor('dee@alberta.example'));
  const secondForward = await mailWithSubject(`Alert e-mail registration ${second.reference} – Alberta Street Clinic`);
  expect(secondForward.text).toMatch(new RegExp(`Compared with the list on file \\(${first.reference} of [A-Z][a-z]+ \\d+, \\d{4}\\)`));
  expect(secondForward.text).toContain('Added: dee@alberta.example\n');
  expect(secondForward.text).toContain('Removed: ben@alberta.example\n');
  expect(secondForward.text).toContain('Unchanged: ana@alberta.example\n');
  const receipt = await mailWithSubject(`Your alert e-mail registration ${second.reference} was sent to CareOregon`);
  expect(receipt.text).not.toContain('Compared with');
  expect(receipt.text).not.toContain('ben@alberta.example');
});
