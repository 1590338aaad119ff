import { createHash, randomBytes } from 'node:crypto';

import { loadWithKey as loadKeyed, restoreEnvironment } from '../helpers/keyed-module';

type Tokens = typeof import('@/lib/crypto/tokens');

const KEY = Buffer.alloc(32, 7).toString('base64');
const OTHER_KEY = randomBytes(32).toString('base64');

const loadWithKey = (key: string): Tokens =>
  loadKeyed(
    key,
    () => require('@/lib/crypto/tokens') as Tokens,
    (module) => module.submissionAccessKey(''),
  );

afterAll(restoreEnvironment);

const ID = '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5a';
const OTHER_ID = '6f1c2a9e-1d2b-4c1e-9a55-0b7d2f3c4e5b';

describe('newLinkToken', () => {
  const tokens = loadWithKey(KEY);

  it('gives a 43-character base64url token (32 bytes) and its SHA-256 in hex', () => {
    for (let draw = 0; draw < 50; draw++) {
      const { token, hash } = tokens.newLinkToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(hash).toBe(tokens.hashLinkToken(token));
    }
  });

  it('gives a different token every time', () => {
    const drawn = Array.from({ length: 200 }, () => tokens.newLinkToken());
    expect(new Set(drawn.map((draw) => draw.token)).size).toBe(200);
    expect(new Set(drawn.map((draw) => draw.hash)).size).toBe(200);
  });
});

describe('hashLinkToken', () => {
  const tokens = loadWithKey(KEY);

  it('is plain SHA-256 hex, the same for the same token and independent of the data key', () => {
    expect(tokens.hashLinkToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(tokens.hashLinkToken('abc')).toBe(loadWithKey(OTHER_KEY).hashLinkToken('abc'));
  });

  it('differs for tokens differing in one character', () => {
    expect(tokens.hashLinkToken('abc')).not.toBe(tokens.hashLinkToken('abd'));
    expect(tokens.hashLinkToken('abc')).not.toBe(tokens.hashLinkToken('Abc'));
  });
});

describe('submissionAccessKey', () => {
  const tokens = loadWithKey(KEY);

  it('is 32 base64url characters', () => {
    expect(tokens.submissionAccessKey(ID)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('is the same every time for the same id', () => {
    expect(tokens.submissionAccessKey(ID)).toBe(tokens.submissionAccessKey(ID));
  });

  it('is the same when the same key is loaded afresh (stable across restarts)', () => {
    expect(loadWithKey(KEY).submissionAccessKey(ID)).toBe(tokens.submissionAccessKey(ID));
  });

  it('differs for another id, even one differing in the last character', () => {
    expect(tokens.submissionAccessKey(OTHER_ID)).not.toBe(tokens.submissionAccessKey(ID));
  });

  it('differs under another DATA_ENCRYPTION_KEY', () => {
    const other = loadWithKey(OTHER_KEY);
    expect(other.submissionAccessKey(ID)).not.toBe(tokens.submissionAccessKey(ID));
    expect(other.isSubmissionAccessKey(ID, tokens.submissionAccessKey(ID))).toBe(false);
  });

  it('is keyed: not derived from the id alone', () => {
    const plain = createHash('sha256').update(ID).digest('base64url').slice(0, 32);
    expect(tokens.submissionAccessKey(ID)).not.toBe(plain);
    expect(tokens.submissionAccessKey(ID)).not.toContain(ID.slice(0, 8));
  });
});

describe('isSubmissionAccessKey', () => {
  const tokens = loadWithKey(KEY);
  const key = tokens.submissionAccessKey(ID);

  it('accepts the key of the id', () => {
    expect(tokens.isSubmissionAccessKey(ID, key)).toBe(true);
  });

  it('refuses the key of another id', () => {
    expect(tokens.isSubmissionAccessKey(OTHER_ID, key)).toBe(false);
    expect(tokens.isSubmissionAccessKey(ID, tokens.submissionAccessKey(OTHER_ID))).toBe(false);
  });

  it('refuses a key with one character changed, or its case', () => {
    const changed = key[5] === 'A' ? 'B' : 'A';
    expect(tokens.isSubmissionAccessKey(ID, key.slice(0, 5) + changed + key.slice(6))).toBe(false);
    const recased = key.replace(/[a-z]/, (letter) => letter.toUpperCase());
    expect(recased).not.toBe(key);
    expect(tokens.isSubmissionAccessKey(ID, recased)).toBe(false);
  });

  it('refuses a key that is too short or too long (no prefix match)', () => {
    expect(tokens.isSubmissionAccessKey(ID, key.slice(0, 31))).toBe(false);
    expect(tokens.isSubmissionAccessKey(ID, key.slice(0, 16))).toBe(false);
    expect(tokens.isSubmissionAccessKey(ID, `${key}A`)).toBe(false);
    expect(tokens.isSubmissionAccessKey(ID, `${key}${key}`)).toBe(false);
  });

  it('refuses an empty key and a blank one of the right length', () => {
    expect(tokens.isSubmissionAccessKey(ID, '')).toBe(false);
    expect(tokens.isSubmissionAccessKey(ID, ' '.repeat(32))).toBe(false);
  });

  it('refuses a 32-byte key whose characters are multi-byte (length compared in bytes)', () => {
    // 16 two-byte characters make 32 bytes but are not the key.
    expect(() => tokens.isSubmissionAccessKey(ID, 'é'.repeat(16))).not.toThrow();
    expect(tokens.isSubmissionAccessKey(ID, 'é'.repeat(16))).toBe(false);
    // 32 characters, some multi-byte: more than 32 bytes, must not throw in timingSafeEqual.
    expect(() => tokens.isSubmissionAccessKey(ID, `é${key.slice(1)}`)).not.toThrow();
    expect(tokens.isSubmissionAccessKey(ID, `é${key.slice(1)}`)).toBe(false);
  });
});
