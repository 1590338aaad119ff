import 'server-only';
import { AUDIT_ACTIONS, type AuditAction } from '@/lib/audit';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { addDays, parseCalendarDate, startOfPacificDay } from '@/lib/validation/dates';
import { one, parseCursorValue, type Params } from './queue-filter';

/** The audit log for admins: newest first, filtered by action, person, submission reference and day. */

export const AUDIT_PAGE_SIZE = 100;

export interface AuditFilter {
  action?: AuditAction;
  /** Part of the actor's e-mail address. */
  actor?: string;
  reference?: string;
  from?: string;
  to?: string;
}

export function parseAuditFilter(params: Params): AuditFilter {
  const action = one(params.action);
  return {
    action: (AUDIT_ACTIONS as readonly string[]).includes(action ?? '') ? (action as AuditAction) : undefined,
    actor: one(params.actor)?.slice(0, 254),
    reference: one(params.reference)?.toUpperCase().slice(0, 20),
    from: parseCalendarDate(one(params.from) ?? ''),
    to: parseCalendarDate(one(params.to) ?? ''),
  };
}

export async function listAuditEvents(filter: AuditFilter, after?: string) {
  await requireStaff('admin');
  const prisma = await db();
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.action) where.action = filter.action;
  if (filter.actor) where.actorEmail = { contains: filter.actor, mode: 'insensitive' };
  if (filter.reference) {
    const submission = await prisma.submission.findUnique({ where: { reference: filter.reference }, select: { id: true } });
    where.submissionId = submission?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: startOfPacificDay(filter.from) } : {}),
      ...(filter.to ? { lt: startOfPacificDay(addDays(filter.to, 1)) } : {}),
    };
  }
  const cursor = parseCursorValue(after);
  const keyset: Prisma.AuditEventWhereInput | undefined = cursor
    ? // spelled like the queue's keyset, so the bound on `at` alone starts the index scan
      { at: { lte: cursor.at }, OR: [{ at: { lt: cursor.at } }, { id: { lt: cursor.id } }] }
    : undefined;
  const rows = await prisma.auditEvent.findMany({
    where: keyset ? { AND: [where, keyset] } : where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const submissionIds = [...new Set(page.map((row) => row.submissionId).filter((id): id is string => Boolean(id)))];
  const references = new Map(
    (await prisma.submission.findMany({ where: { id: { in: submissionIds } }, select: { id: true, reference: true } })).map((row) => [
      row.id,
      row.reference,
    ]),
  );
  const last = page.at(-1);
  return {
    rows: page.map((row) => ({ ...row, reference: row.submissionId ? references.get(row.submissionId) : undefined })),
    next: rows.length > AUDIT_PAGE_SIZE && last ? `${last.at.getTime()}_${last.id}` : undefined,
  };
}
