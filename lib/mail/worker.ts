import type { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import type { Mailer } from './mailer';
import { claimDue, deliver, onOutboxWake, purgeSentBodies, type OutboxTiming } from './outbox';
import { log } from '@/lib/log';

/** Drains the outbox until stopped: in the server process by default (instrumentation.ts), or as `npm run worker`. */

export interface OutboxWorker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  prisma: PrismaClient;
  mailer: Mailer;
  timing?: OutboxTiming;
  batchSize?: number;
  pollSeconds?: number;
  /**
   * Housekeeping run beside the sending, each at most as often as it says (each kind's sweep: lib/intake/kinds.ts; the
   * NPI registry's retries: lib/registry/checks.ts).
   */
  periodic?: Housekeeping | Housekeeping[];
  /** Bodies of mail sent longer ago than this are emptied, once an hour (default MAIL_RETENTION_DAYS). */
  retentionDays?: number;
}

export interface Housekeeping {
  everySeconds: number;
  run: (prisma: PrismaClient) => Promise<unknown>;
}

export function outboxTimingFromEnv(): OutboxTiming {
  const config = env();
  return {
    firstRetrySeconds: config.OUTBOX_RETRY_FIRST_SECONDS,
    maxRetrySeconds: config.OUTBOX_RETRY_MAX_SECONDS,
    giveUpHours: config.OUTBOX_GIVE_UP_HOURS,
    leaseSeconds: config.OUTBOX_LEASE_SECONDS,
  };
}

export function startOutboxWorker(options: WorkerOptions): OutboxWorker {
  const { prisma, mailer, batchSize = 50 } = options;
  const timing = options.timing ?? outboxTimingFromEnv();
  const pollMs = (options.pollSeconds ?? env().OUTBOX_POLL_SECONDS) * 1000;
  const retentionDays = options.retentionDays ?? env().MAIL_RETENTION_DAYS;
  const housekeeping: Array<Housekeeping & { nextAt: number }> = [
    ...(options.periodic ? [options.periodic].flat() : []),
    { everySeconds: 3600, run: (client: PrismaClient) => purgeSentBodies(client, retentionDays) },
  ].map((task) => ({ ...task, nextAt: 0 }));
  let isRunning = true;
  let wake: (() => void) | undefined;
  const unsubscribe = onOutboxWake(() => wake?.());

  const loop = (async () => {
    while (isRunning) {
      let claimed = 0;
      for (const task of housekeeping) {
        if (Date.now() < task.nextAt) continue;
        task.nextAt = Date.now() + task.everySeconds * 1000;
        try {
          await task.run(prisma);
        } catch (error) {
          log().error({ event: 'outbox_housekeeping_failed', err: (error as Error).message }, 'outbox housekeeping failed');
        }
      }
      try {
        const messages = await claimDue(prisma, batchSize, timing.leaseSeconds);
        claimed = messages.length;
        if (claimed > 0) await deliver(prisma, mailer, messages, timing);
      } catch (error) {
        log().error({ event: 'outbox_pass_failed', err: (error as Error).message }, 'outbox worker pass failed');
      }
      if (claimed < batchSize && isRunning) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();

  return {
    async stop() {
      isRunning = false;
      wake?.();
      unsubscribe();
      await loop;
    },
  };
}
