import { createHmac } from 'node:crypto';
import { derivedKey as subKey } from './data-key';
import { seal, unseal } from './sealed';

/**
 * A TIN can be an SSN: it is stored only as AES-256-GCM ciphertext (lib/crypto/sealed.ts) plus a keyed hash
 * (HMAC-SHA-256) that lets staff find duplicates without decrypting. Both keys derive from DATA_ENCRYPTION_KEY.
 */

export function encryptTin(tin: string): string {
  return seal(tin, 'tin encryption');
}

export function decryptTin(ciphertext: string): string {
  return unseal(ciphertext, 'tin encryption', 'TIN');
}

/** The same TIN always gives the same hash under one key; the hash reveals nothing without the key. */
export function hashTin(tin: string): string {
  return createHmac('sha256', subKey('tin hash')).update(tin).digest('hex');
}
