import { randomInt } from 'node:crypto';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import { REFERENCE_PREFIXES } from '@/lib/intake/kinds';
import { normalizeReferenceOf, REFERENCE_ALPHABET, referencePattern } from './reference-format';

export { REFERENCE_ALPHABET, REFERENCE_PREFIXES };

/** Every kind's prefix, as the patterns and the status form take them. */
export const ALL_REFERENCE_PREFIXES = Object.values(REFERENCE_PREFIXES);

/** Any kind's reference: NCR-7K3M9Q2X, CAE-…, CIU-… */
export const REFERENCE_PATTERN = referencePattern(ALL_REFERENCE_PREFIXES);

/** A reference typed back leniently (lib/reference-format.ts), read against every kind's prefix. */
export function normalizeReference(typed: string): string {
  return normalizeReferenceOf(typed, ALL_REFERENCE_PREFIXES);
}

export function newReference(kind: SubmissionKind): string {
  let code = '';
  for (let index = 0; index < 8; index++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${REFERENCE_PREFIXES[kind]}-${code}`;
}
