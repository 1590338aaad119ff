import * as z from 'zod/mini';
import { normalizeReference, REFERENCE_PATTERN } from '@/lib/reference';
import { statusLookupSchema } from '@/lib/intake/request-status';
import { STATUS_LOOKUP_FIELDS } from '@/lib/validation/status-lookup';

/**
 * The status page's question (lib/validation/status-lookup.ts): a reference as a person types it back from a
 * receipt, read the way Crockford's base 32 is, and the e-mail address the request was sent from.
 */

describe('normalizeReference: a reference typed back leniently', () => {
  it.each([
    ['as printed', 'NCR-7K3M9Q2X', 'NCR-7K3M9Q2X'],
    ['in lower case', 'ncr-7k3m9q2x', 'NCR-7K3M9Q2X'],
    ['in mixed case', 'Ciu-7k3M9q2X', 'CIU-7K3M9Q2X'],
    ['with spaces around it', '  CAE-7K3M9Q2X \t', 'CAE-7K3M9Q2X'],
    ['without the dash', 'NCR7K3M9Q2X', 'NCR-7K3M9Q2X'],
    ['with a space for the dash', 'NCR 7K3M9Q2X', 'NCR-7K3M9Q2X'],
    ['in groups, as read aloud', 'ncr 7k3m 9q2x', 'NCR-7K3M9Q2X'],
    ['with extra dashes', 'NCR-7K3M-9Q2X', 'NCR-7K3M9Q2X'],
    ['broken over two lines (pasted)', 'NCR-7K3M\n9Q2X', 'NCR-7K3M9Q2X'],
    ['with a non-breaking space (pasted from an e-mail)', 'NCR\u00a07K3M9Q2X', 'NCR-7K3M9Q2X'],
    ['with an O for a zero', 'NCR-7K3M9QO0', 'NCR-7K3M9Q00'],
    ['with a lower-case o for a zero', 'ncr-o0o0o0o0', 'NCR-00000000'],
    ['with an I for a one', 'NCR-I7K3M9Q2', 'NCR-17K3M9Q2'],
    ['with an L for a one', 'NCR-L7K3M9Q2', 'NCR-17K3M9Q2'],
    ['with lower-case i and l for ones', 'cae-il7k3m9q', 'CAE-117K3M9Q'],
    ['with every confusable at once', 'ciu olil 0I1L', 'CIU-01110111'],
    ["with the full stop that ends the receipt's sentence", 'NCR-7K3M9Q2X.', 'NCR-7K3M9Q2X'],
    ['with an en dash (typed by a word processor)', 'NCR\u20137K3M9Q2X', 'NCR-7K3M9Q2X'],
    ['with a zero-width space (pasted)', 'NCR-7K3M\u200b9Q2X', 'NCR-7K3M9Q2X'],
  ])('reads a reference %s (%p) as %p', (_how, typed, expected) => {
    const normalized = normalizeReference(typed);
    expect(normalized).toBe(expected);
    expect(normalized).toMatch(REFERENCE_PATTERN);
  });

  it('leaves the prefix alone: only the code after it is read as base 32', () => {
    // CIU keeps its I; a 1 typed into the prefix is not a reference at all.
    expect(normalizeReference('ciu-11111111')).toBe('CIU-11111111');
    expect(normalizeReference('C1U-11111111')).toBe('C1U-11111111');
  });

  it.each([
    ['words', 'my request from Tuesday'],
    ['an unknown prefix', 'XYZ-7K3M9Q2X'],
    ['a code one character short', 'NCR-7K3M9Q2'],
    ['a code one character long', 'ncr-7k3m9q2xy'],
    ['punctuation inside', 'NCR-7K3M.9Q2X'],
    ['a path', 'NCR-7K3M9Q2X/../x'],
    ['markup', '<b>NCR-7K3M9Q2X</b>'],
    ['a prefix alone', 'ncr'],
  ])('returns %s as typed, only trimmed (%p)', (_what, typed) => {
    expect(normalizeReference(typed)).toBe(typed);
    expect(normalizeReference(`  ${typed}  `)).toBe(typed);
  });

  it('returns an empty or blank entry as the empty string', () => {
    expect(normalizeReference('')).toBe('');
    expect(normalizeReference('   ')).toBe('');
  });

  it('does not turn a U (not in the alphabet) into anything: the shape is kept, and the pattern refuses it', () => {
    const normalized = normalizeReference('ncr-7k3m9qux');
    expect(normalized).toBe('NCR-7K3M9QUX');
    expect(normalized).not.toMatch(REFERENCE_PATTERN);
  });
});

