import { randomBytes } from 'node:crypto';

import { loadWithKey as loadKeyed, restoreEnvironment } from '../helpers/keyed-module';

type TinCrypto = typeof import('@/lib/crypto/tin');

const KEY = Buffer.alloc(32, 7).toString('base64');
const OTHER_KEY = randomBytes(32).toString('base64');

const loadWithKey = (key: string): TinCrypto =>
  loadKeyed(
    key,
    () => require('@/lib/crypto/tin') as TinCrypto,
    (module) => module.hashTin(''),
  );

afterAll(restoreEnvironment);

describe('TIN encryption', () => {
  const crypto = loadWithKey(KEY);

  it('decrypts what it encrypted', () => {
    expect(crypto.decryptTin(crypto.encryptTin('123456789'))).toBe('123456789');
    expect(crypto.decryptTin(crypto.encryptTin('987654321'))).toBe('987654321');
  });

  it('gives a different ciphertext each time (random IV)', () => {
    const ciphertexts = new Set(Array.from({ length: 20 }, () => crypto.encryptTin('123456789')));
    expect(ciphertexts.size).toBe(20);
  });

  it('never shows the digits in the ciphertext', () => {
    for (let draw = 0; draw < 50; draw++) {
      const ciphertext = crypto.encryptTin('123456789');
      expect(ciphertext).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
      expect(ciphertext).not.toContain('123456789');
      expect(ciphertext).not.toContain('6789');
    }
  });

  it('throws on a ciphertext whose data was tampered with', () => {
    const [version, iv, tag, data] = crypto.encryptTin('123456789').split(':');
    const bytes = Buffer.from(data, 'base64');
    bytes[0] ^= 1;
    expect(() => crypto.decryptTin([version, iv, tag, bytes.toString('base64')].join(':'))).toThrow();
  });

  it('throws on a ciphertext whose tag or IV was changed', () => {
    const [version, iv, tag, data] = crypto.encryptTin('123456789').split(':');
    const otherTag = Buffer.from(tag, 'base64');
    otherTag[15] ^= 0x80;
    expect(() => crypto.decryptTin([version, iv, otherTag.toString('base64'), data].join(':'))).toThrow();
    const otherIv = Buffer.from(iv, 'base64');
    otherIv[0] ^= 1;
    expect(() => crypto.decryptTin([version, otherIv.toString('base64'), tag, data].join(':'))).toThrow();
  });

  it('throws on something that is not a TIN ciphertext', () => {
    expect(() => crypto.decryptTin('123456789')).toThrow('Unrecognised TIN ciphertext');
    expect(() => crypto.decryptTin('v2:a:b:c')).toThrow('Unrecognised TIN ciphertext');
    expect(() => crypto.decryptTin('v1::b:c')).toThrow('Unrecognised TIN ciphertext');
  });
});

describe('TIN hash', () => {
  const crypto = loadWithKey(KEY);

  it('is the same for the same TIN', () => {
    expect(crypto.hashTin('123456789')).toBe(crypto.hashTin('123456789'));
    expect(crypto.hashTin('123456789')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for another TIN', () => {
    expect(crypto.hashTin('123456789')).not.toBe(crypto.hashTin('123456788'));
  });

  it('is keyed: not a plain SHA-256 of the TIN', () => {
    const plain = require('node:crypto').createHash('sha256').update('123456789').digest('hex');
    expect(crypto.hashTin('123456789')).not.toBe(plain);
  });
});

describe('another key', () => {
  const first = loadWithKey(KEY);
  const firstHash = first.hashTin('123456789');
  const firstCiphertext = first.encryptTin('123456789');
  const second = loadWithKey(OTHER_KEY);

  it('gives another hash for the same TIN', () => {
    expect(second.hashTin('123456789')).not.toBe(firstHash);
  });

  it('cannot decrypt the first key’s ciphertext', () => {
    expect(() => second.decryptTin(firstCiphertext)).toThrow();
    expect(first.decryptTin(firstCiphertext)).toBe('123456789');
  });

  it('the same key, loaded afresh, gives the same hash and decrypts (stable across restarts)', () => {
    const again = loadWithKey(KEY);
    expect(again.hashTin('123456789')).toBe(firstHash);
    expect(again.decryptTin(firstCiphertext)).toBe('123456789');
  });
});
