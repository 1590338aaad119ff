import { Prisma } from '@/lib/generated/prisma/client';
import type { PrismaClient } from './queue-query';

/**
 * Search by part of a name, fast at a million rows (issue 16). `name ILIKE '%hills clinic 1234%'` through the pg_trgm
 * index reads the posting list of every trigram of the term, and those of a word in nearly every name ("clinic") are
 * as long as the table. So the index is given only the term's rare words (`name ILIKE '%1234%'`), found from the
 * statistics ANALYZE keeps of the names, and the whole term is checked on the rows the index finds, in a form the
 * index cannot take (`strpos(lower(name), lower(term)) > 0`, the same match as ILIKE). Without statistics (a small or
 * fresh table) the longest words go to the index. When every word is common, no index: walking the rows newest first
 * finds a page of a common term at once. The rows found never depend on the statistics, only the speed. See
 * docs/decisions/013-queue-query-builder.md.
 */

/** A word found in more than this share of names is left out of the index condition. */
export const RARE_SHARE = 0.01;
/** The rarest few words are enough to narrow to a handful of rows; each more is another posting list to read. */
const MAX_INDEX_WORDS = 2;
/** The statistics change only when ANALYZE runs (autovacuum): read them again after this long. */
const STATISTICS_TTL_MS = 5 * 60_000;

/** A sample of the stored names, as ANALYZE keeps them: the most common values with their shares, and a histogram. */
export interface NameStatistics {
  common: Array<{ name: string; share: number }>;
  /** Names evenly spread over the rest of the table (each bound stands for the same share of it). */
  histogram: string[];
  /** The share of the table the histogram stands for (what the common values leave). */
  histogramShare: number;
}

/** The words of a term as pg_trgm sees them: runs of letters and digits, lower-cased. */
export function wordsOf(term: string): string[] {
  return term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** About what share of names contain `word`, from the statistics (0 when no sampled name does). */
export function shareOf(word: string, statistics: NameStatistics): number {
  const common = statistics.common.reduce((sum, value) => (value.name.toLowerCase().includes(word) ? sum + value.share : sum), 0);
  const bounds = statistics.histogram.length;
  const inHistogram = bounds === 0 ? 0 : statistics.histogram.filter((name) => name.toLowerCase().includes(word)).length / bounds;
  return common + inHistogram * statistics.histogramShare;
}

/**
 * The words of the term that the trigram index should be given, rarest first: words of three characters or more
 * (shorter ones have no trigram inside a pattern, and would make the index read everything) found in at most
 * RARE_SHARE of names. Empty when the term has none: then the whole term goes to the index, as ILIKE.
 */
export function rareWords(term: string, statistics: NameStatistics | undefined): string[] {
  const words = [...new Set(wordsOf(term))].filter((word) => word.length >= 3);
  if (!statistics) return words.sort((a, b) => b.length - a.length).slice(0, MAX_INDEX_WORDS);
  return words
    .map((word) => ({ word, share: shareOf(word, statistics) }))
    .filter(({ share }) => share <= RARE_SHARE)
    .sort((a, b) => a.share - b.share || b.word.length - a.word.length)
    .slice(0, MAX_INDEX_WORDS)
    .map(({ word }) => word);
}

/** % and _ are the searcher's characters, not wildcards (ILIKE's escape is the backslash). */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** The condition on `s.name` for a search by part of a name. */
export async function nameCondition(prisma: PrismaClient, term: string): Promise<Prisma.Sql> {
  const statistics = await nameStatistics(prisma);
  const words = rareWords(term, statistics);
  // The same match as ILIKE '%term%' (which lower-cases both sides too), at a third of its cost a row.
  const contains = Prisma.sql`strpos(lower(s.name), lower(${term})) > 0`;
  if (words.length > 0) {
    return Prisma.sql`${Prisma.join(
      words.map((word) => Prisma.sql`s.name ILIKE ${likeContaining(word)}`),
      ' AND ',
    )} AND ${contains}`;
  }
  // Every word common: so is the term, most likely, and the walk newest first finds its page at once.
  if (statistics && wordsOf(term).some((word) => word.length >= 3)) return contains;
  return Prisma.sql`s.name ILIKE ${likeContaining(term)}`;
}

const cache = new WeakMap<object, { at: number; statistics: Promise<NameStatistics | undefined> }>();

/** The names' statistics (pg_stats: readable by whoever may read the column), cached per client for a few minutes. */
export function nameStatistics(prisma: PrismaClient): Promise<NameStatistics | undefined> {
  const cached = cache.get(prisma);
  if (cached && Date.now() - cached.at < STATISTICS_TTL_MS) return cached.statistics;
  const statistics = readNameStatistics(prisma).catch(() => undefined);
  cache.set(prisma, { at: Date.now(), statistics });
  return statistics;
}

async function readNameStatistics(prisma: PrismaClient): Promise<NameStatistics | undefined> {
  const rows = await prisma.$queryRaw<
    Array<{ values: string[] | null; shares: number[] | null; histogram: string[] | null; nulls: number }>
  >`
    SELECT most_common_vals::text::text[] AS "values", most_common_freqs::float8[] AS shares,
           histogram_bounds::text::text[] AS histogram, null_frac::float8 AS nulls
      FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'submission' AND attname = 'name'`;
  const row = rows[0];
  if (!row || (!row.values && !row.histogram)) return undefined;
  const common = (row.values ?? []).map((name, index) => ({ name, share: Number(row.shares?.[index] ?? 0) }));
  const commonShare = common.reduce((sum, value) => sum + value.share, 0);
  return { common, histogram: row.histogram ?? [], histogramShare: Math.max(0, 1 - commonShare - Number(row.nulls)) };
}
