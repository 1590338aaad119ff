import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { REFERENCE_ALPHABET, REFERENCE_PATTERN, REFERENCE_PREFIXES } from '@/lib/reference';
import { SUBMISSION_KINDS as KINDS } from '@/lib/intake/kinds';
import { cursorOf, parseCursor, STATUSES, type Kind, type QueueFilter, type Status } from '@/lib/staff/queue-filter';
import { PAGE_SIZE, querySubmissions, type QueuePage } from '@/lib/staff/submissions';
import { useTestDatabase } from '../helpers/database';
import { addStaff } from '../helpers/staff';

/**
 * The staff queue's query (querySubmissions: what listSubmissions runs once requireStaff has passed) against 130
 * submissions of every kind. Every expectation comes from an independent model of the filters below, in
 * plain JavaScript over the seeded rows, with Oregon days from Intl.
 */

const database = useTestDatabase();
let prisma: PrismaClient;
let me: { id: string };
let other: { id: string; name: string };

interface Seeded {
  id: string;
  index: number;
  kind: Kind;
  status: Status;
  reference: string;
  name: string;
  email: string;
  npi: string | null;
  assigneeId: string | null;
  createdAt: Date;
}
let seeded: Seeded[];
const COUNT = 130;
const SHARED_NPI = '1234567893';
const NAMES = [
  'Alberta Street Clinic',
  'North Alberta Health',
  'Rose City Family Clinic',
  'Division Pediatrics',
  'Hawthorne Health Co-op',
  'Sellwood Dental',
];

/** Rows whose time is set on purpose (the rest are 7 hours apart from 2 January 2026). */
const PLACED: Record<number, string> = {
  10: '2026-01-20T07:30:00.000Z', // 19 January, 23:30 in Oregon (PST)
  11: '2026-01-20T08:00:00.000Z', // 20 January, 00:00 in Oregon
  14: '2026-01-21T07:59:59.999Z', // still 20 January in Oregon
  15: '2026-01-21T08:00:00.000Z', // 21 January in Oregon
  12: '2026-07-10T06:30:00.000Z', // 9 July, 23:30 in Oregon (PDT)
  13: '2026-07-10T07:00:00.000Z', // 10 July, 00:00 in Oregon
};
/** Rows that share one creation time, so that pages split a tie (newest first, rows 80/79 and 30/29 sit on page edges). */
const TIES = [
  [78, 79, 80, 81],
  [29, 30],
];

function referenceOf(index: number): string {
  const kind = KINDS[index % KINDS.length];
  let code = '';
  for (let rest = index * 7717 + 12345; code.length < 8; rest = Math.floor(rest / 32)) code = REFERENCE_ALPHABET[rest % 32] + code;
  return `${REFERENCE_PREFIXES[kind]}-${code}`;
}

function createdAtOf(index: number): Date {
  const tie = TIES.find((group) => group.includes(index));
  const at = tie ? tie[tie.length - 1] : index;
  return PLACED[index] ? new Date(PLACED[index]) : new Date(Date.UTC(2026, 0, 2, 18) + at * 7 * 3_600_000);
}

beforeAll(async () => {
  prisma = database.prisma;
  me = await addStaff(prisma, { email: 'queue.me@careoregon.test', name: 'Me Reviewer' });
  other = await addStaff(prisma, { email: 'queue.other@careoregon.test', name: 'Other Reviewer' });
  const rows = Array.from({ length: COUNT }, (_, index) => ({
    kind: KINDS[index % KINDS.length],
    status: STATUSES[(index * 5 + Math.floor(index / 6)) % STATUSES.length],
    reference: referenceOf(index),
    submissionKey: randomUUID(),
    name: index === 20 ? '100% Care_Clinic' : `${NAMES[index % NAMES.length]} #${index}`,
    // Stored lower-cased, as every write path stores them; the search below is typed in other capitals.
    email: index % 5 === 0 ? 'office@rosecity.example' : `contact${index}@clinic${index % 7}.example`,
    npi: index % 3 === 2 ? null : index % 10 === 1 ? SHARED_NPI : String(1_500_000_000 + index * 7919),
    // Counted in steps of the number of kinds, so that every kind has rows of every assignee, however many kinds there are.
    assigneeId: [me.id, other.id, null, null][Math.floor(index / KINDS.length) % 4],
    createdAt: createdAtOf(index),
  }));
  await prisma.$transaction(async (tx) => {
    for (const row of rows) await tx.submission.create({ data: row });
  });
  const stored = await prisma.submission.findMany();
  seeded = stored.map((row) => ({ ...row, index: rows.findIndex((seed) => seed.reference === row.reference) }) as Seeded);
}, 180_000); // 130 inserts in one transaction can take long on a busy machine