/** What a plain form post gives the Server Action. */
const post = (overrides: Record<string, unknown> = {}) => ({ reference: 'NCR-7K3M9Q2X', email: 'office@rosecity.example', ...overrides });

function fieldErrors(input: Record<string, unknown>): Record<string, string[] | undefined> {
  const result = statusLookupSchema.safeParse(input);
  if (result.success) throw new Error(`expected the look-up to be refused, it parsed: ${JSON.stringify(result.data)}`);
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

function parsed(input: Record<string, unknown>) {
  const result = statusLookupSchema.safeParse(input);
  if (!result.success) throw new Error(`expected the look-up to parse: ${JSON.stringify(z.flattenError(result.error).fieldErrors)}`);
  return result.data;
}

const MISSING_REFERENCE = 'Enter the reference from your receipt';
const BAD_REFERENCE = 'Enter the reference as it is in your receipt, like NCR-7K3M9Q2X';
const MISSING_EMAIL = 'Enter the e-mail address you sent the request from';
const BAD_EMAIL = 'Enter an e-mail address in the right format, like name@example.com';

describe('statusLookupSchema', () => {
  it('names the two fields the form posts', () => {
    expect([...STATUS_LOOKUP_FIELDS].sort()).toEqual(Object.keys(post()).sort());
  });

  it('parses a reference as printed and an address, trimmed', () => {
    expect(parsed(post({ email: '  office@rosecity.example ' }))).toEqual({ reference: 'NCR-7K3M9Q2X', email: 'office@rosecity.example' });
  });

  it('gives the normalized reference, so the look-up sees the stored spelling', () => {
    expect(parsed(post({ reference: ' ncr 7k3m 9qoi ' })).reference).toBe('NCR-7K3M9Q01');
    expect(parsed(post({ reference: 'cae7k3m9q2x' })).reference).toBe('CAE-7K3M9Q2X');
  });

  it('keeps the e-mail address in the case it was typed (the look-up ignores case, the schema does not decide it)', () => {
    expect(parsed(post({ email: 'Office@RoseCity.Example' })).email).toBe('Office@RoseCity.Example');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['absent', undefined],
  ])('asks for the reference when it is %s, with one message', (_how, reference) => {
    expect(fieldErrors(post({ reference }))).toEqual({ reference: [MISSING_REFERENCE] });
  });

  it.each([
    ['words', 'my request'],
    ['an unknown prefix', 'XYZ-7K3M9Q2X'],
    ['a short code', 'NCR-7K3M9Q2'],
    ['a U in the code', 'NCR-7K3M9QUX'],
  ])('explains the expected shape when the reference is %s (%p)', (_what, reference) => {
    expect(fieldErrors(post({ reference }))).toEqual({ reference: [BAD_REFERENCE] });
  });

  it.each([
    ['empty', ''],
    ['blank', '  '],
    ['absent', undefined],
  ])('asks for the e-mail address when it is %s', (_how, email) => {
    expect(fieldErrors(post({ email })).email?.[0]).toBe(MISSING_EMAIL);
  });

  it.each([
    ['no @', 'office.rosecity.example'],
    ['no domain', 'office@'],
    ['a space inside', 'office @rosecity.example'],
    ['no dot in the domain', 'office@rosecity'],
  ])('explains the format when the e-mail address has %s (%p)', (_what, email) => {
    expect(fieldErrors(post({ email }))).toEqual({ email: [BAD_EMAIL] });
  });

  it('refuses an address carrying a line break (a header-injection attempt)', () => {
    expect(fieldErrors(post({ email: 'office@rosecity.example\nBcc: x@evil.example' })).email).toContain(
      'Use a single line, without line breaks',
    );
  });

  it('refuses an address over 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(186)}.example`;
    expect(email.length).toBeGreaterThan(254);
    expect(fieldErrors(post({ email })).email).toContain('E-mail address must be 254 characters or fewer');
  });

  it('reports both fields at once when both are wrong', () => {
    expect(fieldErrors({ reference: '', email: 'nope' })).toEqual({ reference: [MISSING_REFERENCE], email: [BAD_EMAIL] });
  });
});
