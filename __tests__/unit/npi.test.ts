import { hasValidNpiCheckDigit, normalizeNpi } from '@/lib/validation/npi';

describe('hasValidNpiCheckDigit', () => {
  it('accepts an NPI whose Luhn check digit (with the 80840 prefix) is right', () => {
    expect(hasValidNpiCheckDigit('1234567893')).toBe(true);
  });

  it('refuses the same digits with the wrong check digit', () => {
    expect(hasValidNpiCheckDigit('1234567890')).toBe(false);
    expect(hasValidNpiCheckDigit('1234567894')).toBe(false);
  });

  it('refuses a number that passes plain Luhn but not Luhn over 80840+NPI', () => {
    // 1234567897 is Luhn-valid on its own; only the 80840 prefix makes 1234567893 the right one.
    expect(hasValidNpiCheckDigit('1234567897')).toBe(false);
  });

  it.each(['123456789', '12345678931', '', '123456789a', '12345 7893', '1234-67893'])('refuses %p, which is not 10 digits', (value) => {
    expect(hasValidNpiCheckDigit(value)).toBe(false);
  });
});

describe('normalizeNpi', () => {
  it('removes spaces and dashes people paste with an NPI', () => {
    expect(normalizeNpi('123 456 7893')).toBe('1234567893');
    expect(normalizeNpi('123-456-7893')).toBe('1234567893');
    expect(normalizeNpi(' 1234567893\t')).toBe('1234567893');
  });

  it('leaves other characters for the validator to refuse', () => {
    expect(normalizeNpi('12345x7893')).toBe('12345x7893');
  });

  it('gives an NPI the check digit test accepts', () => {
    expect(hasValidNpiCheckDigit(normalizeNpi('1234 5678-93'))).toBe(true);
  });
});
