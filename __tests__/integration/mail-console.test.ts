import type { PrismaClient } from '@/lib/generated/prisma/client';
import { enqueue } from '@/lib/mail/outbox';
import { retryMail } from '@/lib/staff/mail-console';
import { WorkError } from '@/lib/staff/work';
import { useTestDatabase } from '../helpers/database';
import { useMailWorker } from '../helpers/mail-worker';
import { waitUntil } from '../helpers/wait';

/**
 * A permanent refusal from a real SMTP server (550, an unknown mailbox) fails a message at once; Retry, once the
 * relay accepts it, delivers it exactly once, audited; what cannot be retried says why.
 */

const database = useTestDatabase({ truncate: true });
const { smtp, drain } = useMailWorker(database);
let prisma: PrismaClient;
const reviewer = { id: '', email: 'rae.mail@careoregon.example', role: 'reviewer' as const };

beforeAll(async () => {
  prisma = database.prisma;
  reviewer.id = (
    await prisma.staffUser.create({ data: { email: reviewer.email, name: 'Rae Mail', role: 'reviewer', emailVerified: true } })
  ).id;
});

afterEach(() => smtp.unknownMailboxes.clear());

async function write(to: string, subject: string, isSecret = false) {
  await prisma.$transaction((tx) =>
    enqueue(tx, null, [{ template: 'test', to, subject, text: subject, html: `<p>${subject}</p>`, isSecret }]),
  );
  return prisma.outboxMessage.findFirstOrThrow({ where: { subject } });
}

const failed = async (id: string) => (await prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status === 'FAILED';

test('a 550 fails the message at once; Retry after the mailbox exists delivers it once, audited', async () => {
  smtp.unknownMailboxes.add('gone@clinic.example');
  const message = await write('gone@clinic.example', 'Your receipt');
  await waitUntil(() => failed(message.id), 'the message has failed');
  const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
  expect(row.attempts).toBe(1);
  expect(row.lastError).toMatch(/550/);
  expect(smtp.received).toHaveLength(0);

  smtp.unknownMailboxes.clear();
  await retryMail(reviewer, message.id);
  await drain();
  await smtp.waitFor(1);
  expect(smtp.received.map((mail) => mail.subject)).toEqual(['Your receipt']);
  expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'SENT', attempts: 2 });
  const [audit] = await prisma.auditEvent.findMany({ where: { action: 'mail_retry' } });
  expect(audit).toMatchObject({ actorEmail: reviewer.email, details: { outboxId: message.id, template: 'test' } });

  // Sent now: a second Retry is refused, and nothing more is sent.
  await expect(retryMail(reviewer, message.id)).rejects.toThrow(
    new WorkError('That message has not failed (it was sent, or is already waiting to be sent).', 'refused'),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(smtp.received).toHaveLength(1);
});

test('a temporary refusal (451) keeps the back-off: the message waits, it does not fail', async () => {
  smtp.refuse = true;
  try {
    const message = await write('busy@clinic.example', 'Busy relay');
    await waitUntil(
      async () => (await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).attempts >= 2,
      'two attempts',
    );
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: 'PENDING' });
  } finally {
    smtp.refuse = false;
  }
  await drain();
  expect(smtp.received.map((mail) => mail.subject)).toEqual(['Busy relay']);
});

test('a failed message that carried a single-use link cannot be sent again; a viewer cannot retry anything', async () => {
  smtp.unknownMailboxes.add('nobody@clinic.example');
  const secret = await write('nobody@clinic.example', 'Confirm your address', true);
  await waitUntil(() => failed(secret.id), 'the message has failed');
  expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: secret.id } })).toMatchObject({ text: '', html: '' });
  await expect(retryMail(reviewer, secret.id)).rejects.toThrow(/single-use link/);
  await expect(retryMail({ ...reviewer, role: 'viewer' }, secret.id)).rejects.toMatchObject({ kind: 'forbidden' });
  const retries = await prisma.auditEvent.findMany({ where: { action: 'mail_retry' } });
  expect(retries.filter((event) => (event.details as { outboxId?: string }).outboxId === secret.id)).toEqual([]);
});
