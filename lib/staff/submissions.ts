import 'server-only';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { kindServer } from '@/lib/intake/kinds';
import { addYears } from '@/lib/validation/dates';
import { querySubmissions, type PrismaClient, type QueuePage } from './queue-query';
import type { QueueCursor, QueueFilter } from './queue-filter';

export { PAGE_SIZE, querySubmissions, type QueuePage, type QueueRow } from './queue-query';

/** The staff workspace's reads. Each checks the caller's role itself (lib/auth/session.ts). */

/**
 * One page of the queue, newest first, by keyset (created_at, id): the page after a row is found through the
 * index, however deep, with no OFFSET.
 */
export async function listSubmissions(filter: QueueFilter, cursor?: QueueCursor): Promise<QueuePage> {
  const staff = await requireStaff('viewer');
  return querySubmissions(await db(), filter, cursor, staff);
}

/** Staff who can be assigned or filtered by: everyone active. */
export async function listAssignableStaff() {
  await requireStaff('viewer');
  const prisma = await db();
  return prisma.staffUser.findMany({ where: { disabled: false }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } });
}

const DETAIL = {
  assignee: { select: { id: true, name: true, email: true } },
  notes: { orderBy: { createdAt: 'asc' }, include: { author: { select: { name: true, email: true } } } },
  messages: { orderBy: { createdAt: 'asc' }, include: { author: { select: { name: true, email: true } } } },
  // What was sent and whether it arrived; never the bodies, which can hold single-use links.
  outboxMessages: {
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      template: true,
      to: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  },
} satisfies Prisma.SubmissionInclude;

export type SubmissionDetail = Prisma.SubmissionGetPayload<{ include: typeof DETAIL }>;

/**
 * Everything about one submission a viewer may see: its answers in words from its kind (TINs masked), its
 * history and possible duplicates.
 */
export async function getSubmission(id: string) {
  await requireStaff('viewer');
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const prisma = await db();
  const submission = await prisma.submission.findUnique({ where: { id }, include: DETAIL });
  if (!submission) return null;
  const kind = await kindServer(submission.kind);
  const [answers, history, duplicates] = await Promise.all([
    kind.staffAnswers(prisma, id),
    prisma.auditEvent.findMany({ where: { submissionId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    findPossibleDuplicates(prisma, submission),
  ]);
  return { submission, answers: answers ?? { rows: [] }, history, duplicates };
}

/** Other submissions with the same NPI or the same TIN (by its keyed hash, never decrypted) in the last 12 months. */
async function findPossibleDuplicates(
  prisma: PrismaClient,
  submission: { id: string; npi: string | null; tinHash: string | null; createdAt: Date },
) {
  const matches: Prisma.SubmissionWhereInput[] = [];
  if (submission.npi) matches.push({ npi: submission.npi });
  if (submission.tinHash) matches.push({ tinHash: submission.tinHash });
  if (matches.length === 0) return [];
  const since = new Date(`${addYears(submission.createdAt.toISOString().slice(0, 10), -1)}T00:00:00Z`);
  const rows = await prisma.submission.findMany({
    where: { id: { not: submission.id }, createdAt: { gte: since }, OR: matches },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 20,
    select: { id: true, reference: true, kind: true, status: true, name: true, createdAt: true, npi: true, tinHash: true },
  });
  return rows.map(({ tinHash, ...row }) => ({
    ...row,
    sameNpi: row.npi === submission.npi,
    sameTin: tinHash !== null && tinHash === submission.tinHash,
  }));
}
