import { randomInt } from 'node:crypto';
import { REFERENCE_ALPHABET, REFERENCE_PREFIXES, type ReferenceKind } from './reference-format';

export { REFERENCE_ALPHABET, REFERENCE_PATTERN, REFERENCE_PREFIXES, type ReferenceKind } from './reference-format';

export function newReference(kind: ReferenceKind): string {
  let code = '';
  for (let index = 0; index < 8; index++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${REFERENCE_PREFIXES[kind]}-${code}`;
}
