import { isTinFormat, normalizeTin } from '@/lib/validation/tin';
import { maskTin } from '@/lib/format';

describe('isTinFormat', () => {
  it.each(['12-3456789', '123456789', '123-45-6789', ' 12-3456789 '])('accepts %p', (value) => {
    expect(isTinFormat(value)).toBe(true);
  });

  it.each([
    ['eight digits in EIN form', '12-345678'],
    ['eight bare digits', '12345678'],
    ['ten digits', '1234567890'],
    ['letters', '12-34567AB'],
    ['only letters', 'ABCDEFGHI'],
    ['all zeros', '000000000'],
    ['all zeros in EIN form', '00-0000000'],
    ['dashes in the wrong places', '1234-56789'],
    ['empty', ''],
  ])('refuses %s (%p)', (_label, value) => {
    expect(isTinFormat(value)).toBe(false);
  });
});

describe('normalizeTin', () => {
  it.each([
    ['12-3456789', '123456789'],
    ['123-45-6789', '123456789'],
    ['123 45 6789', '123456789'],
    ['123456789', '123456789'],
  ])('%p → %p', (input, output) => {
    expect(normalizeTin(input)).toBe(output);
  });
});

describe('maskTin', () => {
  it('shows five bullets and the last four digits', () => {
    expect(maskTin('6789')).toBe('•••••6789');
  });

  it('keeps only the last four when given more', () => {
    expect(maskTin('123456789')).toBe('•••••6789');
    expect(maskTin('123456789')).not.toContain('12345');
  });
});
