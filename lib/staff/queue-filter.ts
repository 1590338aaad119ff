import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import { byKind, isSubmissionKind } from '@/lib/intake/kinds';
import { REFERENCE_PATTERN } from '@/lib/reference';
import { parseCalendarDate } from '@/lib/validation/dates';

/**
 * The staff queue's filters, read from and written to the URL, so that a view can be bookmarked and shared.
 * Anything unknown in the URL is ignored rather than refused.
 */

export type Kind = SubmissionKind;
/** Each kind in staff's words (lib/intake/kinds.ts). */
export const KIND_LABELS = byKind((entry) => entry.staffLabel);

export const STATUSES = ['NEW', 'IN_REVIEW', 'WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED', 'CLOSED'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  NEW: 'New',
  IN_REVIEW: 'In review',
  WAITING_ON_APPLICANT: 'Waiting on applicant',
  APPROVED: 'Approved',
  DECLINED: 'Declined',
  CLOSED: 'Closed',
};

export interface QueueFilter {
  kind?: Kind;
  status?: Status;
  /** A staff member's id, `me`, or `none` (unassigned). */
  assignee?: string;
  /** Received on or after / on or before these days (YYYY-MM-DD, Oregon time). */
  from?: string;
  to?: string;
  /** Reference, NPI, e-mail address, or part of a name. */
  q?: string;
  /** `possible`: only submissions flagged Possible exclusion (a match on the exclusion list no reviewer has cleared). */
  exclusion?: 'possible';
  /** `attention`: an NPI the registry does not know, has deactivated, or holds otherwise than the form (lib/registry). */
  registry?: 'attention';
}

/** Where a page of the queue starts: after (older than) or before (newer than) a row. */
export interface QueueCursor {
  direction: 'after' | 'before';
  createdAt: Date;
  id: string;
}

export type Params = Record<string, string | string[] | undefined>;

/** A row's place in a list ordered by (time, id), as the URL carries it: `<epoch ms>_<uuid>`. */
const CURSOR = /^(\d{13})_([0-9a-f-]{36})$/;

export function parseCursorValue(value: string | undefined): { at: Date; id: string } | undefined {
  const match = value && CURSOR.exec(value);
  return match ? { at: new Date(Number(match[1])), id: match[2] } : undefined;
}

/** One search parameter, trimmed; absent or blank is undefined. */
export const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function parseQueueFilter(params: Params): QueueFilter {
  const kind = one(params.kind);
  const status = one(params.status);
  const assignee = one(params.assignee);
  const q = one(params.q)?.slice(0, 200);
  return {
    kind: kind && isSubmissionKind(kind) ? kind : undefined,
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Status) : undefined,
    assignee: assignee && /^(me|none|[0-9a-f-]{36})$/.test(assignee) ? assignee : undefined,
    from: parseCalendarDate(one(params.from) ?? ''),
    to: parseCalendarDate(one(params.to) ?? ''),
    q,
    exclusion: one(params.exclusion) === 'possible' ? 'possible' : undefined,
    registry: one(params.registry) === 'attention' ? 'attention' : undefined,
  };
}

export function parseCursor(params: Params): QueueCursor | undefined {
  for (const direction of ['after', 'before'] as const) {
    const place = parseCursorValue(one(params[direction]));
    if (place) return { direction, createdAt: place.at, id: place.id };
  }
  return undefined;
}

/**
 * The rows older than `row` in a list ordered by (created_at, id) descending, spelled so that the bound on created_at
 * alone starts the index scan, as Prisma's `where`: the mail console's pages (the queue and the export spell it in SQL,
 * keysetPast in lib/staff/queue-query.ts).
 */
export function olderThan(row: { createdAt: Date; id: string }) {
  return { createdAt: { lte: row.createdAt }, OR: [{ createdAt: { lt: row.createdAt } }, { id: { lt: row.id } }] };
}

export function cursorOf(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

/** The query string of a filter (and optionally a page), without empty values. */
export function queueHref(filter: QueueFilter, page?: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...page })) if (value) params.set(key, value);
  const query = params.toString();
  return `/staff/submissions${query ? `?${query}` : ''}`;
}

export type SearchTerm =
  { by: 'reference'; value: string } | { by: 'npi'; value: string } | { by: 'email'; value: string } | { by: 'name'; value: string };

/** What the Search field was given: a reference, an NPI, an e-mail address, or else part of a name. */
export function searchTermOf(q: string): SearchTerm {
  const text = q.trim();
  if (REFERENCE_PATTERN.test(text.toUpperCase())) return { by: 'reference', value: text.toUpperCase() };
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{10}$/.test(digits)) return { by: 'npi', value: digits };
  if (text.includes('@')) return { by: 'email', value: text.toLowerCase() };
  return { by: 'name', value: text };
}
