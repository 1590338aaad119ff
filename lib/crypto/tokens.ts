import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from './data-key';

/** A secret for a link: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A key that opens one submission's own page for the person who sent it, derived from the submission's id, so
 * that a repeated post can be sent to the same page without storing the key.
 */
export function submissionAccessKey(submissionId: string): string {
  return createHmac('sha256', derivedKey('submission access')).update(submissionId).digest('base64url').slice(0, 32);
}

export function isSubmissionAccessKey(submissionId: string, key: string): boolean {
  const expected = Buffer.from(submissionAccessKey(submissionId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
