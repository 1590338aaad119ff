import fc from 'fast-check';

/**
 * Form posts as anyone on the internet may send them, for the property tests of the public Server Actions
 * (__tests__/integration/public-*-properties.test.ts): a post is a list of name and value pairs in the order
 * they are sent, each value a string or a file, names repeated or not. Valid posts to start from, for each form, are in
 * ../fixtures/arbitrary-posts.ts.
 */

export type PostValue = string | Blob;
export type Entry = readonly [name: string, value: PostValue];

/** The post as a browser (or anyone else) sends it. FormData keeps the order and the repeats. */
export function formDataOf(entries: readonly Entry[]): FormData {
  const formData = new FormData();
  for (const [name, value] of entries) formData.append(name, value);
  return formData;
}

/**
 * The post as the server reads it. FormData's values are USVStrings: a lone surrogate becomes U+FFFD, as bytes that
 * are not UTF-8 do when a real request is parsed, so the expectations are computed from this rather than from the
 * generated strings.
 */
export function entriesOf(formData: FormData): Entry[] {
  return [...formData.entries()];
}

/** The one value of `name` the form means, as the actions read it: the first, '' when absent or a file. */
export function textOf(entries: readonly Entry[], name: string): string {
  const value = entries.find(([field]) => field === name)?.[1];
  return typeof value === 'string' ? value : '';
}

/** Strings that have broken text handling somewhere: encodings, invisible and joining characters, lookalike types. */
export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \t ',
  '\u0000',
  'Rose\u0000City',
  '\uFFFD',
  '\uD800',
  '\uDFFF',
  'Clinic \uD83D',
  '\u202EcinilC\u202C',
  '\u200F\u05E7\u05DC\u05D9\u05E0\u05D9\u05E7\u05D4',
  '\u0639\u064A\u0627\u062F\u0629 \u0627\u0644\u0648\u0631\u062F',
  '\u200B',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  '\u0085',
  'e\u0301\u0301\u0301',
  '\u0301',
  'Z\u0351\u0364\u036B\u0346\u0353\u0348\u0332a\u035B\u0358\u0345lgo',
  '\uD83D\uDC69\uD83C\uDFFD\u200D\u2695\uFE0F',
  '\uD83C\uDFE5',
  '\uD83C\uDDFA\uD83C\uDDF8',
  '\r\n',
  '\n',
  '\r',
  '\t',
  '\u0007',
  '\u001B[31m',
  '\u007F',
  'null',
  'undefined',
  'true',
  'false',
  'on',
  'off',
  '0',
  '-1',
  '1e308',
  '-0',
  'NaN',
  'Infinity',
  '9007199254740993',
  '[object Object]',
  '{"npi":"1234567893"}',
  '["a","b"]',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "'; DROP TABLE submission; --",
  '%00',
  '%FF%FE',
  '\\u0000',
  '${7*7}',
  '{{7*7}}',
  'a@b',
  'name@example.com',
  'NAME@EXAMPLE.COM',
  'person@xn--bcher-kva.example',
  'p\u00E9rson@example.com',
  '1234567893',
  '123456789',
  '12345678901',
  '98-7654321',
  '000-00-0000',
  '(503) 555-0123',
  '+1 503 555 0123',
  '\uFF15\uFF10\uFF13\uFF15\uFF15\uFF15\uFF10\uFF11\uFF12\uFF13',
  '911',
  'OR',
  'or',
  'XX',
  '97201',
  '97201-1234',
  '9720',
  'PO Box 12',
  '2026-02-30',
  '2026-13-01',
  '12/1/2026',
  '0000-00-00',
  '207Q00000X',
  '207q00000x',
  'NCR-7K3M9Q2X',
];

/** Characters to build long strings of: one UTF-16 unit, two units (astral), a combining mark, a space, a newline. */
const LONG_UNITS = ['a', '\u00E9', '\uD83C\uDFE5', 'e\u0301', ' ', '\n', '7'];

/** Strings about as long as the limits (199, 200, 201, 2,000 …) and far beyond them (a post's 1 MB). */
export const longString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...LONG_UNITS),
    fc.oneof(
      fc.constantFrom(99, 100, 101, 199, 200, 201, 253, 254, 255, 999, 1000, 1001, 1999, 2000, 2001),
      fc.integer({ min: 2, max: 300_000 }),
    ),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Any string a client may send: edge cases, random code points (any plane), printable text, long runs, mixtures. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  { weight: 1, arbitrary: longString },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ maxLength: 8 })), { minLength: 2, maxLength: 5 })
      .map((parts) => parts.join('')),
  },
);

/** A file where text is expected: what a hand-made multipart post can carry under any name. */
export const blobValue: fc.Arbitrary<Blob> = fc
  .tuple(
    fc.constantFrom('', 'x', '1234567893', '\u0000\u00FF'),
    fc.constantFrom('', 'text/plain', 'application/octet-stream'),
    fc.boolean(),
  )
  .map(([content, type, isFile]) => (isFile ? new File([content], 'answer.txt', { type }) : new Blob([content], { type })));