// ——— the model ———

const oregonDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const oregonDay = (date: Date) => oregonDayFormat.format(date);

function modelMatches(row: Seeded, filter: QueueFilter, options: { ignoreStatus?: boolean } = {}): boolean {
  if (filter.kind && row.kind !== filter.kind) return false;
  if (!options.ignoreStatus && filter.status && row.status !== filter.status) return false;
  if (filter.assignee === 'me' && row.assigneeId !== me.id) return false;
  if (filter.assignee === 'none' && row.assigneeId !== null) return false;
  if (filter.assignee && !['me', 'none'].includes(filter.assignee) && row.assigneeId !== filter.assignee) return false;
  if (filter.from && oregonDay(row.createdAt) < filter.from) return false;
  if (filter.to && oregonDay(row.createdAt) > filter.to) return false;
  if (filter.q) {
    const q = filter.q.trim();
    if (/^(ncr|cae|ciu)-/i.test(q)) return row.reference === q.toUpperCase();
    if (/^[\d\s-]+$/.test(q) && q.replace(/\D/g, '').length === 10) return row.npi === q.replace(/\D/g, '');
    if (q.includes('@')) return row.email.toLowerCase() === q.toLowerCase();
    return row.name.toLowerCase().includes(q.toLowerCase());
  }
  return true;
}

const newestFirst = (a: Seeded, b: Seeded) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function expectedIds(filter: QueueFilter): string[] {
  return seeded
    .filter((row) => modelMatches(row, filter))
    .sort(newestFirst)
    .map((row) => row.id);
}

function expectedCounts(filter: QueueFilter): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
  for (const row of seeded) if (modelMatches(row, filter, { ignoreStatus: true })) counts[row.status] += 1;
  return counts;
}

// ——— walking the queue as the page does: cursors through the URL (cursorOf / parseCursor) ———

const query = (filter: QueueFilter, cursor?: Parameters<typeof querySubmissions>[2]) => querySubmissions(prisma, filter, cursor, me);

async function walkOlder(filter: QueueFilter): Promise<QueuePage[]> {
  const pages = [await query(filter)];
  while (pages[pages.length - 1].older) {
    if (pages.length > COUNT) throw new Error('the queue never ends');
    pages.push(await query(filter, parseCursor({ after: cursorOf(pages[pages.length - 1].older!) })));
  }
  return pages;
}

async function walkNewer(filter: QueueFilter, from: QueuePage): Promise<QueuePage[]> {
  const pages = [from];
  while (pages[0].newer) {
    if (pages.length > COUNT) throw new Error('the queue never starts');
    pages.unshift(await query(filter, parseCursor({ before: cursorOf(pages[0].newer!) })));
  }
  return pages;
}

const idsOf = (page: QueuePage) => page.rows.map((row) => row.id);

test('the seed is what the tests assume: 130 rows, every kind, every status, ties, both assignees and nobody', () => {
  expect(seeded).toHaveLength(COUNT);
  expect(new Set(seeded.map((row) => row.kind))).toEqual(new Set(KINDS));
  expect(new Set(seeded.map((row) => row.status))).toEqual(new Set(STATUSES));
  for (const row of seeded) expect(row.reference).toMatch(REFERENCE_PATTERN);
  expect(new Set(seeded.map((row) => row.createdAt.getTime())).size).toBe(COUNT - 3 - 1);
  expect(seeded.filter((row) => row.assigneeId === me.id).length).toBeGreaterThan(20);
  expect(seeded.filter((row) => row.assigneeId === null).length).toBeGreaterThan(20);
});

