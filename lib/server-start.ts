import { env } from '@/lib/env';
import { database } from '@/lib/db/client';
import { createMailer } from '@/lib/mail/mailer';
import { startOutboxWorker } from '@/lib/mail/worker';
import { sweepAllKinds } from '@/lib/intake/kinds';
import { dataKey } from '@/lib/crypto/data-key';

const holder = globalThis as typeof globalThis & { __providerIntakeStarted?: boolean };

export async function startServerServices() {
  if (holder.__providerIntakeStarted) return;
  holder.__providerIntakeStarted = true;
  let config;
  try {
    config = env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  dataKey();
  const { prisma, engine, close } = await database();
  console.info(`[server] database: ${engine === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}`);
  if (engine === 'postgres' && !config.DATABASE_MIGRATION_URL && config.NODE_ENV === 'production') {
    console.warn(
      '[server] DATABASE_MIGRATION_URL is not set: the role of DATABASE_URL owns the tables, so it could rewrite the audit log. ' +
        'Give migrations their own owner role (README, "Running in production").',
    );
  }
  const mailer = createMailer();
  console.info(`[server] mail: ${config.SMTP_URL ? 'SMTP' : `written as .eml files to ${config.DATA_DIR}/mail`}`);
  const worker =
    config.OUTBOX_WORKER === 'inline'
      ? startOutboxWorker({ prisma, mailer, periodic: { everySeconds: 60, run: sweepAllKinds } })
      : undefined;
  if (!worker) console.info('[server] OUTBOX_WORKER=off: run `npm run worker` to send mail');
  const shutdown = async (signal: string) => {
    console.info(`[server] ${signal}: stopping`);
    await worker?.stop();
    mailer.close();
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
