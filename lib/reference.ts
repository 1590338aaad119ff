import { randomInt } from 'node:crypto';

/** Crockford's base 32 without I, L, O, U: easy to read aloud and to type back. */
export const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PREFIXES = {
  CONTRACT_REQUEST: 'NCR',
  CLINIC_EMAILS: 'CAE',
  CLINIC_UPDATE: 'CIU',
} as const;

export type ReferenceKind = keyof typeof REFERENCE_PREFIXES;

export function newReference(kind: ReferenceKind): string {
  let code = '';
  for (let index = 0; index < 8; index++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${REFERENCE_PREFIXES[kind]}-${code}`;
}

export const REFERENCE_PATTERN = /^(NCR|CAE|CIU)-[0-9A-HJKMNP-TV-Z]{8}$/;
