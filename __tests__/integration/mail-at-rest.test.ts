import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { lookUpLink } from '@/lib/intake/clinic-emails/verification';
import { purgeSentBodies } from '@/lib/mail/outbox';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useMailWorker } from '../helpers/mail-worker';
import { addStaff, redirectTarget, requestSignInLink, signInLinkOf, useFreshAuth, verifyLink } from '../helpers/staff';
import { waitUntil } from '../helpers/wait';

/**
 * No secret at rest in the outbox: a stolen copy of the database (or a backup) holds no sign-in or verification link
 * anyone could use, and the bodies of other mail go after MAIL_RETENTION_DAYS. Mail goes out through a real SMTP
 * server, and the links that arrive there work.
 */

const database = useTestDatabase({ truncate: true });
useFreshAuth(database);
const { smtp } = useMailWorker(database, { resetRefuse: true });

/** Every body in the outbox, as one string: what someone reading the table (or a dump of it) would see. */
async function everyStoredBody(): Promise<string> {
  const rows = await database.prisma.outboxMessage.findMany({ select: { text: true, html: true } });
  return rows.map((row) => `${row.text}\n${row.html}`).join('\n');
}

test('a sign-in link is sealed while it waits, emptied once sent, and the link that arrives signs in', async () => {
  const { prisma } = database;
  const staff = await addStaff(prisma, { email: 'rita.rest@careoregon.test', name: 'Rita Rest' });
  smtp.refuse = true; // the relay is down: the message waits in the outbox
  await requestSignInLink(staff.email);
  const waiting = await waitUntil(
    () => prisma.outboxMessage.findFirst({ where: { template: 'staff-sign-in', attempts: { gte: 1 } } }),
    'a first, refused attempt',
  );
  expect(waiting.status).toBe('PENDING');
  expect(waiting.text).toMatch(/^sealed:v1:/);
  expect(waiting.html).toMatch(/^sealed:v1:/);
  expect(await everyStoredBody()).not.toMatch(/sign-in\/link|token=|Rita/);

  smtp.refuse = false;
  const mail = await waitUntil(() => smtp.received.find((message) => message.subject === 'Sign in to Provider Intake'), 'the link');
  const sent = await waitUntil(
    () => prisma.outboxMessage.findFirst({ where: { id: waiting.id, status: 'SENT' } }),
    'the message marked sent',
  );
  expect(sent).toMatchObject({ template: 'staff-sign-in', to: staff.email, subject: 'Sign in to Provider Intake', text: '', html: '' });
  expect(sent.messageId).toBeTruthy();
  expect(await everyStoredBody()).not.toMatch(/sign-in\/link|token=/);

  // The mail itself carries the link, and it works.
  const { token } = signInLinkOf(mail);
  expect(redirectTarget(await verifyLink(token)).pathname).toBe('/staff/submissions');
});

test('verification links are sealed too; the registration’s other mail keeps its body until the retention time', async () => {
  const { prisma } = database;
  smtp.refuse = true;
  await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())));
  await waitUntil(
    async () => (await prisma.outboxMessage.count({ where: { template: 'clinic-emails-verification', attempts: { gte: 1 } } })) === 2,
    'two refused attempts',
  );
  expect(await everyStoredBody()).not.toMatch(/clinic-emails\/verify|Ana Ruiz/);

  smtp.refuse = false;
  const mail = await waitUntil(() => smtp.received.find((message) => message.subject?.startsWith('Confirm your e-mail')), 'a link');
  const token = /\/clinic-emails\/verify\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1];
  expect(await lookUpLink(token)).toMatchObject({ state: 'valid' });
  await waitUntil(
    async () => (await prisma.outboxMessage.count({ where: { template: 'clinic-emails-verification', status: 'SENT' } })) === 2,
    'both links sent',
  );
  expect(await everyStoredBody()).not.toMatch(/clinic-emails\/verify/);
  const sent = await prisma.outboxMessage.findMany({ where: { template: 'clinic-emails-verification' } });
  expect(sent.map((row) => [row.text, row.html])).toEqual([
    ['', ''],
    ['', ''],
  ]);
});

test('bodies of mail sent more than MAIL_RETENTION_DAYS ago are emptied; what was sent, to whom and when stays', async () => {
  const { prisma } = database;
  const now = new Date('2026-12-06T12:00:00Z');
  const day = 86_400_000;
  const row = (name: string, status: 'SENT' | 'FAILED', sentAt: Date | null) => ({
    template: 'contract-request-receipt',
    to: `${name}@clinic.example`,
    subject: `Receipt ${name}`,
    text: `Text of ${name}`,
    html: `<p>Html of ${name}</p>`,
    status,
    sentAt,
    messageId: sentAt ? `<${name}@relay>` : null,
  });
  await prisma.outboxMessage.createMany({
    data: [
      row('old', 'SENT', new Date(now.getTime() - 31 * day)),
      row('recent', 'SENT', new Date(now.getTime() - 29 * day)),
      row('failed', 'FAILED', null),
    ],
  });

  expect(await purgeSentBodies(prisma, 30, now)).toBe(1);
  const rows = await prisma.outboxMessage.findMany({ orderBy: { to: 'desc' } });
  expect(rows.map((message) => [message.to, message.status, message.subject, message.messageId, message.text, message.html])).toEqual([
    ['recent@clinic.example', 'SENT', 'Receipt recent', '<recent@relay>', 'Text of recent', '<p>Html of recent</p>'],
    ['old@clinic.example', 'SENT', 'Receipt old', '<old@relay>', '', ''],
    ['failed@clinic.example', 'FAILED', 'Receipt failed', null, 'Text of failed', '<p>Html of failed</p>'],
  ]);
  expect(await purgeSentBodies(prisma, 30, now)).toBe(0);
});
