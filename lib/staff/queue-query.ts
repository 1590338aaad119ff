import type { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SubmissionKind, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { addDays, startOfPacificDay } from '@/lib/validation/dates';
import { nameCondition } from './name-search';
import { STATUSES, searchTermOf, type QueueCursor, type QueueFilter, type Status } from './queue-filter';

/**
 * The staff queue's query: one page, newest first, by keyset (created_at, id), so the page after a row is found
 * through the index however deep (no OFFSET), with counts per status. The filters are written once, as SQL
 * (queueCondition): the page, its counts and the export (lib/staff/csv-export.ts) all read through them. Callers
 * check the role first (lib/staff/submissions.ts); the benchmark calls it directly.
 */

export const PAGE_SIZE = 50;

export type PrismaClient = Awaited<ReturnType<typeof db>>;

/** The queue's filters and search as conditions on `submission s`; the status apart, since the counts ignore it. */
export interface QueueCondition {
  /** Every filter. */
  where: Prisma.Sql;
  /** Every filter but the status: what the counts per status count. */
  whereAnyStatus: Prisma.Sql;
}

/** The filters and search as SQL (every value a parameter): the queue, its counts and the export all use this one. */
export async function queueCondition(prisma: PrismaClient, filter: QueueFilter, viewer: { id: string }): Promise<QueueCondition> {
  const parts: Prisma.Sql[] = [];
  if (filter.kind) parts.push(Prisma.sql`s.kind = ${filter.kind}::"SubmissionKind"`);
  if (filter.assignee === 'me') parts.push(Prisma.sql`s.assignee_id = ${viewer.id}`);
  else if (filter.assignee === 'none') parts.push(Prisma.sql`s.assignee_id IS NULL`);
  else if (filter.assignee) parts.push(Prisma.sql`s.assignee_id = ${filter.assignee}`);
  if (filter.from) parts.push(Prisma.sql`s.created_at >= ${startOfPacificDay(filter.from)}`);
  if (filter.to) parts.push(Prisma.sql`s.created_at < ${startOfPacificDay(addDays(filter.to, 1))}`);
  if (filter.q) {
    const term = searchTermOf(filter.q);
    if (term.by === 'reference') parts.push(Prisma.sql`s.reference = ${term.value}`);
    else if (term.by === 'npi') parts.push(Prisma.sql`s.npi = ${term.value}`);
    else if (term.by === 'email')
      parts.push(Prisma.sql`s.email = ${term.value}`); // stored lower-cased
    else parts.push(await nameCondition(prisma, term.value));
  }
  if (filter.exclusion === 'possible') parts.push(POSSIBLE_EXCLUSION);
  if (filter.registry === 'attention') parts.push(REGISTRY_ATTENTION);
  const status = filter.status ? [Prisma.sql`s.status = ${filter.status}::"SubmissionStatus"`] : [];
  return { where: all([...parts, ...status]), whereAnyStatus: all(parts) };
}

/** Flagged Possible exclusion: a match on the exclusion list that no reviewer has cleared (lib/exclusions). */
const POSSIBLE_EXCLUSION = Prisma.sql`EXISTS (SELECT 1 FROM exclusion_match m WHERE m.submission_id = s.id AND NOT m.cleared)`;
/** An NPI the registry does not know, has deactivated, or holds otherwise than the form (lib/registry). */
const REGISTRY_ATTENTION = Prisma.sql`EXISTS (SELECT 1 FROM registry_check r WHERE r.submission_id = s.id AND r.needs_attention)`;

const all = (parts: Prisma.Sql[]) => (parts.length === 0 ? Prisma.sql`TRUE` : Prisma.join(parts, ' AND '));

/**
 * The rows past `row` in a list ordered by (created_at, id), older ones by default, spelled so that the bound on
 * created_at alone starts the index scan.
 */
export function keysetPast(row: { createdAt: Date; id: string }, direction: 'older' | 'newer' = 'older'): Prisma.Sql {
  return direction === 'older'
    ? Prisma.sql`s.created_at <= ${row.createdAt} AND (s.created_at < ${row.createdAt} OR s.id < ${row.id})`
    : Prisma.sql`s.created_at >= ${row.createdAt} AND (s.created_at > ${row.createdAt} OR s.id > ${row.id})`;
}

export interface QueueRow {
  id: string;
  reference: string;
  kind: SubmissionKind;
  status: SubmissionStatus;
  name: string;
  email: string;
  npi: string | null;
  createdAt: Date;
  assignee: { id: string; name: string } | null;
  /** The flags the queue's exclusion and registry filters find, shown on the row. */
  possibleExclusion: boolean;
  registryAttention: boolean;
}

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
  const condition = await queueCondition(prisma, filter, viewer);
  const isBefore = cursor?.direction === 'before';
  const keyset = cursor ? keysetPast(cursor, isBefore ? 'newer' : 'older') : Prisma.sql`TRUE`;
  const order = isBefore ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [found, counts] = await Promise.all([
    prisma.$queryRaw<Array<Omit<QueueRow, 'assignee'> & { assigneeId: string | null; assigneeName: string | null }>>`
      SELECT s.id, s.reference, s.kind, s.status, s.name, s.email, s.npi, s.created_at AS "createdAt",
             a.id AS "assigneeId", a.name AS "assigneeName",
             ${POSSIBLE_EXCLUSION} AS "possibleExclusion", ${REGISTRY_ATTENTION} AS "registryAttention"
        FROM submission s LEFT JOIN staff_user a ON a.id = s.assignee_id
       WHERE ${condition.where} AND ${keyset}
       ORDER BY s.created_at ${order}, s.id ${order}
       LIMIT ${PAGE_SIZE + 1}`,
    countByStatus(prisma, filter, condition, viewer),
  ]);
  const hasMore = found.length > PAGE_SIZE;
  const page = found.slice(0, PAGE_SIZE).map(({ assigneeId, assigneeName, ...row }): QueueRow => ({
    ...row,
    assignee: assigneeId ? { id: assigneeId, name: assigneeName! } : null,
  }));
  const rows = isBefore ? page.reverse() : page;
  return {
    rows,
    older: (isBefore || hasMore) && rows.length > 0 ? rows[rows.length - 1] : undefined,
    newer: cursor && (!isBefore || hasMore) && rows.length > 0 ? rows[0] : undefined,
    ...counts,
    total: Object.values(counts.counts).reduce((sum, count) => sum + count, 0),
  };
}

