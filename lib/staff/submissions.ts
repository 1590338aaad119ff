import 'server-only';
import { requireStaff, type Staff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { addYears, startOfPacificDay } from '@/lib/validation/dates';
import { STATUSES, searchTermOf, type QueueCursor, type QueueFilter, type Status } from './queue-filter';

/** The staff workspace's reads. Each checks the caller's role itself (lib/auth/session.ts). */

export const PAGE_SIZE = 50;

type PrismaClient = Awaited<ReturnType<typeof db>>;

function whereOf(filter: QueueFilter, staff: Pick<Staff, 'id'>): Prisma.SubmissionWhereInput {
  const where: Prisma.SubmissionWhereInput = {};
  if (filter.kind) where.kind = filter.kind;
  if (filter.status) where.status = filter.status;
  if (filter.assignee === 'me') where.assigneeId = staff.id;
  else if (filter.assignee === 'none') where.assigneeId = null;
  else if (filter.assignee) where.assigneeId = filter.assignee;
  if (filter.from || filter.to) {
    where.createdAt = {
      ...(filter.from ? { gte: startOfPacificDay(filter.from) } : {}),
      ...(filter.to ? { lt: startOfPacificDay(addDays(filter.to, 1)) } : {}),
    };
  }
  if (filter.q) {
    const term = searchTermOf(filter.q);
    if (term.by === 'reference') where.reference = term.value;
    else if (term.by === 'npi') where.npi = term.value;
    else if (term.by === 'email') where.email = { equals: term.value, mode: 'insensitive' };
    else where.name = { contains: term.value, mode: 'insensitive' };
  }
  return where;
}

function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const QUEUE_ROW = {
  id: true,
  reference: true,
  kind: true,
  status: true,
  name: true,
  email: true,
  npi: true,
  createdAt: true,
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.SubmissionSelect;

export type QueueRow = Prisma.SubmissionGetPayload<{ select: typeof QUEUE_ROW }>;

export interface QueuePage {
  rows: QueueRow[];
  /** Cursors for the older and newer pages, when there are any. */
  older?: QueueRow;
  newer?: QueueRow;
  counts: Record<Status, number>;
  total: number;
}

/**
 * One page of the queue, newest first, by keyset (created_at, id): the page after a row is found through the
 * index, however deep, with no OFFSET.
 */
export async function listSubmissions(filter: QueueFilter, cursor?: QueueCursor): Promise<QueuePage> {
  const staff = await requireStaff('viewer');
  return querySubmissions(await db(), filter, cursor, staff);
}

/** The queue's query itself, for callers that have checked the role already (and the benchmark). */
export async function querySubmissions(
  prisma: PrismaClient,
  filter: QueueFilter,
  cursor: QueueCursor | undefined,
  viewer: Pick<Staff, 'id'>,
): Promise<QueuePage> {
  const where = whereOf(filter, viewer);
  const isBefore = cursor?.direction === 'before';
  const keyset: Prisma.SubmissionWhereInput | undefined = cursor && {
    OR: [
      { createdAt: isBefore ? { gt: cursor.createdAt } : { lt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: isBefore ? { gt: cursor.id } : { lt: cursor.id } },
    ],
  };
  const order = isBefore ? 'asc' : 'desc';
  const [found, grouped] = await Promise.all([
    prisma.submission.findMany({
      where: keyset ? { AND: [where, keyset] } : where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: PAGE_SIZE + 1,
      select: QUEUE_ROW,
    }),
    // Counts per status under every filter but the status one.
    prisma.submission.groupBy({ by: ['status'], where: { ...where, status: undefined }, _count: { _all: true } }),
  ]);
  const hasMore = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  const rows = isBefore ? page.reverse() : page;
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  for (const group of grouped) counts[group.status] = group._count._all;
  return {
    rows,
    older: (isBefore || hasMore) && rows.length > 0 ? rows[rows.length - 1] : undefined,
    newer: cursor && (!isBefore || hasMore) && rows.length > 0 ? rows[0] : undefined,
    counts,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
  };
}

/** Staff who can be assigned or filtered by: everyone active. */
export async function listAssignableStaff() {
  await requireStaff('viewer');
  const prisma = await db();
  return prisma.staffUser.findMany({ where: { disabled: false }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } });
}

const DETAIL = {
  contractRequest: true,
  clinicEmailRegistration: { include: { contacts: { orderBy: { position: 'asc' } } } },
  clinicUpdate: { include: { providers: { orderBy: [{ direction: 'asc' }, { position: 'asc' }] } } },
  assignee: { select: { id: true, name: true, email: true } },
  notes: { orderBy: { createdAt: 'asc' }, include: { author: { select: { name: true, email: true } } } },
  // What was sent and whether it arrived; never the bodies, which can hold single-use links.
  outboxMessages: {
    orderBy: { createdAt: 'asc' },
    select: { id: true, template: true, to: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  },
} satisfies Prisma.SubmissionInclude;

export type SubmissionDetail = Prisma.SubmissionGetPayload<{ include: typeof DETAIL }>;

/** Everything about one submission a viewer may see (TINs masked), its history and possible duplicates. */
export async function getSubmission(id: string) {
  await requireStaff('viewer');
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const prisma = await db();
  const submission = await prisma.submission.findUnique({ where: { id }, include: DETAIL });
  if (!submission) return null;
  const [history, duplicates] = await Promise.all([
    prisma.auditEvent.findMany({ where: { submissionId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    findPossibleDuplicates(prisma, submission),
  ]);
  return { submission, history, duplicates };
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
