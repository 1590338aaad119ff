import 'server-only';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/auth/roles';
import type { Staff } from '@/lib/auth/session';
import { decryptTin } from '@/lib/crypto/tin';
import type { db } from '@/lib/db/client';
import { formatTin } from '@/lib/format';
import { applicantMessage } from '@/lib/intake/applicant-message';
import { kindServer } from '@/lib/intake/kinds';
import { enqueue, notifyOutbox } from '@/lib/mail/outbox';
import { STATUS_LABELS, type Status } from './queue-filter';
import { canMove, messageProblem } from './workflow';

/**
 * What a reviewer does to a submission: move its status, assign it, write a note, reveal a TIN. Every change is
 * checked against the version the reviewer saw (two people cannot silently overwrite each other) and recorded in
 * the audit log in the same transaction. Each checks the staff member's role itself, as the reads do, whatever
 * its caller checked before (the actions, through requireStaff).
 */

type PrismaClient = Awaited<ReturnType<typeof db>>;
type Actor = Pick<Staff, 'id' | 'email' | 'role'>;

export class WorkError extends Error {
  constructor(
    message: string,
    readonly kind: 'conflict' | 'refused' | 'not-found' | 'forbidden',
  ) {
    super(message);
    this.name = 'WorkError';
  }
}

/** Every write is a reviewer's: a viewer (or anyone less) goes no further. */
function mustReview(actor: Actor): void {
  if (!hasRole(actor.role, 'reviewer')) throw new WorkError('Only reviewers and admins can change a submission.', 'forbidden');
}

async function conflictMessage(prisma: PrismaClient, id: string): Promise<WorkError> {
  const now = await prisma.submission.findUnique({ where: { id }, select: { status: true, assignee: { select: { name: true } } } });
  if (!now) return new WorkError('This submission no longer exists.', 'not-found');
  return new WorkError(
    `Someone else changed this submission while you had it open (it is now ${STATUS_LABELS[now.status]}, assigned to ${now.assignee?.name ?? 'nobody'}). Your change was not saved: check the page and try again.`,
    'conflict',
  );
}

/**
 * Moves a submission's status. A move to Waiting on applicant, Approved or Declined may carry a message to the applicant
 * (required for Waiting on applicant, lib/staff/workflow.ts): stored, e-mailed through the outbox and audited with
 * the move, in one transaction.
 */
export async function changeStatus(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  to: Status,
  version: number,
  message = '',
): Promise<void> {
  mustReview(actor);
  const submission = await prisma.submission.findUnique({
    where: { id },
    select: { status: true, version: true, kind: true, reference: true, email: true },
  });
  if (!submission) throw new WorkError('This submission no longer exists.', 'not-found');
  if (submission.version !== version) throw await conflictMessage(prisma, id);
  if (!canMove(submission.status, to)) {
    throw new WorkError(`A submission that is ${STATUS_LABELS[submission.status]} cannot be moved to ${STATUS_LABELS[to]}.`, 'refused');
  }
  const problem = messageProblem(to, message);
  if (problem) throw new WorkError(problem, 'refused');
  const from = submission.status;
  const changed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id, version, status: from },
      data: { status: to, version: { increment: 1 } },
    });
    if (count === 0) return false;
    let messageId: string | undefined;
    if (message) {
      ({ id: messageId } = await tx.applicantMessage.create({ data: { submissionId: id, authorId: actor.id, status: to, body: message } }));
      await enqueue(tx, id, [applicantMessage({ ...submission, status: to, to: submission.email, message })]);
    }
    // The message's words stay in the message; the log records that one was sent.
    await recordAudit(tx, { action: 'status_change', actor, submissionId: id, details: { from, to, messageId } });
    return true;
  });
  if (!changed) throw await conflictMessage(prisma, id);
  if (message) notifyOutbox();
}

export async function assign(prisma: PrismaClient, actor: Actor, id: string, assigneeId: string | null, version: number): Promise<void> {
  mustReview(actor);
  const assignee = assigneeId
    ? await prisma.staffUser.findFirst({ where: { id: assigneeId, disabled: false }, select: { id: true, email: true } })
    : null;
  if (assigneeId && !assignee) throw new WorkError('Choose an active staff member.', 'refused');
  const changed = await prisma.$transaction(async (tx) => {
    const before = await tx.submission.findUnique({ where: { id }, select: { assignee: { select: { email: true } } } });
    const { count } = await tx.submission.updateMany({ where: { id, version }, data: { assigneeId, version: { increment: 1 } } });
    if (count === 0) return false;
    await recordAudit(tx, {
      action: 'assignment',
      actor,
      submissionId: id,
      details: { from: before?.assignee?.email ?? null, to: assignee?.email ?? null },
    });
    return true;
  });
  if (!changed) throw await conflictMessage(prisma, id);
}

export const NOTE_MAX = 5000;

export async function addNote(prisma: PrismaClient, actor: Actor, id: string, body: string): Promise<void> {
  mustReview(actor);
  await prisma.$transaction(async (tx) => {
    const exists = await tx.submission.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new WorkError('This submission no longer exists.', 'not-found');
    const note = await tx.submissionNote.create({ data: { submissionId: id, authorId: actor.id, body } });
    // The note's words stay in the note; the log records that it was written.
    await recordAudit(tx, { action: 'note', actor, submissionId: id, details: { noteId: note.id } });
  });
}

export interface RevealedTin {
  label: string;
  tin: string;
}

/** Decrypts the submission's TINs for one reviewer, once, recording who, when and why. */
export async function revealTin(prisma: PrismaClient, actor: Actor, id: string, reason: string): Promise<RevealedTin[]> {
  mustReview(actor);
  const submission = await prisma.submission.findUnique({ where: { id }, select: { kind: true } });
  if (!submission) throw new WorkError('This submission no longer exists.', 'not-found');
  const kind = await kindServer(submission.kind);
  const present = await kind.encryptedTins(prisma, id);
  if (present.length === 0) throw new WorkError('This submission has no TIN.', 'refused');
  await recordAudit(prisma, {
    action: 'tin_reveal',
    actor,
    submissionId: id,
    details: { reason, which: present.map(([label]) => label).join(', ') },
  });
  return present.map(([label, ciphertext]) => ({ label, tin: formatTin(decryptTin(ciphertext)) }));
}
