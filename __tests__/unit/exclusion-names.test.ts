import { nameKeys, normalizeName, personKey } from '@/lib/exclusions/names';

/** How names are compared with the exclusion list (lib/exclusions/names.ts). */

test('case, accents and punctuation fold away; & is and', () => {
  expect(normalizeName('ROSE CITY FAMILY CLINIC')).toBe('rose city family clinic');
  expect(normalizeName('  Rose-City   Family/Clinic ')).toBe('rose city family clinic');
  expect(normalizeName("O'Brien-Núñez")).toBe('obrien nunez');
  expect(normalizeName('Smith & Jones')).toBe('smith and jones');
});

test('suffixes such as LLC, Inc, PC and MD are dropped from the end, however they are punctuated', () => {
  for (const name of [
    'Rose City Clinic, LLC',
    'ROSE CITY CLINIC L.L.C.',
    'Rose City Clinic Inc.',
    'Rose City Clinic, P.C.',
    'rose city clinic pllc',
  ])
    expect(normalizeName(name)).toBe('rose city clinic');
  expect(normalizeName('Jane Doe, MD')).toBe('jane doe');
  expect(normalizeName('Dr. Jane Doe MD PC')).toBe('jane doe');
  expect(normalizeName('John Smith Jr.')).toBe('john smith');
  // Only at the end: a word in the middle of a name stays.
  expect(normalizeName('Inc Partners Clinic')).toBe('inc partners clinic');
  // A name that is nothing but a suffix is no name.
  expect(normalizeName('LLC')).toBe('');
  expect(normalizeName(' ,. ')).toBe('');
});

test('a near miss stays a different name', () => {
  expect(normalizeName('Rose City Family Clinics')).not.toBe(normalizeName('Rose City Family Clinic'));
  expect(normalizeName('Rose City Family Clinic')).not.toBe(normalizeName('Rose City Clinic'));
});

test("the list's person key is the first word of FIRSTNAME and the LASTNAME", () => {
  expect(personKey('ANA', 'LOPEZ')).toBe('ana lopez');
  expect(personKey('MARY ANN', "O'HARA")).toBe('mary ohara');
  expect(personKey('', 'LOPEZ')).toBeUndefined();
});

test('a typed name is looked up whole; a person also by first and last words, and turned round when written Last, First', () => {
  const keys = (typed: string) => nameKeys(typed).map(({ key, isPersonOnly }) => (isPersonOnly ? `person: ${key}` : key));
  expect(keys('Rose City Family Clinic, LLC')).toEqual(['rose city family clinic', 'person: rose clinic']);
  expect(keys('Dr. Ana M. Lopez, MD')).toEqual(['ana m lopez', 'person: ana lopez']);
  expect(keys('Lopez, Ana M')).toEqual(['lopez ana m', 'person: lopez m', 'person: ana lopez']);
  expect(keys('Ana Lopez')).toEqual(['ana lopez']);
  expect(keys('')).toEqual([]);
});
