/**
 * What a reference looks like (NCR-7K3M9Q2X): safe to import in the browser. Making one is lib/reference.ts.
 */

/** Crockford's base 32 without I, L, O, U: easy to read aloud and to type back. */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PREFIXES = {
  CONTRACT_REQUEST: 'NCR',
  CLINIC_EMAILS: 'CAE',
  CLINIC_UPDATE: 'CIU',
} as const;

export type ReferenceKind = keyof typeof REFERENCE_PREFIXES;

export const REFERENCE_PATTERN = /^(NCR|CAE|CIU)-[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * A reference as a person may type it back, read the way Crockford's base 32 is: any case, spaces, any dash or
 * none ("ncr 7k3m 9q2x"), the full stop that ends the receipt's sentence, and O for 0, I or L for 1 in the code.
 * Anything else is returned as typed (trimmed).
 */
export function normalizeReference(typed: string): string {
  const compact = typed
    .trim()
    .toUpperCase()
    .replace(/\.+$/, '')
    .replace(/[\s\u200b-\u200d\ufeff\u2010-\u2015\u2212-]+/g, '');
  const match = /^(NCR|CAE|CIU)([0-9A-Z]{8})$/.exec(compact);
  if (!match) return typed.trim();
  const code = match[2].replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${match[1]}-${code}`;
}
