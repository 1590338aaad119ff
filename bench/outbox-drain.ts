// Outbox drain: enqueue N messages in one transaction (lib/mail/outbox enqueue, the app's db), start a test
// SMTP server with a greeting delay, run two startOutboxWorker instances (each its own pooled smtpMailer)
// until every row is SENT, then check nothing arrived twice. Prints one line: RESULT {json}.
// Run by bench/run.ts as `node --import tsx bench/outbox-drain.ts` with DATABASE_URL (or DATA_DIR for PGlite).
import { PrismaPg } from '@prisma/adapter-pg';
import { closeDatabase, database } from '@/lib/db/client';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { smtpMailer, type Mailer } from '@/lib/mail/mailer';
import { enqueue, type OutboxTiming } from '@/lib/mail/outbox';
import { startOutboxWorker, type OutboxWorker } from '@/lib/mail/worker';
import { startTestSmtp, type TestSmtp } from '../__tests__/helpers/smtp';
import { exitWithParent } from './lib';

const COUNT = Number(process.env.BENCH_OUTBOX_COUNT ?? 2000);
const GREETING_DELAY_MS = Number(process.env.BENCH_GREETING_DELAY_MS ?? 100);
const TIME_LIMIT_MS = Number(process.env.BENCH_OUTBOX_TIME_LIMIT_MS ?? 90_000);
const timing: OutboxTiming = { firstRetrySeconds: 1, maxRetrySeconds: 5, giveUpHours: 24, leaseSeconds: 60 };

async function main() {
  const { prisma, engine } = await database();
  let smtp: TestSmtp | undefined;
  let second: PrismaClient | undefined;
  const workers: OutboxWorker[] = [];
  const mailers: Mailer[] = [];
  try {
    const t0 = performance.now();
    await prisma.$transaction(
      (tx) =>
        enqueue(
          tx,
          null,
          Array.from({ length: COUNT }, (_, index) => ({
            template: 'bench',
            to: `person${index}@example.org`,
            replyTo: 'applicant@example.org',
            subject: `Bench message ${index}`,
            text: `Body ${index}\nA few lines of text, about the size of a short receipt.`,
            html: `<p>Body ${index}</p><p>A few lines of text, about the size of a short receipt.</p>`,
          })),
        ),
      { timeout: 60_000 },
    );
    const enqueueMs = performance.now() - t0;

    smtp = await startTestSmtp({ greetingDelayMs: GREETING_DELAY_MS });
    // On PostgreSQL the second worker gets its own pool, as a second process would; PGlite is one process's.
    second = process.env.DATABASE_URL
      ? new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) })
      : undefined;
    const sentBy = [0, 0];
    for (let index = 0; index < 2; index++) {
      const inner = smtpMailer(smtp.url, 'Provider Intake <no-reply@intake.test>');
      mailers.push(inner);
      const counted: Mailer = {
        send: async (mail) => {
          const result = await inner.send(mail);
          if (result.ok) sentBy[index]++;
          return result;
        },
        close: () => inner.close(),
      };
      workers.push(startOutboxWorker({ prisma: index === 0 ? prisma : (second ?? prisma), mailer: counted, timing, pollSeconds: 0.05 }));
    }

    const t1 = performance.now();
    const deadline = t1 + TIME_LIMIT_MS;
    let sent = 0;
    while (performance.now() < deadline) {
      sent = await prisma.outboxMessage.count({ where: { status: 'SENT' } });
      if (sent >= COUNT && smtp.received.length >= COUNT) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const drainMs = performance.now() - t1;
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    // Anything still in flight lands now: wait a moment so a duplicate sent late is counted too.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const subjects = smtp.received.map((mail) => mail.subject ?? '');
    const messageIds = smtp.received.map((mail) => mail.messageId ?? '');
    const statuses = await prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    const attempts = await prisma.outboxMessage.aggregate({ _max: { attempts: true }, _sum: { attempts: true } });
    const result = {
      engine,
      messages: COUNT,
      greetingDelayMs: GREETING_DELAY_MS,
      enqueueMs: Math.round(enqueueMs),
      drainSeconds: Math.round(drainMs) / 1000,
      complete: sent >= COUNT,
      sentRows: sent,
      messagesPerSecond: Math.round((sent / (drainMs / 1000)) * 10) / 10,
      received: smtp.received.length,
      uniqueSubjects: new Set(subjects).size,
      uniqueMessageIds: new Set(messageIds).size,
      duplicates: smtp.received.length - new Set(messageIds).size,
      sentByWorker: sentBy,
      statuses: Object.fromEntries(statuses.map((row) => [row.status, row._count._all])),
      totalAttempts: attempts._sum.attempts,
      maxAttempts: attempts._max.attempts,
    };
    console.info(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    mailers.forEach((mailer) => mailer.close());
    await second?.$disconnect();
    await smtp?.close();
    await closeDatabase();
  }
}

exitWithParent(() => process.exit(1));

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[outbox-drain] ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
