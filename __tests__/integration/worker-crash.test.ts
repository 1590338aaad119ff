import { spawn } from 'node:child_process';
import { closeDatabase, db } from '@/lib/db/client';
import { smtpMailer } from '@/lib/mail/mailer';
import { enqueue } from '@/lib/mail/outbox';
import { startOutboxWorker } from '@/lib/mail/worker';
import { useTestDatabase } from '../helpers/database';
import { useTestSmtp } from '../helpers/smtp';
import { waitUntil } from '../helpers/wait';

const database = useTestDatabase();
const smtp = useTestSmtp(database);

test('`npm run worker` killed with SIGKILL in the middle of sending loses nothing', async () => {
  const subjects = Array.from({ length: 5 }, (_, index) => `Crash test ${index}`);
  const prisma = await db();
  await prisma.$transaction((tx) =>
    enqueue(
      tx,
      null,
      subjects.map((subject) => ({ template: 'test', to: 'inbox@example.org', subject, text: subject, html: `<p>${subject}</p>` })),
    ),
  );
  // The worker process must own the embedded database while it runs: this process lets go of it.
  if (database.testDb.engine === 'pglite') await closeDatabase();

  smtp.hold = true;
  // As `npm run worker` runs it: the server-only modules (each kind's server side, for the sweeps) load under react-server.
  const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, SMTP_URL: smtp.url, OUTBOX_LEASE_SECONDS: '2', OUTBOX_POLL_SECONDS: '0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  worker.stdout.on('data', (chunk) => (output += chunk));
  worker.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.on('exit', (_code, signal) => resolve(signal)));
  try {
    // The worker has claimed the mail and handed a message's data to the server, which has not answered yet.
    await waitUntil(() => smtp.held > 0, `the worker is mid-send (worker output: ${output})`);
  } finally {
    worker.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  expect(smtp.received).toHaveLength(0);
  // Its housekeeping ran at start, every kind's sweep included (a server-only module that would not load fails it).
  expect(output).not.toContain('outbox_housekeeping_failed');

  // A new worker (here, in this process) picks the mail up once the dead worker's claim runs out.
  smtp.hold = false;
  const prismaAgain = await db();
  const claimed = await prismaAgain.outboxMessage.findMany({ where: { attempts: { gt: 0 } } });
  expect(claimed.length).toBeGreaterThan(0);
  const mailer = smtpMailer(smtp.url, 'no-reply@intake.test');
  const recovery = startOutboxWorker({
    prisma: prismaAgain,
    mailer,
    pollSeconds: 0.1,
    timing: { firstRetrySeconds: 0.2, maxRetrySeconds: 1, giveUpHours: 24, leaseSeconds: 2 },
  });
  try {
    await waitUntil(
      async () => (await prismaAgain.outboxMessage.count({ where: { status: 'SENT' } })) === subjects.length,
      'every message is sent',
    );
  } finally {
    await recovery.stop();
    mailer.close();
  }
  expect(new Set(smtp.received.map((mail) => mail.subject))).toEqual(new Set(subjects));
});