test('the first page: the 50 newest, newest first, no newer page, counts of everything', async () => {
  expect(PAGE_SIZE).toBe(50);
  const page = await query({});
  expect(page.rows).toHaveLength(50);
  expect(idsOf(page)).toEqual(expectedIds({}).slice(0, 50));
  expect(page.rows[0].createdAt.toISOString()).toBe('2026-07-10T07:00:00.000Z');
  expect(page.newer).toBeUndefined();
  expect(page.older?.id).toBe(page.rows[49].id);
  expect(page.counts).toEqual(expectedCounts({}));
  expect(page.total).toBe(COUNT);
  const assigned = page.rows.find((row) => row.assignee?.id === other.id);
  expect(assigned?.assignee).toEqual({ id: other.id, name: 'Other Reviewer' });
});

test("walking every page by the 'older' cursor visits each row once, in order; walking back by 'before' gives the same pages", async () => {
  const pages = await walkOlder({});
  expect(pages.map((page) => page.rows.length)).toEqual([50, 50, 30]);
  const walked = pages.flatMap(idsOf);
  expect(walked).toEqual(expectedIds({}));
  expect(new Set(walked).size).toBe(COUNT);
  expect(pages.slice(1).every((page) => page.newer)).toBe(true);
  expect(pages[pages.length - 1].older).toBeUndefined();

  const back = await walkNewer({}, pages[pages.length - 1]);
  expect(back.map(idsOf)).toEqual(pages.map(idsOf));
  expect(back[0].newer).toBeUndefined();
  expect(back[0].older?.id).toBe(pages[0].older?.id);
});

const FILTERS: Array<[string, () => QueueFilter]> = [
  ['one kind', () => ({ kind: 'CLINIC_UPDATE' })],
  ['one status', () => ({ status: 'IN_REVIEW' })],
  ['assigned to me', () => ({ assignee: 'me' })],
  ['assigned to nobody, one kind', () => ({ assignee: 'none', kind: 'CONTRACT_REQUEST' })],
  ['assigned to someone by id, one status', () => ({ assignee: other.id, status: 'NEW' })],
  ['a range of Oregon days', () => ({ from: '2026-01-10', to: '2026-01-25' })],
  ['from a day on, one kind, assigned to me', () => ({ from: '2026-01-15', kind: 'CLINIC_EMAILS', assignee: 'me' })],
  ['up to a day', () => ({ to: '2026-01-20' })],
  ['a name, one kind', () => ({ q: 'alberta', kind: 'CONTRACT_REQUEST' })],
  ['an e-mail address, unassigned', () => ({ q: 'Office@RoseCity.example', assignee: 'none' })],
  [
    'everything at once',
    () => ({ kind: 'CONTRACT_REQUEST', status: 'APPROVED', assignee: 'none', from: '2026-01-05', to: '2026-02-28', q: 'clinic' }),
  ],
];

test.each(FILTERS)(
  'filter: %s — pages hold exactly the matching rows in order, both ways, with counts per status',
  async (_label, make) => {
    const filter = make();
    const expected = expectedIds(filter);
    const pages = await walkOlder(filter);
    expect(pages.flatMap(idsOf)).toEqual(expected);
    for (const page of pages.slice(0, -1)) expect(page.rows).toHaveLength(PAGE_SIZE);
    const back = await walkNewer(filter, pages[pages.length - 1]);
    expect(back.map(idsOf)).toEqual(pages.map(idsOf));
    for (const page of pages) {
      expect(page.counts).toEqual(expectedCounts(filter));
      expect(page.total).toBe(Object.values(page.counts).reduce((sum, count) => sum + count, 0));
    }
  },
);

test('the filters narrow: each filter above matches some rows and not all', () => {
  for (const [label, make] of FILTERS) {
    const count = expectedIds(make()).length;
    expect([label, count > 0 && count < COUNT]).toEqual([label, true]);
  }
});

test('counts per status ignore the status filter but honour the others', async () => {
  const page = await query({ kind: 'CLINIC_EMAILS', status: 'NEW' });
  expect(page.rows.length).toBeGreaterThan(0);
  expect(page.rows.every((row) => row.kind === 'CLINIC_EMAILS' && row.status === 'NEW')).toBe(true);
  const ofKind = seeded.filter((row) => row.kind === 'CLINIC_EMAILS');
  for (const status of STATUSES)
    expect([status, page.counts[status]]).toEqual([status, ofKind.filter((row) => row.status === status).length]);
  expect(page.total).toBe(ofKind.length);
  expect(page.counts.NEW).toBe(page.rows.length);
});

