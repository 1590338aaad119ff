import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { database } from '@/lib/db/client';
import { createMailer } from '@/lib/mail/mailer';
import { startOutboxWorker } from '@/lib/mail/worker';
import { sweepAllKinds } from '@/lib/intake/kinds';
import { REGISTRY_RETRIES } from '@/lib/registry/checks';
import { dataKey } from '@/lib/crypto/data-key';

const holder = globalThis as typeof globalThis & { __providerIntakeStarted?: boolean };

export async function startServerServices() {
  if (holder.__providerIntakeStarted) return;
  holder.__providerIntakeStarted = true;
  let config;
  try {
    config = env();
  } catch (error) {
    log().fatal({ event: 'configuration_invalid', problems: (error as { problems?: string[] }).problems }, (error as Error).message);
    process.exit(1);
  }
  dataKey();
  const { prisma, engine, close, shareWithLocalProcesses } = await database();
  // `npm run staff` and the other command-line tools reach the embedded database through this process.
  await shareWithLocalProcesses?.();
  log().info({ event: 'database_open', engine, dataDir: engine === 'pglite' ? config.DATA_DIR : undefined }, `database: ${engine}`);
  if (engine === 'postgres' && !config.DATABASE_MIGRATION_URL && config.NODE_ENV === 'production') {
    log().warn(
      { event: 'single_database_role' },
      'DATABASE_MIGRATION_URL is not set: the role of DATABASE_URL owns the tables, so it could rewrite the audit log. ' +
        'Give migrations their own owner role (README, "Running in production").',
    );
  }
  const mailer = createMailer();
  log().info(
    { event: 'mail_transport', transport: config.SMTP_URL ? 'smtp' : 'files' },
    config.SMTP_URL ? 'mail: SMTP' : `mail: written as .eml files to ${config.DATA_DIR}/mail`,
  );
  const worker =
    config.OUTBOX_WORKER === 'inline'
      ? startOutboxWorker({ prisma, mailer, periodic: [{ everySeconds: 60, run: sweepAllKinds }, REGISTRY_RETRIES] })
      : undefined;
  if (!worker) log().info({ event: 'outbox_worker_off' }, 'OUTBOX_WORKER=off: run `npm run worker` to send mail');
  const shutdown = async (signal: string) => {
    log().info({ event: 'stopping', signal }, 'stopping');
    await worker?.stop();
    mailer.close();
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
