import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { db } from '@/lib/db/client';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { smtpMailer } from '@/lib/mail/mailer';
import { claimDue, deliver, enqueue, retryDelaySeconds, type OutboxTiming } from '@/lib/mail/outbox';
import { startOutboxWorker } from '@/lib/mail/worker';
import { useTestDatabase } from '../helpers/database';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { waitUntil } from '../helpers/wait';

const database = useTestDatabase({ truncate: true });
// Each test has an SMTP server of its own.
let smtp: TestSmtp;
beforeEach(async () => {
  smtp = await startTestSmtp();
});
afterEach(async () => {
  await smtp.close();
});

const fast: OutboxTiming = { firstRetrySeconds: 0.2, maxRetrySeconds: 1, giveUpHours: 24, leaseSeconds: 1 };

async function enqueueMessages(count: number) {
  const prisma = await db();
  await prisma.$transaction((tx) =>
    enqueue(
      tx,
      null,
      Array.from({ length: count }, (_, index) => ({
        template: 'test',
        to: `person${index}@example.org`,
        replyTo: 'applicant@example.org',
        subject: `Message ${index}`,
        text: `Body ${index}`,
        html: `<p>Body ${index}</p>`,
      })),
    ),
  );
}

async function statuses() {
  const rows = await (await db()).outboxMessage.findMany({ select: { status: true } });
  return rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.status]: (counts[row.status] ?? 0) + 1 }), {});
}

test('a worker sends each message with its headers and records the SMTP message id', async () => {
  await enqueueMessages(3);
  const prisma = await db();
  const mailer = smtpMailer(smtp.url, 'Provider Intake <no-reply@intake.test>');
  const worker = startOutboxWorker({ prisma, mailer, timing: fast, pollSeconds: 0.05 });
  try {
    await smtp.waitFor(3);
    await waitUntil(async () => (await statuses()).SENT === 3, 'all three are marked sent');
  } finally {
    await worker.stop();
    mailer.close();
  }
  const message = smtp.received.find((mail) => mail.subject === 'Message 1')!;
  expect(message.from?.value).toEqual([{ name: 'Provider Intake', address: 'no-reply@intake.test' }]);
  expect(message.replyTo?.text).toBe('applicant@example.org');
  expect(message.text?.trim()).toBe('Body 1');
  expect(message.html).toContain('<p>Body 1</p>');
  const rows = await prisma.outboxMessage.findMany();
  for (const row of rows) {
    expect(row.messageId).toBe(`<${row.id}@provider-intake>`);
    expect(row.sentAt).not.toBeNull();
  }
  expect(smtp.received.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
});

test('when SMTP refuses, messages wait and retry with backoff, then go out once it recovers', async () => {
  await enqueueMessages(2);
  smtp.refuse = true;
  const prisma = await db();
  const mailer = smtpMailer(smtp.url, 'no-reply@intake.test');
  const worker = startOutboxWorker({ prisma, mailer, timing: fast, pollSeconds: 0.05 });
  try {
    await waitUntil(
      async () => (await prisma.outboxMessage.findMany()).every((row) => row.attempts >= 2 && row.lastError !== null),
      'two refused attempts each',
    );
    expect(smtp.received).toHaveLength(0);
    expect(await statuses()).toEqual({ PENDING: 2 });
    expect((await prisma.outboxMessage.findFirstOrThrow()).lastError).toMatch(/451|try again/i);
    smtp.refuse = false;
    await smtp.waitFor(2);
    await waitUntil(async () => (await statuses()).SENT === 2, 'both are marked sent');
  } finally {
    await worker.stop();
    mailer.close();
  }
  expect(smtp.received).toHaveLength(2);
});

test('retry delays start small, double, and stop growing at the maximum', () => {
  const timing: OutboxTiming = { firstRetrySeconds: 5, maxRetrySeconds: 300, giveUpHours: 24, leaseSeconds: 120 };
  expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempts) => retryDelaySeconds(attempts, timing))).toEqual([
    5, 10, 20, 40, 80, 160, 300, 300, 300,
  ]);
});

