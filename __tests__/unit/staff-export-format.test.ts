import { stringify } from 'csv-stringify/sync';
import { pacificTime, pacificTimes } from '@/lib/format';
import { csvRecord, neutralised } from '@/lib/staff/csv-export';

/** The export's own CSV writer and time formatting (lib/staff/csv-export.ts, lib/format.ts) against what they replace. */

const CELLS = [
  '',
  'Plain',
  'Clínica Peña, "Downtown"',
  'a,b',
  'say "hi"',
  '1200 SE Division St\nSuite 4\nPortland, OR 97202',
  'carriage\rreturn',
  'both\r\n',
  '=HYPERLINK("http://evil.example","Click")',
  '+1 Clinic',
  '-Minus',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rReturned',
  'Plain = fine',
  "it's",
  '  spaced  ',
  '"',
  '""',
  ',',
  '😀 émoji',
];

test('a record is written byte for byte as csv-stringify writes it, every cell neutralised', () => {
  const rows = [CELLS, [...CELLS].reverse(), CELLS.map((cell) => `x${cell}`), ['only']];
  const expected = stringify(rows, { cast: { string: neutralised } });
  expect(rows.map(csvRecord).join('')).toBe(expected);
});

test('times are shown as pacificTime shows them, across both changes of Oregon clock and any minute', () => {
  const time = pacificTimes();
  const instants = [
    '2026-03-08T09:59:59.999Z', // 1:59 AM PST
    '2026-03-08T10:00:00.000Z', // 3:00 AM PDT
    '2026-11-01T08:30:00.000Z', // 1:30 AM PDT
    '2026-11-01T09:30:00.000Z', // 1:30 AM PST
    '2026-12-31T23:59:59.000Z',
    '2027-01-01T08:00:00.000Z',
    '2026-07-04T19:05:00.000Z',
  ].map((iso) => new Date(iso));
  for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2027, 0, 1); at += 7_919_000) instants.push(new Date(at));
  for (const instant of instants) expect([instant.toISOString(), time(instant)]).toEqual([instant.toISOString(), pacificTime(instant)]);
});
