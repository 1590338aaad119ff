import 'server-only';
import { pacificTimes } from '@/lib/format';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { ExportFields } from '@/lib/intake/kind-server';
import { kindServer, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { KIND_LABELS, STATUS_LABELS, type QueueFilter, type Status } from './queue-filter';
import { keysetPast, queueCondition, type PrismaClient } from './queue-query';

/**
 * The staff queue as a CSV file, for the contracting team's spreadsheets: exactly the rows of the current filters and
 * search (the queue's own condition, lib/staff/queue-query.ts), every page of them, newest first. Read by keyset in
 * batches of one query each and streamed (csvRecord below), so a million rows never sit in memory. Never a TIN, not even masked. Callers
 * check the role and audit the export (app/staff/(workspace)/submissions/export/route.ts).
 */

export const EXPORT_HEADER = [
  'Reference',
  'Kind',
  'Status',
  'Received (Oregon time)',
  'Last change (Oregon time)',
  'Name',
  'Contact name',
  'NPI',
  'Other NPIs',
  'E-mail',
  'Phone',
  'Specialty code',
  'Specialty',
  'Physical address',
  'Mailing address',
  'DMAP ID',
  'Assignee',
];

/** Rows a query: big enough that planning each query is a small part of its cost, small enough to keep memory flat. */
const BATCH = 2000;

/** Rows a chunk of the file: a small string each, so that no chunk is a large object (see csvRecord). */
const CHUNK_ROWS = 100;

/**
 * A cell a spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) gets a leading
 * apostrophe, so it is shown as text and never run (OWASP, "CSV injection").
 */
export function neutralised(value: string): string {
  return FORMULA_STARTS.has(value.charCodeAt(0)) ? `'${value}` : value;
}
const FORMULA_STARTS = new Set([...'=+-@\t\r'].map((character) => character.charCodeAt(0)));

/**
 * One record of the file, every cell neutralised, quoted as csv-stringify quotes by default (a cell holding a comma, a
 * double quote, a line feed or a carriage return is quoted, its quotes doubled; records end with a line feed). Written
 * here rather than through csv-stringify, which allocates about 6 KB a row (arrays and option objects for every cell):
 * at a million rows that garbage was most of the export's time and of its heap growth (issue 14).
 * __tests__/unit/csv-record.test.ts holds it to csv-stringify's output byte for byte.
 */
export function csvRecord(cells: string[]): string {
  let record = '';
  for (let index = 0; index < cells.length; index++) {
    const cell = neutralised(cells[index]);
    if (index > 0) record += ',';
    record += NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return `${record}\n`;
}
const NEEDS_QUOTES = /[",\r\n]/;

interface ExportRow {
  id: string;
  reference: string;
  kind: SubmissionKind;
  status: Status;
  name: string;
  email: string;
  npi: string | null;
  createdAt: Date;
  updatedAt: Date;
  assigneeId: string | null;
  /** The kind's own columns (lib/intake/kind-server.ts, ExportSource). */
  [kindColumn: string]: unknown;
}

/**
 * The rows, header first, CHUNK_ROWS at a time. Each batch of BATCH rows is one query: the queue's condition, the keyset, and each
 * kind's own columns joined only to that kind's rows (a LATERAL subquery behind `s.kind = …`, which PostgreSQL checks
 * before looking in the kind's table). The next batch is read while this one is written.
 */
export async function* exportRows(prisma: PrismaClient, filter: QueueFilter, viewer: { id: string }): AsyncGenerator<string[][]> {
  const [condition, sources] = await Promise.all([
    queueCondition(prisma, filter, viewer),
    Promise.all(SUBMISSION_KINDS.map(async (kind) => [kind, (await kindServer(kind)).exportSource] as const)),
  ]);
  // Each kind's subquery says whether it found the row (a submission can lack its kind's row: nothing to show then).
  const byKind = new Map(sources.map(([kind, source], index) => [kind, { source, found: `k${index}_found` }]));
  // OFFSET 0 keeps each subquery apart, so that its kind test is made once a row, before its index is read.
  const joins = Prisma.join(
    sources.map(
      ([kind, source], index) =>
        Prisma.sql`LEFT JOIN LATERAL (SELECT *, TRUE AS ${Prisma.raw(`k${index}_found`)} FROM (${source.query}) AS own WHERE s.kind = ${kind}::"SubmissionKind" OFFSET 0) AS ${Prisma.raw(`k${index}`)} ON TRUE`,
    ),
    '\n',
  );
  const read = (after?: { createdAt: Date; id: string }) =>
    prisma.$queryRaw<ExportRow[]>`
      SELECT s.id, s.reference, s.kind, s.status, s.name, s.email, s.npi, s.created_at AS "createdAt",
             s.updated_at AS "updatedAt", s.assignee_id AS "assigneeId", ${Prisma.join(sources.map((_, index) => Prisma.raw(`k${index}.*`)))}
        FROM submission s ${joins}
       WHERE ${condition.where} AND ${after ? keysetPast(after) : Prisma.sql`TRUE`}
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT ${BATCH}`;
  // Staff are few: their names once, rather than a join on every batch.
  const names = new Map((await prisma.staffUser.findMany({ select: { id: true, name: true } })).map((person) => [person.id, person.name]));
  const time = pacificTimes();
  const cells = (row: ExportRow) => {
    const kind = byKind.get(row.kind);
    const own: ExportFields = kind && row[kind.found] ? kind.source.fields(row) : {};
    return [
      row.reference,
      KIND_LABELS[row.kind],
      STATUS_LABELS[row.status],
      time(row.createdAt),
      time(row.updatedAt),
      row.name,
      own.contactName ?? '',
      row.npi ?? '',
      own.otherNpis ?? '',
      row.email,
      own.phone ?? '',
      own.specialtyCode ?? '',
      own.specialtyName ?? '',
      own.physicalAddress ?? '',
      own.mailingAddress ?? '',
      own.dmapId ?? '',
      (row.assigneeId && names.get(row.assigneeId)) ?? '',
    ];
  };
  yield [EXPORT_HEADER];
  let rows = await read();
  while (rows.length > 0) {
    const next = rows.length === BATCH ? read(rows[rows.length - 1]) : undefined;
    // A failed read ahead is reported where it is awaited, not as an unhandled rejection while this batch is written.
    next?.catch(() => {});
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk: string[][] = [];
      for (let index = start; index < Math.min(start + CHUNK_ROWS, rows.length); index++) {
        chunk.push(cells(rows[index]));
        // Let go of each row once written, so that the batch dies young rather than in V8's old generation.
        rows[index] = undefined as never;
      }
      yield chunk;
    }
    if (!next) return;
    rows = await next;
  }
}

/**
 * The CSV as a byte stream: UTF-8 with a byte-order mark (so spreadsheets read accents right), every cell neutralised,
 * a chunk of rows at a time. A chunk is made only when the reader has taken the one before (pull), so a slow reader holds
 * the reading back and memory stays flat. `onEnd` is told how many data rows went out, and whether the file was
 * complete (false: the reader left, or a read failed).
 */
export function csvStream(
  batches: AsyncIterable<string[][]>,
  onEnd: (rowCount: number, complete: boolean) => void,
): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let count = -1; // the header is not a row
  let isFirst = true;
  let ended = false;
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    onEnd(Math.max(count, 0), complete);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            end(true);
            controller.close();
            return;
          }
          const rows = next.value;
          let text = isFirst ? '\ufeff' : '';
          isFirst = false;
          for (const row of rows) text += csvRecord(row);
          controller.enqueue(encoder.encode(text));
          count += rows.length;
        } catch (error) {
          end(false);
          controller.error(error);
        }
      },
      async cancel() {
        end(false);
        await iterator.return?.(undefined); // a reader that left stops the reading too
      },
    },
    { highWaterMark: 0 },
  );
}
