import { SubmissionKind } from '@/lib/generated/prisma/enums';
import { parseEnv } from '@/lib/env';
import { isSubmissionKind, KINDS, REFERENCE_PREFIXES, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { newReference, normalizeReference, REFERENCE_PATTERN } from '@/lib/reference';
import { KIND_NAMES } from '@/lib/request-status';
import { KIND_LABELS, parseQueueFilter } from '@/lib/staff/queue-filter';

/** The registry of kinds (lib/intake/kinds.ts), and the lists that derive from it. */

const unique = (values: string[]) => new Set(values).size === values.length;

describe('the registry of kinds', () => {
  it('has an entry for every kind the database knows, and no other', () => {
    expect([...SUBMISSION_KINDS].sort()).toEqual(Object.values(SubmissionKind).sort());
  });

  it('gives each kind its own prefix of three capital letters, inbox setting, rate limit and form', () => {
    const entries = SUBMISSION_KINDS.map((kind) => KINDS[kind]);
    for (const entry of entries) expect(entry.prefix).toMatch(/^[A-Z]{3}$/);
    expect(unique(entries.map((entry) => entry.prefix))).toBe(true);
    expect(unique(entries.map((entry) => entry.inbox.setting))).toBe(true);
    expect(unique(entries.map((entry) => entry.rateLimit))).toBe(true);
    expect(unique(entries.map((entry) => entry.form.path))).toBe(true);
  });

  it('loads a server side for every kind', async () => {
    for (const kind of SUBMISSION_KINDS) {
      const server = await KINDS[kind].server();
      expect(typeof server.staffAnswers).toBe('function');
      expect(typeof server.encryptedTins).toBe('function');
    }
  });

  it('knows its own kinds and nothing else', () => {
    for (const kind of SUBMISSION_KINDS) expect(isSubmissionKind(kind)).toBe(true);
    for (const other of ['', 'contract_request', 'toString', '__proto__', 'NEW']) expect(isSubmissionKind(other)).toBe(false);
  });
});

describe('what derives from it', () => {
  it.each(SUBMISSION_KINDS.map((kind) => [kind]))('%s: a new reference has its prefix and matches the pattern', (kind) => {
    const reference = newReference(kind);
    expect(reference.startsWith(`${KINDS[kind].prefix}-`)).toBe(true);
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(normalizeReference(reference.toLowerCase().replace('-', ' '))).toBe(reference);
    expect(REFERENCE_PREFIXES[kind]).toBe(KINDS[kind].prefix);
  });

  it('every inbox is a setting whose default is the registry’s address, and can be overridden', () => {
    const defaults = parseEnv({});
    for (const kind of SUBMISSION_KINDS) {
      const { setting, address } = KINDS[kind].inbox;
      expect(defaults[setting]).toBe(address);
      expect(parseEnv({ [setting]: 'someone@plan.example' })[setting]).toBe('someone@plan.example');
    }
  });

  it('the status page and the staff queue name every kind in their own words', () => {
    for (const kind of SUBMISSION_KINDS) {
      expect(KIND_NAMES[kind]).toBe(KINDS[kind].applicantName);
      expect(KIND_LABELS[kind]).toBe(KINDS[kind].staffLabel);
      expect(parseQueueFilter({ kind }).kind).toBe(kind);
    }
    expect(parseQueueFilter({ kind: 'SOMETHING_ELSE' }).kind).toBeUndefined();
  });
});
