import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { pacificTime } from '@/lib/format';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { csvStream, EXPORT_HEADER, exportRows, neutralised, type ExportDatabase } from '@/lib/staff/csv-export';
import type { QueueFilter } from '@/lib/staff/queue-filter';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/** The staff CSV export (issue 14): its columns for each kind, escaping, formula neutralising, the filters, streaming. */

const database = useTestDatabase({ truncate: true });
let prisma: PrismaClient;
let opened: ExportDatabase;
beforeAll(async () => {
  prisma = database.prisma;
  opened = await (await import('@/lib/db/client')).database();
});
const viewer = { id: randomUUID() };

async function exported(filter: QueueFilter = {}): Promise<{ bytes: Buffer; rows: string[][]; audited: [number, boolean] }> {
  let audited: [number, boolean] = [-1, false];
  const stream = csvStream(exportRows(opened, filter, viewer), (count, complete) => (audited = [count, complete]));
  const bytes = Buffer.from(await new Response(stream).arrayBuffer());
  return { bytes, rows: parse(bytes, { bom: true }) as string[][], audited };
}

const referenceOf = (location: string | undefined) => location!.split('/')[3].split('?')[0];

test('every kind’s columns, newest first, UTF-8 with a byte-order mark, never a TIN', async () => {
  const contract = referenceOf(
    (
      await redirectOf(() =>
        submitContractRequest({ status: 'idle' }, toFormData(validContractRequest({ providerName: 'Clínica Peña, "Downtown"' }))),
      )
    ).location,
  );
  const emails = referenceOf((await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())))).location);
  const update = referenceOf(
    (
      await redirectOf(() =>
        submitClinicUpdate({ status: 'idle' }, clinicUpdateFormData(validClinicUpdate(['address', 'providerJoining', 'tin']))),
      )
    ).location,
  );

  const { bytes, rows, audited } = await exported();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(rows[0]).toEqual(EXPORT_HEADER);
  expect(rows.slice(1).map((row) => row[0])).toEqual([update, emails, contract]);
  expect(audited).toEqual([3, true]);
  const byReference = new Map(rows.slice(1).map((row) => [row[0], Object.fromEntries(EXPORT_HEADER.map((name, i) => [name, row[i]]))]));

  expect(byReference.get(contract)).toMatchObject({
    Kind: 'Contract request',
    Status: 'New',
    Name: 'Clínica Peña, "Downtown"',
    NPI: '1234567893',
    'E-mail': 'office@rosecity.example',
    Phone: '(503) 555-0123',
    'Specialty code': '207Q00000X',
    Specialty: 'Family Medicine',
    'Physical address': '1200 SE Division St\nSuite 4\nPortland, OR 97202',
    'Mailing address': 'PO Box 4410\nPortland, OR 97208-4410',
    'DMAP ID': 'AB12345',
    Assignee: '',
  });
  expect(byReference.get(contract)!['Received (Oregon time)']).toMatch(/^\w+ \d+, \d{4} at \d+:\d\d [AP]M Pacific$/);
  expect(byReference.get(emails)).toMatchObject({
    Kind: 'Clinic alert e-mails',
    Name: 'Alberta Street Clinic',
    'Contact name': 'Cam Diaz',
    NPI: '1234567893',
    'E-mail': 'cam@alberta.example',
    Phone: '(503) 555-0150',
  });
  expect(byReference.get(update)).toMatchObject({
    Name: 'Rose City Family Clinic',
    'Contact name': 'Dana Sender',
    'Other NPIs': '1245319599; 1003000126',
    'Physical address': '456 NE Broadway\nSuite 200\nPortland, OR 97201-1234',
  });
  // Neither TIN, in any spelling, nor its last four digits.
  expect(bytes.toString('utf8')).not.toMatch(/987654321|98-7654321|4321|912468035|8035/);
});

test('a cell a spreadsheet would run as a formula is neutralised; the filters choose the rows', async () => {
  for (const [name, npi] of [
    ['=HYPERLINK("http://evil.example","Click")', '1234567893'],
    ['+1 Clinic', '1245319599'],
    ['-Minus Clinic', '1003000126'],
    ['@SUM(A1:A9)', '1497758544'],
  ]) {
    await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest({ providerName: name, npi }))));
  }
  const names = (await exported()).rows.slice(1).map((row) => row[5]);
  expect(names.sort()).toEqual(["'+1 Clinic", "'-Minus Clinic", '\'=HYPERLINK("http://evil.example","Click")', "'@SUM(A1:A9)"]);
  expect(neutralised('\tTabbed')).toBe("'\tTabbed");
  expect(neutralised('\rReturned')).toBe("'\rReturned");
  expect(neutralised('Plain = fine')).toBe('Plain = fine');

  expect((await exported({ q: '1245319599' })).rows.slice(1).map((row) => row[5])).toEqual(["'+1 Clinic"]);
  expect((await exported({ status: 'CLOSED' })).rows).toEqual([EXPORT_HEADER]);
  expect((await exported({ kind: 'CLINIC_UPDATE' })).audited).toEqual([0, true]);
});

test('the file streams: its first bytes arrive before the last rows are read, and every row comes once, newest first', async () => {
  const now = Date.now();
  // Three rows a millisecond-precise instant, so that batches end inside a run of equal times (the keyset's id decides).
  const createdAt = (index: number) => new Date(now - Math.floor(index / 3) * 1001);
  await prisma.submission.createMany({
    data: Array.from({ length: 7000 }, (_, index) => ({
      kind: 'CONTRACT_REQUEST' as const,
      reference: `NCR-B${index.toString().padStart(7, '0')}`,
      submissionKey: randomUUID(),
      name: `Bulk ${index}`,
      email: 'bulk@clinic.example',
      createdAt: createdAt(index),
    })),
  });
  let reads = 0;
  // Each batch is one query, read as arrays (lib/staff/csv-export.ts): count them.
  const counting: ExportDatabase = {
    prisma,
    arrayRows: (query) => {
      reads += 1;
      return opened.arrayRows(query);
    },
  };

  const reader = csvStream(exportRows(counting, {}, viewer), () => {}).getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  // 7,000 rows are four reads of 2,000; the first bytes came after at most the first read and the one read ahead.
  expect(reads).toBeLessThanOrEqual(2);
  let text = Buffer.from(first.value!).toString('utf8');
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += Buffer.from(chunk.value).toString('utf8');
  expect(reads).toBe(4);
  const rows = (parse(text, { bom: true }) as string[][]).slice(1);
  expect(rows.length).toBe(7000);
  const indexes = rows.map((row) => Number(row[0].slice('NCR-B'.length)));
  expect(new Set(indexes).size).toBe(7000);
  // Newest first: each row's instant no later than the one before it, and shown as Oregon time.
  expect(indexes.every((index, at) => at === 0 || createdAt(index) <= createdAt(indexes[at - 1]))).toBe(true);
  expect(rows.every((row, at) => row[3] === pacificTime(createdAt(indexes[at])))).toBe(true);
});
