import type { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { addDays, startOfPacificDay } from '@/lib/validation/dates';
import { STATUSES, searchTermOf, type QueueCursor, type QueueFilter, type Status } from './queue-filter';

/**
 * The staff queue's query: one page, newest first, by keyset (created_at, id), so the page after a row is found
 * through the index however deep (no OFFSET), with counts per status. Callers check the role first
 * (lib/staff/submissions.ts); the benchmark calls it directly.
 */

export const PAGE_SIZE = 50;

export type PrismaClient = Awaited<ReturnType<typeof db>>;

/** The filters and search as a condition: the queue, its counts and the export all use this one. */
export function whereOf(filter: QueueFilter, staff: { id: string }): Prisma.SubmissionWhereInput {
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
  if (filter.registry) where.registryChecks = { some: { needsAttention: true } };
  if (filter.q) {
    const term = searchTermOf(filter.q);
    if (term.by === 'reference') where.reference = term.value;
    else if (term.by === 'npi') where.npi = term.value;
    else if (term.by === 'email')
      where.email = term.value; // stored lower-cased
    // % and _ are the searcher's characters, not wildcards (ILIKE's escape is the backslash).
    else where.name = { contains: term.value.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' };
  }
  return where;
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
  /** The counts stopped at COUNT_CAP matches. */
  countsAreCapped: boolean;
  total: number;
}

/** The queue's query itself, for callers that have checked the role already (and the benchmark). */
export async function querySubmissions(
  prisma: PrismaClient,
  filter: QueueFilter,
  cursor: QueueCursor | undefined,
  viewer: { id: string },
): Promise<QueuePage> {
  const where = whereOf(filter, viewer);
  const isBefore = cursor?.direction === 'before';
  // (created_at, id) past the cursor, spelled so that the bound on created_at alone starts the index scan.
  const keyset: Prisma.SubmissionWhereInput | undefined = cursor && {
    createdAt: isBefore ? { gte: cursor.createdAt } : { lte: cursor.createdAt },
    OR: [
      { createdAt: isBefore ? { gt: cursor.createdAt } : { lt: cursor.createdAt } },
      { id: isBefore ? { gt: cursor.id } : { lt: cursor.id } },
    ],
  };
  const order = isBefore ? 'asc' : 'desc';
  const [found, counts] = await Promise.all([
    prisma.submission.findMany({
      where: keyset ? { AND: [where, keyset] } : where,
      orderBy: [{ createdAt: order }, { id: order }],
      take: PAGE_SIZE + 1,
      select: QUEUE_ROW,
    }),
    countByStatus(prisma, filter, where, viewer),
  ]);
  const hasMore = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE);
  const rows = isBefore ? page.reverse() : page;
  return {
    rows,
    older: (isBefore || hasMore) && rows.length > 0 ? rows[rows.length - 1] : undefined,
    newer: cursor && (!isBefore || hasMore) && rows.length > 0 ? rows[0] : undefined,
    ...counts,
    total: Object.values(counts.counts).reduce((sum, count) => sum + count, 0),
  };
}

/** Past this many matching rows, a search or date filter's counts stop (and say so). */
export const COUNT_CAP = 10_000;

/**
 * Counts per status under every filter but the status one. By kind and assignee they come from submission_count
 * (kept by a trigger); a search or date filter counts its matches, up to COUNT_CAP.
 */
async function countByStatus(
  prisma: PrismaClient,
  filter: QueueFilter,
  where: Prisma.SubmissionWhereInput,
  viewer: { id: string },
): Promise<{ counts: Record<Status, number>; countsAreCapped: boolean }> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  if (!filter.q && !filter.from && !filter.to && !filter.registry) {
    const assigneeKey = filter.assignee === 'me' ? viewer.id : filter.assignee === 'none' ? '' : filter.assignee;
    const groups = await prisma.submissionCount.groupBy({
      by: ['status'],
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(assigneeKey !== undefined ? { assigneeKey } : {}) },
      _sum: { count: true },
    });
    for (const group of groups) counts[group.status] = Number(group._sum.count ?? 0);
    return { counts, countsAreCapped: false };
  }
  const matches = await prisma.submission.findMany({
    where: { ...where, status: undefined },
    select: { status: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: COUNT_CAP + 1,
  });
  for (const { status } of matches.slice(0, COUNT_CAP)) counts[status] += 1;
  return { counts, countsAreCapped: matches.length > COUNT_CAP };
}
