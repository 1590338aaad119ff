import { EventEmitter } from 'node:events';
import { seal, unseal } from '@/lib/crypto/sealed';
import type { PrismaClient, Prisma } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import { log, maskEmail, scrubbed } from '@/lib/log';
import type { Mailer } from './mailer';

/**
 * The outbox: mail is written in the same transaction as what it is about, then a worker claims due rows
 * with FOR UPDATE SKIP LOCKED (so several workers never take one row), sends, and ends each row sent,
 * retry-later (exponential backoff) or failed. A claim is a lease: a worker that dies mid-send leaves the
 * row to be claimed again when the lease ends, so delivery is at-least-once and nothing is lost.
 */

export interface MessageDraft {
  template: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The body carries a link that signs someone in or proves their address. It is never stored readable: sealed with
   * a key derived from DATA_ENCRYPTION_KEY until it is sent, and emptied once it is sent or has failed.
   */
  isSecret?: boolean;
  /**
   * Sent to an address typed into a public form (a receipt, a verification link): nobody has shown it is theirs. Such
   * mail counts toward PUBLIC_MAILS_PER_ADDRESS_PER_HOUR for that address, and is withheld beyond it.
   */
  toTypedAddress?: boolean;
}

/** Marks a sealed body in the text and html columns. */
const SEALED = 'sealed:';
const BODY_KEY = 'outbox secret body';

const sealBody = (body: string) => `${SEALED}${seal(body, BODY_KEY)}`;
const isSealed = (body: string) => body.startsWith(SEALED);
/** A stored body as it is sent: a sealed one opened. */
export const openBody = (body: string) => (isSealed(body) ? unseal(body.slice(SEALED.length), BODY_KEY, 'mail body') : body);

export interface OutboxTiming {
  /** First retry delay; each later one doubles, up to maxRetrySeconds. */
  firstRetrySeconds: number;
  maxRetrySeconds: number;
  /** A message still failing this long after it was written is marked failed. */
  giveUpHours: number;
  leaseSeconds: number;
}

export interface ClaimedMessage {
  id: string;
  template: string;
  requestId: string | null;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  /** When it was written, or last retried by hand: the give-up time counts from here. */
  createdAt: Date;
}

const wakeUps = ((globalThis as { __providerIntakeOutboxEvents?: EventEmitter }).__providerIntakeOutboxEvents ??= new EventEmitter());

/** Tells an in-process worker that there is new mail, so it need not wait for its next poll. */
export function notifyOutbox(): void {
  wakeUps.emit('wake');
}

export function onOutboxWake(listener: () => void): () => void {
  wakeUps.on('wake', listener);
  return () => wakeUps.off('wake', listener);
}

/**
 * Writes messages in the caller's transaction. A message to a typed address over its hourly cap is withheld (not
 * written, logged): whatever it was about is still recorded and forwarded, and the address is not flooded.
 */
export async function enqueue(tx: Prisma.TransactionClient, submissionId: string | null, drafts: MessageDraft[]) {
  const requestId = await currentRequestId();
  const kept: MessageDraft[] = [];
  for (const draft of drafts) {
    if (draft.toTypedAddress && !(await withinRecipientCap(tx, draft.to, kept))) {
      log().warn({ event: 'mail_withheld', template: draft.template, to: maskEmail(draft.to), requestId }, 'mail withheld: recipient cap');
      continue;
    }
    kept.push(draft);
  }
  await tx.outboxMessage.createMany({
    data: kept.map(({ isSecret, toTypedAddress, ...draft }) => ({
      ...draft,
      ...(isSecret ? { text: sealBody(draft.text), html: sealBody(draft.html) } : {}),
      publicRecipient: toTypedAddress ? draft.to.toLowerCase() : null,
      submissionId,
      requestId,
    })),
  });
}

/**
 * Whether one more message may go to this typed address this hour, counting what the outbox holds and what this call
 * is about to write. The transaction holds a lock on the address, so two requests at once cannot both take the last.
 */
