import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { derivedKey } from './data-key';

/**
 * Authenticated encryption at rest (AES-256-GCM), each use with its own key derived from DATA_ENCRYPTION_KEY:
 * `v1:<iv>:<tag>:<ciphertext>`, base64 parts. TINs and the bodies of mail that carry a sign-in or verification link.
 */

const VERSION = 'v1';

export function seal(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(purpose), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

/** The plaintext; throws `Unrecognised <what> ciphertext` for anything not sealed this way, and on a wrong key. */
export function unseal(sealed: string, purpose: string, what = purpose): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error(`Unrecognised ${what} ciphertext`);
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(purpose), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
}
