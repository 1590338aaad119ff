import 'server-only';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/auth/roles';
import { requireStaff, type Staff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { notifyOutbox, retryFailed } from '@/lib/mail/outbox';
import { cursorOf, olderThan, one, parseCursorValue, type Params } from './queue-filter';
import { WorkError } from './work';

/**
 * The mail console for admins: every message the outbox holds, by state, newest first, with what it says about its
 * delivery (never a body: some carry single-use links). And Retry, for a failed message: a reviewer may press it on
 * a submission's page too.
 */

export const MAIL_PAGE_SIZE = 50;
export const MAIL_STATES = ['PENDING', 'SENT', 'FAILED'] as const;
export type MailState = (typeof MAIL_STATES)[number];
export const MAIL_STATE_LABELS: Record<MailState, string> = { PENDING: 'Waiting to send', SENT: 'Sent', FAILED: 'Failed' };

export interface MailFilter {
  status?: MailState;
  /** Part of the recipient's address. */
  to?: string;
  template?: string;
}

export function parseMailFilter(params: Params): MailFilter {
  const status = one(params.status);
  const template = one(params.template);
  return {
    status: (MAIL_STATES as readonly string[]).includes(status ?? '') ? (status as MailState) : undefined,
    to: one(params.to)?.slice(0, 254),
    template: template && /^[a-z-]{1,60}$/.test(template) ? template : undefined,
  };
}

export async function listMail(filter: MailFilter, after?: string) {
  await requireStaff('admin');
  const prisma = await db();
  const where: Prisma.OutboxMessageWhereInput = {};
  if (filter.status) where.status = filter.status;
  if (filter.to) where.to = { contains: filter.to, mode: 'insensitive' };
  if (filter.template) where.template = filter.template;
  const cursor = parseCursorValue(after);
  const keyset = cursor && olderThan({ createdAt: cursor.at, id: cursor.id });
  const rows = await prisma.outboxMessage.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: MAIL_PAGE_SIZE + 1,
    select: {
      id: true,
      template: true,
      to: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      messageId: true,
      createdAt: true,
      sentAt: true,
      submission: { select: { id: true, reference: true } },
    },
  });
  const page = rows.slice(0, MAIL_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: rows.length > MAIL_PAGE_SIZE && last ? cursorOf(last) : undefined };
}

/** The templates the outbox has seen, for the console's filter. */
export async function mailTemplates(): Promise<string[]> {
  await requireStaff('admin');
  const prisma = await db();
  const rows = await prisma.outboxMessage.groupBy({ by: ['template'], orderBy: { template: 'asc' } });
  return rows.map((row) => row.template);
}

/** Sends a failed message again, at once, audited. A reviewer or admin only. */
export async function retryMail(actor: Pick<Staff, 'id' | 'email' | 'role'>, outboxId: string): Promise<void> {
  if (!hasRole(actor.role, 'reviewer')) throw new WorkError('Only reviewers and admins can send mail again.', 'forbidden');
  const prisma = await db();
  const outcome = await prisma.$transaction(async (tx) => {
    const result = await retryFailed(tx, outboxId);
    if (result === 'queued') {
      const message = await tx.outboxMessage.findUniqueOrThrow({ where: { id: outboxId }, select: { template: true, submissionId: true } });
      await recordAudit(tx, {
        action: 'mail_retry',
        actor,
        submissionId: message.submissionId,
        details: { outboxId, template: message.template },
      });
    }
    return result;
  });
  if (outcome === 'not-found') throw new WorkError('That message no longer exists.', 'not-found');
  if (outcome === 'not-failed')
    throw new WorkError('That message has not failed (it was sent, or is already waiting to be sent).', 'refused');
  if (outcome === 'emptied')
    throw new WorkError('That message carried a single-use link, which is not kept: ask the person to request a new one.', 'refused');
  notifyOutbox();
}