export const hostileValue: fc.Arbitrary<PostValue> = fc.oneof({ weight: 9, arbitrary: hostileString }, { weight: 1, arbitrary: blobValue });

/** A change a hostile client makes to a valid post. */
export type Mutation =
  | { op: 'set'; name: string; value: PostValue }
  | { op: 'drop'; name: string }
  | { op: 'repeat'; name: string; value: PostValue }
  | { op: 'add'; name: string; value: PostValue }
  | { op: 'shuffle'; seed: number };

/** Names a client may invent: near misses of the form's own, Next's, prototype keys, empty. */
const inventedName = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'npi ',
    'NPI',
    'email[]',
    'people[0][email]',
    '$ACTION_ID_0123abcd',
    '$ACTION_REF_1',
    '__proto__',
    'constructor',
    'toString',
    '\u0000',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

/** Mutations of a post whose own field names are `names`. */
export function mutation(names: readonly string[], value: fc.Arbitrary<PostValue> = hostileValue): fc.Arbitrary<Mutation> {
  const name = fc.constantFrom(...names);
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), name, value }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('drop' as const), name }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('repeat' as const), name, value }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), name: inventedName, value }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('shuffle' as const), seed: fc.nat() }) },
  );
}

export function applyMutations(entries: readonly Entry[], mutations: readonly Mutation[]): Entry[] {
  let result = [...entries];
  for (const change of mutations) {
    switch (change.op) {
      case 'set': {
        const at = result.findIndex(([name]) => name === change.name);
        if (at === -1) result.push([change.name, change.value]);
        else result[at] = [change.name, change.value];
        break;
      }
      case 'drop':
        result = result.filter(([name]) => name !== change.name);
        break;
      case 'repeat':
      case 'add':
        result.push([change.name, change.value]);
        break;
      case 'shuffle': {
        // A deterministic rotation and swap: order must not matter to anything but repeats.
        if (result.length > 1) {
          const turn = change.seed % result.length;
          result = [...result.slice(turn), ...result.slice(0, turn)];
          const other = (change.seed >> 3) % result.length;
          [result[0], result[other]] = [result[other], result[0]];
        }
        break;
      }
    }
  }
  return result;
}

/**
 * A post: a valid one (from `valid`) as it is, `validShare` times in 20 (7 by default); otherwise the same changed by
 * one to four hostile mutations (`value` the values they set), or, once in 20, nothing but invented fields. Forms
 * whose mutations often leave the post valid (a clinic update's unchosen sections are ignored) take a lower share, so
 * that every form gets both halves of the property in good measure.
 */
export function hostilePost(
  valid: fc.Arbitrary<Entry[]>,
  names: readonly string[],
  { value = hostileValue, validShare = 7 }: { value?: fc.Arbitrary<PostValue>; validShare?: number } = {},
): fc.Arbitrary<Entry[]> {
  return fc.oneof(
    { weight: validShare, arbitrary: valid },
    {
      weight: 19 - validShare,
      arbitrary: fc
        .tuple(valid, fc.array(mutation(names, value), { minLength: 1, maxLength: 4 }))
        .map(([entries, changes]) => applyMutations(entries, changes)),
    },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), inventedName), hostileValue), { maxLength: 8 }) },
  );
}

/** Text made of pieces people really type: scripts, accents, emoji, punctuation, with stray spaces around. */
const WORDS = [
  'Rose',
  'City',
  'Family',
  'Clinic',
  'Clínica',
  'Señora',
  'Đoàn',
  'Nguyễn',
  'Müller-Lüdenscheidt',
  'O’Brien',
  "O'Neil",
  '"Quoted"',
  '&',
  '<b>bold</b>',
  '診療所',
  '\u05DE\u05E8\u05E4\u05D0\u05D4',
  '\u0639\u064A\u0627\u062F\u0629',
  '\u200F\u05D3\u05F3\u05E8',
  'e\u0301cole',
  '\uD83C\uDFE5',
  '\uD83D\uDC69\uD83C\uDFFD\u200D\u2695\uFE0F',
  'Zoë',
  '#4',
  '100%',
  '\\',
];

/** A plausible one-line answer (a name, a title), between 1 and about 80 characters, sometimes padded with spaces. */
export const plausibleLine: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }), fc.constantFrom('', ' ', '  ', '\u00A0', '\t'))
  .map(([words, pad]) => `${pad}${words.join(' ')}${pad}`);

/** A plausible several-line answer (notes, hours). */
export const plausibleText: fc.Arbitrary<string> = fc
  .array(plausibleLine, { minLength: 1, maxLength: 4 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((newline) => lines.join(newline)));
