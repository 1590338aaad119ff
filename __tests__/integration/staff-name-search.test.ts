import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { nameStatistics, rareWords } from '@/lib/staff/name-search';
import { querySubmissions } from '@/lib/staff/queue-query';
import { useTestDatabase } from '../helpers/database';

/**
 * Search by part of a name once ANALYZE has sampled the names (lib/staff/name-search.ts): whichever words go to the
 * trigram index, rare words, none, or the whole term, the rows found are exactly those whose name contains the term.
 */

const database = useTestDatabase();
let prisma: PrismaClient;
const viewer = { id: randomUUID() };
const AREAS = ['Alberta', 'Hawthorne', 'Sellwood', 'Division'];
const names = Array.from({ length: 400 }, (_, index) => `${AREAS[index % 4]} Family Clinic ${index}${index === 7 ? ' Zephyr' : ''}`);

beforeAll(async () => {
  prisma = database.prisma;
  await prisma.submission.createMany({
    data: names.map((name, index) => ({
      kind: 'CONTRACT_REQUEST' as const,
      reference: `NCR-N${index.toString().padStart(7, '0')}`,
      submissionKey: randomUUID(),
      name,
      email: 'names@clinic.example',
      createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
    })),
  });
  await prisma.$executeRawUnsafe('ANALYZE submission');
});

test.each([
  ['a rare word among common ones', 'family clinic 7 zephyr'],
  ['common words only', 'alberta family'],
  ['a number only some names hold', 'clinic 12'],
  ['a short word', 'c 3'],
  ['none', 'no such place'],
])('%s: exactly the names holding the term, newest first', async (_label, term) => {
  const found = [];
  let page = await querySubmissions(prisma, { q: term }, undefined, viewer);
  found.push(...page.rows);
  while (page.older) {
    page = await querySubmissions(prisma, { q: term }, { direction: 'after', createdAt: page.older.createdAt, id: page.older.id }, viewer);
    found.push(...page.rows);
  }
  const expected = names.filter((name) => name.toLowerCase().includes(term.toLowerCase())).reverse();
  expect(found.map((row) => row.name)).toEqual(expected);
  expect(page.total).toBe(expected.length);
});

test('the statistics tell the rare word from the common ones', async () => {
  const statistics = await nameStatistics(prisma);
  expect(statistics).toBeDefined();
  expect(rareWords('family clinic 7 zephyr', statistics)).toEqual(['zephyr']);
  expect(rareWords('alberta family clinic', statistics)).toEqual([]);
});
