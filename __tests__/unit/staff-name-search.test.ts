import { rareWords, shareOf, wordsOf, type NameStatistics } from '@/lib/staff/name-search';

/** Which words of a name search the trigram index is given (lib/staff/name-search.ts). */

// As ANALYZE might sample a table where every name says "Clinic" and a fifth say "Hills".
const statistics: NameStatistics = {
  common: [{ name: 'Rose City Clinic', share: 0.05 }],
  histogram: Array.from(
    { length: 100 },
    (_, index) => `${['Cedar Hills', 'Willamette', 'Cascade', 'Coast Range', 'Rose City'][index % 5]} Clinic ${index * 397}`,
  ),
  histogramShare: 0.95,
};

test('words are runs of letters and digits, lower-cased', () => {
  expect(wordsOf('Hills  Clinic-1234, Peña')).toEqual(['hills', 'clinic', '1234', 'peña']);
});

test('a word’s share is read from the common names and the histogram', () => {
  expect(shareOf('clinic', statistics)).toBeCloseTo(1);
  expect(shareOf('hills', statistics)).toBeCloseTo(0.19);
  expect(shareOf('1234', statistics)).toBe(0);
});

test('the index gets the rare words only, rarest first, at most two; common or short words never', () => {
  expect(rareWords('hills clinic 1234', statistics)).toEqual(['1234']);
  expect(rareWords('Cedar Hills Clinic', statistics)).toEqual([]);
  expect(rareWords('ab Zebra Medical', statistics)).toEqual(['medical', 'zebra']);
  expect(rareWords('alpha beta gamma', statistics)).toHaveLength(2);
});

test('without statistics (a small or fresh table) the longest words go to the index', () => {
  expect(rareWords('hawthorne health co', undefined)).toEqual(['hawthorne', 'health']);
  expect(rareWords('co op', undefined)).toEqual([]);
});
