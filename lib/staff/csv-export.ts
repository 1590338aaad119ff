import 'server-only';
import { pacificTimes } from '@/lib/format';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { Database } from '@/lib/db/client';
import type { ExportFields } from '@/lib/intake/kind-server';
import { kindServer, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { KIND_LABELS, STATUS_LABELS, type QueueFilter, type Status } from './queue-filter';
import { keysetPast, queueCondition } from './queue-query';

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
 * __tests__/unit/staff-export-format.test.ts holds it to csv-stringify's output byte for byte.
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

/** What the export reads through (lib/db/client.ts): Prisma for the filters and the staff names, the batches as arrays. */
export type ExportDatabase = Pick<Database, 'prisma' | 'arrayRows'>;

/**
 * The submission's own columns, first in every row, in this order (`column` below); each kind's follow. The times come
 * as seconds since 1970 (float8; whole milliseconds once rounded): a number both drivers read alike and cheaply, where
 * a timestamp would be parsed from its text twice a row.
 */
const SUBMISSION_COLUMNS = Prisma.sql`s.id, s.reference, s.kind, s.status, s.name, s.email, s.npi,
  date_part('epoch', s.created_at) AS created_at, date_part('epoch', s.updated_at) AS updated_at, s.assignee_id`;
const column = { id: 0, reference: 1, kind: 2, status: 3, name: 4, email: 5, npi: 6, createdAt: 7, updatedAt: 8, assigneeId: 9 };
const KIND_COLUMNS_FROM = 10;

const dateOf = (seconds: unknown) => new Date(Math.round((seconds as number) * 1000));

/**
 * The rows, header first, CHUNK_ROWS at a time. Each batch of BATCH rows is one query: the queue's condition, the keyset, and each
 * kind's own columns joined only to that kind's rows (a LATERAL subquery behind `s.kind = …`, which PostgreSQL checks
 * before looking in the kind's table). Batches are read as arrays of values (lib/db/array-rows.ts, decision 018), and
 * only a row's own kind's columns are made into the record its `fields` reads. The next batch is read while this one
 * is written.
 */
export async function* exportRows(database: ExportDatabase, filter: QueueFilter, viewer: { id: string }): AsyncGenerator<string[][]> {
  const { prisma, arrayRows } = database;
  const [condition, sources] = await Promise.all([
    queueCondition(prisma, filter, viewer),
    Promise.all(SUBMISSION_KINDS.map(async (kind) => [kind, (await kindServer(kind)).exportSource] as const)),
  ]);
  // Each kind's subquery ends with a column saying whether it found the row (a submission can lack its kind's row:
  // nothing to show then); the kind's own columns are those between the previous kind's flag and its own.
  const found = (index: number) => `k${index}_found`;
  // OFFSET 0 keeps each subquery apart, so that its kind test is made once a row, before its index is read.
  const joins = Prisma.join(
    sources.map(
      ([kind, source], index) =>
        Prisma.sql`LEFT JOIN LATERAL (SELECT *, TRUE AS ${Prisma.raw(found(index))} FROM (${source.query}) AS own WHERE s.kind = ${kind}::"SubmissionKind" OFFSET 0) AS ${Prisma.raw(`k${index}`)} ON TRUE`,
    ),
    '\n',
  );
  const read = (after?: { createdAt: Date; id: string }) =>
    arrayRows(Prisma.sql`
      SELECT ${SUBMISSION_COLUMNS}, ${Prisma.join(sources.map((_, index) => Prisma.raw(`k${index}.*`)))}
        FROM submission s ${joins}
       WHERE ${condition.where} AND ${after ? keysetPast(after) : Prisma.sql`TRUE`}
       ORDER BY s.created_at DESC, s.id DESC
       LIMIT ${BATCH}`);
  const kindsOf = (columns: string[]) => {
    let first = KIND_COLUMNS_FROM;
    return new Map(
      sources.map(([kind, source], index) => {
        const flag = columns.indexOf(found(index));
        const own = columns.slice(first, flag).map((name, offset) => [name, first + offset] as const);
        first = flag + 1;
        return [kind, { source, flag, own }];
      }),
    );
  };
  // Staff are few: their names once, rather than a join on every batch.
  const names = new Map((await prisma.staffUser.findMany({ select: { id: true, name: true } })).map((person) => [person.id, person.name]));
  const time = pacificTimes();
  yield [EXPORT_HEADER];
  let batch = await read();
  const byKind = kindsOf(batch.columns);
  const cells = (row: unknown[]) => {
    const kind = byKind.get(row[column.kind] as SubmissionKind);
    let own: ExportFields = {};
    if (kind && row[kind.flag]) {
      const record: Record<string, unknown> = {};
      for (const [name, index] of kind.own) record[name] = row[index];
      own = kind.source.fields(record);
    }
    const assigneeId = row[column.assigneeId] as string | null;
    return [
      row[column.reference] as string,
      KIND_LABELS[row[column.kind] as SubmissionKind],
      STATUS_LABELS[row[column.status] as Status],
      time(dateOf(row[column.createdAt])),
      time(dateOf(row[column.updatedAt])),
      row[column.name] as string,
      own.contactName ?? '',
      (row[column.npi] as string | null) ?? '',
      own.otherNpis ?? '',
      row[column.email] as string,
      own.phone ?? '',
      own.specialtyCode ?? '',
      own.specialtyName ?? '',
      own.physicalAddress ?? '',
      own.mailingAddress ?? '',
      own.dmapId ?? '',
      (assigneeId && names.get(assigneeId)) ?? '',
    ];
  };
  while (batch.rows.length > 0) {
    const rows = batch.rows;
    const last = rows[rows.length - 1];
    const next = rows.length === BATCH ? read({ createdAt: dateOf(last[column.createdAt]), id: last[column.id] as string }) : undefined;
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
      // A turn of the event loop between chunks while the next batch is on its way. Without it a batch was written in
      // one go (promises only, so the socket was never read), PostgreSQL's rows for the next batch filled the socket's
      // buffer and it stopped until this one was done: reading and writing took turns instead of overlapping (decision 018).
      if (next) await new Promise((resolve) => setImmediate(resolve));
    }
    if (!next) return;
    batch = await next;
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
