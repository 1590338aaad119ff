import { smtpMailer } from '@/lib/mail/mailer';
import type { OutboxTiming } from '@/lib/mail/outbox';
import { startOutboxWorker } from '@/lib/mail/worker';
import type { TestDatabaseHandle } from './database';
import { useTestSmtp, type TestSmtp } from './smtp';
import { waitUntil } from './wait';

export interface MailWorkerOptions {
  /** Changes to the outbox timing below (fast retries, a lease longer than any test). */
  timing?: Partial<OutboxTiming>;
  /** Empty `smtp.received` before each test (default true), so that each test sees only its own mail. */
  clearReceived?: boolean;
  /** Switch `smtp.refuse` off before and after each test, for files whose tests switch it on. */
  resetRefuse?: boolean;
}

export interface MailWorker {
  /** The SMTP server the mail goes to (see useTestSmtp). */
  smtp: TestSmtp;
  /** Resolves once no message in the outbox is waiting to be sent. */
  drain(): Promise<void>;
}

const TIMING: OutboxTiming = { firstRetrySeconds: 0.2, maxRetrySeconds: 1, giveUpHours: 24, leaseSeconds: 30 };

/**
 * Mail delivered as in production, for the calling test file: a test SMTP server, an smtpMailer to it and an outbox
 * worker polling every 50 ms, started in beforeAll once the database is open and stopped before it closes. After each
 * test the outbox is drained, so that none of a test's mail arrives during the next one. Call after useTestDatabase.
 */
export function useMailWorker(database: TestDatabaseHandle, options: MailWorkerOptions = {}): MailWorker {
  const { clearReceived = true, resetRefuse = false } = options;
  const smtp = useTestSmtp(database);
  const drain = async () => {
    await waitUntil(
      async () => (await database.prisma.outboxMessage.count({ where: { status: 'PENDING' } })) === 0,
      'the outbox is drained',
    );
  };

  beforeAll(() => {
    const mailer = smtpMailer(smtp.url, 'CareOregon Provider Intake <no-reply@intake.test>');
    database.beforeClose(() => mailer.close());
    const worker = startOutboxWorker({ prisma: database.prisma, mailer, pollSeconds: 0.05, timing: { ...TIMING, ...options.timing } });
    database.beforeClose(() => worker.stop());
  });
  beforeEach(() => {
    if (resetRefuse) smtp.refuse = false;
    if (clearReceived) smtp.received.length = 0;
  });
  afterEach(async () => {
    if (resetRefuse) smtp.refuse = false;
    await drain();
  });

  return { smtp, drain };
}
