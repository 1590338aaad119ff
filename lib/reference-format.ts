/**
 * What a reference looks like (NCR-7K3M9Q2X), given the kinds' prefixes: safe to import in the browser, which gets
 * the prefixes from its page. The server's patterns, and making a reference, are lib/reference.ts.
 */

/** Crockford's base 32 without I, L, O, U: easy to read aloud and to type back. */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function referencePattern(prefixes: readonly string[]): RegExp {
  return new RegExp(`^(${prefixes.join('|')})-[0-9A-HJKMNP-TV-Z]{8}$`);
}

/**
 * A reference as a person may type it back, read the way Crockford's base 32 is: any case, spaces, any dash or
 * none ("ncr 7k3m 9q2x"), the full stop that ends the receipt's sentence, and O for 0, I or L for 1 in the code.
 * Anything else is returned as typed (trimmed).
 */
export function normalizeReferenceOf(typed: string, prefixes: readonly string[]): string {
  const compact = typed
    .trim()
    .toUpperCase()
    .replace(/\.+$/, '')
    .replace(/[\s\u200b-\u200d\ufeff\u2010-\u2015\u2212-]+/g, '');
  const match = new RegExp(`^(${prefixes.join('|')})([0-9A-Z]{8})$`).exec(compact);
  if (!match) return typed.trim();
  const code = match[2].replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${match[1]}-${code}`;
}
