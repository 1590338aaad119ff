import { newReference, REFERENCE_ALPHABET, REFERENCE_PATTERN } from '@/lib/reference';

const CONTRACT_REFERENCE = /^NCR-[0123456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;

describe('newReference', () => {
  it('draws NCR- and 8 characters of Crockford base 32, every time', () => {
    const drawn = Array.from({ length: 2000 }, () => newReference('CONTRACT_REQUEST'));
    for (const reference of drawn) {
      expect(reference).toMatch(CONTRACT_REFERENCE);
      expect(reference).toMatch(REFERENCE_PATTERN);
    }
    // 32^8 possibilities: 2,000 draws should not repeat.
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, () => newReference('CONTRACT_REQUEST').slice(4)).join(''));
    expect([...seen].sort().join('')).toBe([...REFERENCE_ALPHABET].sort().join(''));
  });

  it('uses the prefix of each kind', () => {
    expect(newReference('CLINIC_EMAILS')).toMatch(/^CAE-/);
    expect(newReference('CLINIC_UPDATE')).toMatch(/^CIU-/);
  });
});

describe('REFERENCE_PATTERN', () => {
  it('accepts a well-formed reference', () => {
    expect(REFERENCE_PATTERN.test('NCR-0123ABYZ')).toBe(true);
    expect(REFERENCE_PATTERN.test('CIU-HJKMNPQR')).toBe(true);
  });

  it.each([
    ['lowercase', 'NCR-0123abyz'],
    ['an I', 'NCR-0123ABYI'],
    ['an L', 'NCR-0123ABYL'],
    ['an O', 'NCR-0123ABYO'],
    ['a U', 'NCR-0123ABYU'],
    ['7 characters', 'NCR-0123ABY'],
    ['9 characters', 'NCR-0123ABYZ0'],
    ['an unknown prefix', 'XYZ-0123ABYZ'],
    ['no dash', 'NCR0123ABYZ'],
    ['trailing text', 'NCR-0123ABYZ/../x'],
  ])('rejects a reference with %s (%p)', (_label, value) => {
    expect(REFERENCE_PATTERN.test(value)).toBe(false);
  });
});