async function withinRecipientCap(tx: Prisma.TransactionClient, to: string, pending: MessageDraft[]): Promise<boolean> {
  const recipient = to.toLowerCase();
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${`public-recipient:${recipient}`}))`;
  const written = await tx.outboxMessage.count({
    where: { publicRecipient: recipient, createdAt: { gte: new Date(Date.now() - 3_600_000) } },
  });
  const alongside = pending.filter((draft) => draft.toTypedAddress && draft.to.toLowerCase() === recipient).length;
  return written + alongside < env().PUBLIC_MAILS_PER_ADDRESS_PER_HOUR;
}

/** The X-Request-Id scripts/server.mjs gave the request being served; none outside a request (the worker, a script). */
async function currentRequestId(): Promise<string | null> {
  try {
    const { headers } = await import('next/headers');
    return (await headers()).get('x-request-id');
  } catch {
    return null;
  }
}

export async function claimDue(prisma: PrismaClient, limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
  return prisma.$queryRaw<ClaimedMessage[]>`
    UPDATE outbox_message
       SET attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => ${leaseSeconds}::double precision)
     WHERE id IN (
       SELECT id FROM outbox_message
        WHERE status = 'PENDING' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED)
    RETURNING id, template, request_id AS "requestId", "to", reply_to AS "replyTo", subject, text, html, attempts,
              coalesce(retried_at, created_at) AS "createdAt"`;
}

export function retryDelaySeconds(attempts: number, timing: OutboxTiming): number {
  return Math.min(timing.firstRetrySeconds * 2 ** Math.max(0, attempts - 1), timing.maxRetrySeconds);
}

/** Sends what was claimed and records the outcome of each. Returns how many were sent. */
export async function deliver(prisma: PrismaClient, mailer: Mailer, messages: ClaimedMessage[], timing: OutboxTiming) {
  const outcomes = await Promise.all(
    messages.map(async (message) => {
      const about = { outboxId: message.id, template: message.template, to: maskEmail(message.to), requestId: message.requestId };
      const result = await mailer.send({
        ...message,
        text: openBody(message.text),
        html: openBody(message.html),
        messageId: `<${message.id}@provider-intake>`,
      });
      // A secret body is of no more use once the message is out or given up on: nothing of it stays.
      const emptied = isSealed(message.text) ? { text: '', html: '' } : {};
      if (result.ok) {
        // updateMany: a row deleted meanwhile (by hand, or a test's cleanup) is not this worker's failure.
        await recordSent(
          () =>
            prisma.outboxMessage.updateMany({
              where: { id: message.id },
              data: { status: 'SENT', sentAt: new Date(), messageId: result.messageId, lastError: null, ...emptied },
            }),
          about,
          timing,
        );
        log().info({ event: 'mail_sent', ...about, attempt: message.attempts, messageId: result.messageId }, 'mail sent');
        return true;
      }
      // A permanent refusal (5xx) fails at once; a temporary one is retried until the give-up time, counted from when
      // the message was written or last retried by hand.
      const isExhausted = result.permanent || Date.now() - message.createdAt.getTime() >= timing.giveUpHours * 3_600_000;
      await prisma.outboxMessage.updateMany({
        where: { id: message.id },
        data: isExhausted
          ? { status: 'FAILED', lastError: result.error, ...emptied }
          : { lastError: result.error, nextAttemptAt: new Date(Date.now() + retryDelaySeconds(message.attempts, timing) * 1000) },
      });
      log().warn(
        { event: isExhausted ? 'mail_failed' : 'mail_retry', ...about, attempt: message.attempts, err: scrubbed(result.error) },
        isExhausted ? (result.permanent ? 'mail failed: refused by the relay' : 'mail failed: giving up') : 'mail not sent: will retry',
      );
      return false;
    }),
  );
  return outcomes.filter(Boolean).length;
}

/** The shortest time a worker keeps trying to record that a message went out (or its lease, if longer). */
const RECORD_SENT_FOR_MS = 60_000;

/**
 * Records that a message went out, trying again while the database cannot be written (restarting, failing over): the
 * relay has the message, and a row left pending would be sent again when its lease ends (issue 13's fault suite,
 * `__tests__/faults`, scenario 4). Gives up after RECORD_SENT_FOR_MS or the lease; the message may then go twice.
 */
async function recordSent(write: () => Promise<unknown>, about: Record<string, unknown>, timing: OutboxTiming): Promise<void> {
  const giveUpAt = Date.now() + Math.max(RECORD_SENT_FOR_MS, timing.leaseSeconds * 1000);
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() >= giveUpAt) throw error;
      log().warn(
        { event: 'mail_sent_not_recorded', ...about, attempt, err: scrubbed((error as Error).message) },
        'mail sent, but the database could not record it: trying again',
      );
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 5_000)));
    }
  }
}

export async function outboxCounts(prisma: PrismaClient): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([
    prisma.outboxMessage.count({ where: { status: 'PENDING' } }),
    prisma.outboxMessage.count({ where: { status: 'FAILED' } }),
  ]);
  return { pending, failed };
}

/**
 * Empties the bodies of mail sent more than `days` ago (MAIL_RETENTION_DAYS): what was said to applicants need not be
 * kept in the outbox for ever. The template, recipient, subject, Message-ID and state stay. Returns how many.
 */
export async function purgeSentBodies(prisma: PrismaClient, days: number, now = new Date()): Promise<number> {
  return prisma.$executeRaw`
    UPDATE outbox_message SET text = '', html = ''
     WHERE status = 'SENT' AND sent_at < ${new Date(now.getTime() - days * 86_400_000)} AND (text <> '' OR html <> '')`;
}

export type RetryOutcome = 'queued' | 'not-failed' | 'not-found' | 'emptied';

/**
 * Puts a failed message back in the queue, to be sent at once, with a fresh give-up time. A message whose body was
 * emptied (it carried a single-use link, or its retention ran out) cannot be sent again. The caller audits it.
 */
export async function retryFailed(prisma: Prisma.TransactionClient, id: string): Promise<RetryOutcome> {
  const message = await prisma.outboxMessage.findUnique({ where: { id }, select: { status: true, text: true } });
  if (!message) return 'not-found';
  if (message.status !== 'FAILED') return 'not-failed';
  if (message.text === '') return 'emptied';
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id, status: 'FAILED' },
    data: { status: 'PENDING', nextAttemptAt: new Date(), retriedAt: new Date() },
  });
  return count === 1 ? 'queued' : 'not-failed';
}
