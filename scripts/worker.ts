// `npm run worker`: drains the outbox in its own process (run the server with OUTBOX_WORKER=off).
import { closeDatabase, database } from '@/lib/db/client';
import { env } from '@/lib/env';
import { createMailer } from '@/lib/mail/mailer';
import { startOutboxWorker } from '@/lib/mail/worker';
import { sweepAllKinds } from '@/lib/intake/kinds';
import { REGISTRY_RETRIES } from '@/lib/registry/checks';

async function main() {
  env();
  const { prisma } = await database();
  const mailer = createMailer();
  const worker = startOutboxWorker({ prisma, mailer, periodic: [{ everySeconds: 60, run: sweepAllKinds }, REGISTRY_RETRIES] });
  console.info('[worker] draining the outbox; Ctrl-C to stop');
  const stop = async () => {
    await worker.stop();
    mailer.close();
    await closeDatabase();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`[worker] ${(error as Error).message}`);
  process.exit(1);
});
