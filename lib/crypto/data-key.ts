import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * The key that encrypts TINs at rest. From DATA_ENCRYPTION_KEY; only the embedded database (one process,
 * one machine) may generate its own, kept beside the data in DATA_DIR.
 */
let cached: Buffer | undefined;

export function dataKey(): Buffer {
  cached ??= loadKey();
  return cached;
}

function loadKey(): Buffer {
  const { DATA_ENCRYPTION_KEY, DATABASE_URL, DATA_DIR } = env();
  if (DATA_ENCRYPTION_KEY) return Buffer.from(DATA_ENCRYPTION_KEY, 'base64');
  if (DATABASE_URL) throw new Error('DATA_ENCRYPTION_KEY is required when DATABASE_URL is set');
  const file = path.resolve(DATA_DIR, 'encryption.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    log().warn(
      { event: 'encryption_key_generated', file },
      'DATA_ENCRYPTION_KEY is not set: generated a key for the embedded database. Back it up with the data; set DATA_ENCRYPTION_KEY in production.',
    );
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** A key for one purpose, derived from the data key, so no two uses share key material. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey(), Buffer.alloc(0), `provider-intake ${purpose}`, 32));
}
