/**
 * How a name is compared with the exclusion list (issue 15): case, accents and punctuation folded, and the words that
 * say what kind of business or degree it is (LLC, Inc, PC, MD…) dropped, so `Rose City Clinic, L.L.C.` and
 * `ROSE CITY CLINIC LLC` are one name. Pure: the loader keys the list's names with it, and each kind keys the names
 * its submissions carry (lib/intake/<kind>/exclusion-subjects.ts).
 */

/** Words that only say what a name is (a company's form, a degree, a generation): dropped at the end of a name. */
const SUFFIXES = new Set([
  'llc',
  'pllc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'lp',
  'llp',
  'pc',
  'pa',
  'md',
  'do',
  'dds',
  'dmd',
  'dpm',
  'dc',
  'od',
  'phd',
  'np',
  'rn',
  'lpn',
  'lcsw',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
]);

/** Titles dropped at the start of a name. */
const PREFIXES = new Set(['dr', 'the']);

/**
 * The name as the list and the forms are compared: lower case, without accents, `&` as `and`, periods and
 * apostrophes removed (L.L.C. is llc, O'Brien is obrien), any other punctuation a space, and suffixes such as LLC,
 * Inc, PC and MD dropped from the end. Empty when nothing is left.
 */
export function normalizeName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  while (words.length > 1 && PREFIXES.has(words[0])) words.shift();
  if (words.length === 1 && SUFFIXES.has(words[0])) return '';
  return words.join(' ');
}

/** The list's key for a person: FIRSTNAME and LASTNAME, in that order, normalised. */
export function personKey(firstName: string, lastName: string): string | undefined {
  const first = normalizeName(firstName).split(' ')[0] ?? '';
  const last = normalizeName(lastName);
  return first && last ? `${first} ${last}` : undefined;
}

export interface NameKey {
  key: string;
  /** A person's first and last name taken out of a longer name: compared with the list's people only, never a BUSNAME. */
  isPersonOnly: boolean;
}

/**
 * The keys a name typed into a form is looked up by: the whole name (an organisation's BUSNAME, or a person written
 * `First Last`), and for people only, the first and last words (`Jane Q. Doe, MD` is Jane Doe) and `Last, First`
 * turned round. `Portland Dental Clinic` is never `Portland Clinic`, Inc.
 */
export function nameKeys(typed: string): NameKey[] {
  const whole = normalizeName(typed);
  if (!whole) return [];
  const personKeys = new Set<string>();
  const words = whole.split(' ');
  if (words.length >= 3) personKeys.add(`${words[0]} ${words[words.length - 1]}`);
  const comma = typed.indexOf(',');
  if (comma > 0) {
    const last = normalizeName(typed.slice(0, comma));
    const first = normalizeName(typed.slice(comma + 1)).split(' ')[0];
    // `Rose City Clinic, LLC`: the part after the comma was only a suffix, so there is nothing to turn round.
    if (last && first) personKeys.add(`${first} ${last}`);
  }
  personKeys.delete(whole);
  return [{ key: whole, isPersonOnly: false }, ...[...personKeys].map((key) => ({ key, isPersonOnly: true }))];
}
