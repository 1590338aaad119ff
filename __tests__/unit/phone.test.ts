import { isUsPhone, toE164 } from '@/lib/validation/phone';
import { formatUsPhone } from '@/lib/format';

describe('US phone numbers', () => {
  it.each(['(503) 555-0123', '503.555.0123', '+1 503 555 0123', '503-555-0123', '5035550123', ' (503) 555-0123 '])(
    'accepts %p and stores it as +15035550123',
    (value) => {
      expect(isUsPhone(value)).toBe(true);
      expect(toE164(value)).toBe('+15035550123');
    },
  );

  it('shows a stored number as (503) 555-0123', () => {
    expect(formatUsPhone('+15035550123')).toBe('(503) 555-0123');
  });

  it('round-trips every accepted form to the same shown number', () => {
    for (const value of ['(503) 555-0123', '503.555.0123', '+1 503 555 0123']) {
      expect(formatUsPhone(toE164(value))).toBe('(503) 555-0123');
    }
  });

  it.each([
    ['a 7-digit local number', '555-0123'],
    ['a UK number', '+44 20 7946 0958'],
    ['an impossible area code', '(123) 456-7890'],
    ['letters', 'call me'],
    ['empty', ''],
  ])('refuses %s (%p)', (_label, value) => {
    expect(isUsPhone(value)).toBe(false);
    expect(() => toE164(value)).toThrow('Not a US phone number');
  });

  it('accepts a US territory number (Puerto Rico)', () => {
    expect(isUsPhone('+1 787 555 0123')).toBe(true);
    expect(toE164('(787) 555-0123')).toBe('+17875550123');
  });

  it('refuses a Canadian number, which shares +1 but is not the US', () => {
    expect(isUsPhone('+1 604 555 0123')).toBe(false);
  });

  it('leaves a value it cannot parse as it is when formatting', () => {
    expect(formatUsPhone('not a number')).toBe('not a number');
  });
});
