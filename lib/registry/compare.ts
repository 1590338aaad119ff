/**
 * What a form says beside what the NPI registry holds: name, specialty and practice state, each a match or a
 * difference. Pure, so that the staff page and the tests use the one rule.
 */

export type Aspect = 'name' | 'specialty' | 'state';

export interface Typed {
  name?: string | null;
  taxonomyCode?: string | null;
  state?: string | null;
}

export interface Held {
  enumerationType: 'INDIVIDUAL' | 'ORGANIZATION';
  name: string;
  firstName?: string;
  lastName?: string;
  otherNames?: string[];
  specialties: Array<{ code: string }>;
  state?: string;
}

export interface Comparison {
  aspect: Aspect;
  isMatch: boolean;
}

/** Words that say what a person or business is, not who: credentials, titles, legal forms. */
const NOISE = new Set([
  'dr',
  'md',
  'do',
  'dds',
  'dmd',
  'np',
  'pa',
  'pac',
  'rn',
  'lcsw',
  'phd',
  'psyd',
  'od',
  'dpm',
  'jr',
  'sr',
  'ii',
  'iii',
  'llc',
  'pllc',
  'inc',
  'pc',
  'llp',
  'lp',
  'ltd',
  'co',
  'corp',
  'corporation',
  'company',
  'the',
  'and',
]);

/** Case, accents and punctuation folded, credentials and legal forms dropped: `Rose City Clinic, LLC` → rose city clinic. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !NOISE.has(word));
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((word) => b.includes(word));
}

/**
 * A person matches when the typed name holds the registry's first and last names (a middle name, a credential or
 * the order may differ); an organisation when the words of its legal name or one of its other names (doing business
 * as) are the typed words.
 */
export function isSameName(typed: string, held: Held): boolean {
  const words = nameWords(typed);
  if (words.length === 0) return false;
  if (held.enumerationType === 'INDIVIDUAL' && held.lastName) {
    const first = nameWords(held.firstName ?? '');
    const last = nameWords(held.lastName);
    return last.every((word) => words.includes(word)) && first.every((word) => words.includes(word));
  }
  return [held.name, ...(held.otherNames ?? [])].some((name) => sameWords(nameWords(name), words));
}

/** Each aspect the form gave, compared; an aspect the form does not ask (a clinic's specialty) is left out. */
export function compareWithRegistry(typed: Typed, held: Held): Comparison[] {
  const comparisons: Comparison[] = [];
  if (typed.name) comparisons.push({ aspect: 'name', isMatch: isSameName(typed.name, held) });
  if (typed.taxonomyCode) {
    const code = typed.taxonomyCode.toUpperCase();
    comparisons.push({ aspect: 'specialty', isMatch: held.specialties.some((specialty) => specialty.code.toUpperCase() === code) });
  }
  if (typed.state) comparisons.push({ aspect: 'state', isMatch: !!held.state && held.state.toUpperCase() === typed.state.toUpperCase() });
  return comparisons;
}

export function differencesOf(comparisons: Comparison[]): Aspect[] {
  return comparisons.filter((comparison) => !comparison.isMatch).map((comparison) => comparison.aspect);
}