test('a message still failing after the give-up time is marked failed, and is not retried', async () => {
  await enqueueMessages(1);
  const prisma = await db();
  await prisma.outboxMessage.updateMany({ data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
  smtp.refuse = true;
  const mailer = smtpMailer(smtp.url, 'no-reply@intake.test');
  try {
    await deliver(prisma, mailer, await claimDue(prisma, 10, 60), fast);
  } finally {
    mailer.close();
  }
  expect(await statuses()).toEqual({ FAILED: 1 });
  expect(await claimDue(prisma, 10, 60)).toHaveLength(0);
});

test('a message the relay took while the database could not record it is recorded once the database answers, and not sent again', async () => {
  await enqueueMessages(1);
  const prisma = await db();
  // The database refuses the first two writes of the outcome, as during a restart.
  let refusals = 2;
  const restarting = new Proxy(prisma, {
    get: (target, property) =>
      property === 'outboxMessage'
        ? {
            updateMany: (args: Parameters<typeof target.outboxMessage.updateMany>[0]) =>
              refusals-- > 0 ? Promise.reject(new Error("Can't reach database server")) : target.outboxMessage.updateMany(args),
          }
        : Reflect.get(target, property),
  });
  const mailer = smtpMailer(smtp.url, 'no-reply@intake.test');
  try {
    expect(await deliver(restarting, mailer, await claimDue(prisma, 10, 1), fast)).toBe(1);
  } finally {
    mailer.close();
  }
  expect(refusals).toBeLessThan(0);
  expect(await statuses()).toEqual({ SENT: 1 });
  // Once the claim's lease has run out, there is still nothing to send again.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  expect(await claimDue(prisma, 10, 1)).toHaveLength(0);
  expect(smtp.received).toHaveLength(1);
});

test('a crash between claim and send loses nothing: the message is claimed again when the lease ends', async () => {
  await enqueueMessages(4);
  const prisma = await db();
  // A worker claims the messages and dies before sending any of them.
  const abandoned = await claimDue(prisma, 10, 1);
  expect(abandoned).toHaveLength(4);
  // While the lease runs, nobody else takes them.
  expect(await claimDue(prisma, 10, 1)).toHaveLength(0);

  const mailer = smtpMailer(smtp.url, 'no-reply@intake.test');
  const worker = startOutboxWorker({ prisma, mailer, timing: fast, pollSeconds: 0.05 });
  try {
    await smtp.waitFor(4);
    await waitUntil(async () => (await statuses()).SENT === 4, 'all four are marked sent');
  } finally {
    await worker.stop();
    mailer.close();
  }
  expect(smtp.received).toHaveLength(4);
  expect((await prisma.outboxMessage.findMany()).every((row) => row.attempts === 2)).toBe(true);
});

test('two workers draining one outbox never send a message twice', async () => {
  const count = 120;
  await enqueueMessages(count);
  const prisma = await db();
  // On PostgreSQL the second worker has its own connection pool, as a second process would.
  const pool = database.testDb.url ? new Pool({ connectionString: database.testDb.url }) : undefined;
  const second = pool ? new PrismaClient({ adapter: new PrismaPg(pool) }) : prisma;
  const mailers = [smtpMailer(smtp.url, 'no-reply@intake.test'), smtpMailer(smtp.url, 'no-reply@intake.test')];
  const workers = [
    startOutboxWorker({ prisma, mailer: mailers[0], timing: fast, pollSeconds: 0.05, batchSize: 10 }),
    startOutboxWorker({ prisma: second, mailer: mailers[1], timing: fast, pollSeconds: 0.05, batchSize: 10 }),
  ];
  try {
    await smtp.waitFor(count);
    await waitUntil(async () => (await statuses()).SENT === count, 'every message is marked sent');
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    mailers.forEach((mailer) => mailer.close());
    if (pool) {
      await second.$disconnect();
      await pool.end();
    }
  }
  const subjects = smtp.received.map((mail) => mail.subject);
  expect(subjects).toHaveLength(count);
  expect(new Set(subjects).size).toBe(count);
});