/** Past this many matching rows, a search, date or exclusion filter's counts stop (and say so). */
export const COUNT_CAP = 10_000;

/**
 * Counts per status under every filter but the status one. By kind and assignee they come from submission_count
 * (kept by a trigger); a search, date or exclusion filter counts its matches, the newest COUNT_CAP of them, in the
 * database.
 */
async function countByStatus(
  prisma: PrismaClient,
  filter: QueueFilter,
  condition: QueueCondition,
  viewer: { id: string },
): Promise<{ counts: Record<Status, number>; countsAreCapped: boolean }> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  if (!filter.q && !filter.from && !filter.to && !filter.exclusion && !filter.registry) {
    const assigneeKey = filter.assignee === 'me' ? viewer.id : filter.assignee === 'none' ? '' : filter.assignee;
    const groups = await prisma.submissionCount.groupBy({
      by: ['status'],
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(assigneeKey !== undefined ? { assigneeKey } : {}) },
      _sum: { count: true },
    });
    for (const group of groups) counts[group.status] = Number(group._sum.count ?? 0);
    return { counts, countsAreCapped: false };
  }
  const groups = await prisma.$queryRaw<Array<{ status: Status; count: number; isOver: boolean }>>`
    SELECT status, (count(*) FILTER (WHERE place <= ${COUNT_CAP}))::int AS count, bool_or(place > ${COUNT_CAP}) AS "isOver"
      FROM (SELECT status, row_number() OVER (ORDER BY created_at DESC, id DESC) AS place
              FROM (SELECT s.status, s.created_at, s.id FROM submission s WHERE ${condition.whereAnyStatus}
                     ORDER BY s.created_at DESC, s.id DESC LIMIT ${COUNT_CAP + 1}) AS newest) AS numbered
     GROUP BY status`;
  for (const group of groups) counts[group.status] = group.count;
  return { counts, countsAreCapped: groups.some((group) => group.isOver) };
}
