import 'server-only';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { pacificTime } from '@/lib/format';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import type { ExportFields } from '@/lib/intake/kind-server';
import { kindServer } from '@/lib/intake/kinds';
import { KIND_LABELS, olderThan, STATUS_LABELS, type QueueFilter } from './queue-filter';
import { whereOf, type PrismaClient } from './queue-query';

/**
 * The staff queue as a CSV file, for the contracting team's spreadsheets: exactly the rows of the current filters and
 * search (the queue's own condition, lib/staff/queue-query.ts), every page of them, newest first. Read by keyset in
 * batches and streamed (csv-stringify), so a million rows never sit in memory. Never a TIN, not even masked. Callers
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

const BATCH = 2000;

/**
 * A cell a spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) gets a leading
 * apostrophe, so it is shown as text and never run (OWASP, "CSV injection").
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The rows, header first, batch by batch; the next batch is read while this one is written. */
export async function* exportRows(prisma: PrismaClient, filter: QueueFilter, viewer: { id: string }): AsyncGenerator<string[]> {
  const where = whereOf(filter, viewer);
  const read = (after?: { createdAt: Date; id: string }) =>
    prisma.submission.findMany({
      where: after ? { AND: [where, olderThan(after)] } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: BATCH,
      select: {
        id: true,
        reference: true,
        kind: true,
        status: true,
        name: true,
        email: true,
        npi: true,
        createdAt: true,
        updatedAt: true,
        assigneeId: true,
      },
    });
  // A batch with its kinds' columns; the next one is read while this one is written.
  const readWithFields = async (after?: { createdAt: Date; id: string }) => {
    const rows = await read(after);
    return { rows, fields: await fieldsByKind(prisma, rows) };
  };
  // Staff are few: their names once, rather than a join on every batch.
  const names = new Map((await prisma.staffUser.findMany({ select: { id: true, name: true } })).map((person) => [person.id, person.name]));
  yield EXPORT_HEADER;
  let batch = await readWithFields();
  for (;;) {
    const { rows, fields } = batch;
    if (rows.length === 0) return;
    const next = rows.length === BATCH ? readWithFields(rows[rows.length - 1]) : undefined;
    for (const row of rows) {
      const own: ExportFields = fields.get(row.id) ?? {};
      yield [
        row.reference,
        KIND_LABELS[row.kind],
        STATUS_LABELS[row.status],
        pacificTime(row.createdAt),
        pacificTime(row.updatedAt),
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
    }
    if (!next) return;
    batch = await next;
  }
}

/** Each kind's own columns for a batch: one query per kind present. */
async function fieldsByKind(prisma: PrismaClient, batch: Array<{ id: string; kind: SubmissionKind }>): Promise<Map<string, ExportFields>> {
  const byKind = new Map<SubmissionKind, string[]>();
  for (const { id, kind } of batch) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  const maps = await Promise.all([...byKind].map(async ([kind, ids]) => (await kindServer(kind)).exportFields(prisma, ids)));
  return new Map(maps.flatMap((map) => [...map]));
}

/**
 * The CSV as a byte stream: UTF-8 with a byte-order mark (so spreadsheets read accents right), every cell neutralised.
 * `onEnd` is told how many data rows went out, and whether the file was complete (false: the reader left, or a read
 * failed).
 */
export function csvStream(rows: AsyncIterable<string[]>, onEnd: (rowCount: number, complete: boolean) => void): ReadableStream<Uint8Array> {
  let count = -1; // the header is not a row
  async function* counted() {
    for await (const row of rows) {
      count += 1;
      yield row;
    }
  }
  const csv = stringify({ bom: true, cast: { string: neutralised } });
  const source = Readable.from(counted());
  source.on('error', (error) => csv.destroy(error));
  source.pipe(csv);
  let ended = false;
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    onEnd(Math.max(count, 0), complete);
  };
  csv.on('end', () => end(true));
  csv.on('close', () => {
    source.destroy(); // a reader that left stops the reading too
    end(false);
  });
  csv.on('error', () => end(false));
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