test('days are Oregon days: 07:30 UTC in January is the evening before, 06:30 UTC in July too', async () => {
  const indexes = async (filter: QueueFilter) =>
    (await walkOlder(filter)).flatMap((page) => page.rows).map((row) => seeded.find((seed) => seed.id === row.id)!.index);
  const jan19 = await indexes({ from: '2026-01-19', to: '2026-01-19' });
  expect(jan19).toContain(10);
  expect(jan19).not.toContain(11);
  const jan20 = await indexes({ from: '2026-01-20', to: '2026-01-20' });
  expect(jan20).toEqual(expect.arrayContaining([11, 14]));
  expect(jan20).not.toContain(10);
  expect(jan20).not.toContain(15);
  expect(await indexes({ from: '2026-01-21', to: '2026-01-21' })).toContain(15);
  expect(await indexes({ from: '2026-07-09', to: '2026-07-09' })).toEqual([12]);
  expect(await indexes({ from: '2026-07-10' })).toEqual([13]);
  expect(await indexes({ to: '2026-07-09', from: '2026-07-01' })).toEqual([12]);
});

describe('search', () => {
  const rowsFor = async (q: string, filter: QueueFilter = {}) => (await walkOlder({ ...filter, q })).flatMap((page) => page.rows);

  test('by reference, in any case and with spaces around it', async () => {
    const target = seeded.find((row) => row.index === 42)!;
    expect((await rowsFor(target.reference.toLowerCase())).map((row) => row.id)).toEqual([target.id]);
    expect((await rowsFor(`  ${target.reference}  `)).map((row) => row.id)).toEqual([target.id]);
    // A reference filtered out by kind is not found.
    expect(await rowsFor(target.reference, { kind: KINDS.find((kind) => kind !== target.kind) })).toEqual([]);
  });

  test('by NPI, typed with spaces or dashes', async () => {
    const withNpi = seeded
      .filter((row) => row.npi === SHARED_NPI)
      .sort(newestFirst)
      .map((row) => row.id);
    expect(withNpi.length).toBeGreaterThan(3);
    expect((await rowsFor('1234 567 893')).map((row) => row.id)).toEqual(withNpi);
    expect((await rowsFor('1234-567-893')).map((row) => row.id)).toEqual(withNpi);
    expect((await rowsFor(SHARED_NPI)).map((row) => row.id)).toEqual(withNpi);
    expect(await rowsFor('123456789')).toEqual([]);
  });

  test('by e-mail address: whole address, any case', async () => {
    const office = seeded
      .filter((row) => row.email === 'office@rosecity.example')
      .sort(newestFirst)
      .map((row) => row.id);
    expect(office.length).toBe(26);
    expect((await rowsFor('Office@RoseCity.EXAMPLE')).map((row) => row.id)).toEqual(office);
    expect((await rowsFor('  office@rosecity.example ')).map((row) => row.id)).toEqual(office);
    expect(await rowsFor('office@rosecity.exampl')).toEqual([]);
    expect(await rowsFor('@rosecity.example')).toEqual([]);
  });

  test('by part of a name, any case', async () => {
    const found = await rowsFor('ALBERTA');
    expect(found.length).toBe(seeded.filter((row) => /alberta/i.test(row.name)).length);
    expect(new Set(found.map((row) => row.name.replace(/ #\d+$/, '')))).toEqual(new Set(['Alberta Street Clinic', 'North Alberta Health']));
    expect((await rowsFor('hawthorne health co')).every((row) => row.name.startsWith('Hawthorne Health Co-op'))).toBe(true);
    expect(await rowsFor('no such clinic')).toEqual([]);
  });

  // Prisma passes % and _ to ILIKE as they are: the search escapes them.
  test('a name search takes % and _ literally', async () => {
    const hundred = seeded.find((row) => row.index === 20)!;
    expect((await rowsFor('100%')).map((row) => row.id)).toEqual([hundred.id]);
    expect((await rowsFor('%')).map((row) => row.id)).toEqual([hundred.id]);
    expect((await rowsFor('e_c')).map((row) => row.id)).toEqual([hundred.id]);
  });
});
