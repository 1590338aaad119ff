import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { derivedKey as subKey } from './data-key';

/**
 * A TIN can be an SSN: it is stored only as AES-256-GCM ciphertext plus a keyed hash (HMAC-SHA-256) that
 * lets staff find duplicates without decrypting. Both keys derive from DATA_ENCRYPTION_KEY.
 */

const VERSION = 'v1';

export function encryptTin(tin: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey('tin encryption'), iv);
  const data = Buffer.concat([cipher.update(tin, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64'))).join(':');
}

export function decryptTin(ciphertext: string): string {
  const [version, iv, tag, data] = ciphertext.split(':');
  if (version !== VERSION || !iv || !tag || !data) throw new Error('Unrecognised TIN ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', subKey('tin encryption'), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}

/** The same TIN always gives the same hash under one key; the hash reveals nothing without the key. */
export function hashTin(tin: string): string {
  return createHmac('sha256', subKey('tin hash')).update(tin).digest('hex');
}
