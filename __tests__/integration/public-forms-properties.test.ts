import fc from 'fast-check';
import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { decryptTin, hashTin } from '@/lib/crypto/tin';
import { submissionAccessKey } from '@/lib/crypto/tokens';
import type { SubmissionKind } from '@/lib/generated/prisma/enums';
import { clinicEmailsSchema, type ClinicEmailsInput } from '@/lib/intake/clinic-emails/schema';
import {
  CHANGE_KINDS,
  clinicUpdateSchema,
  MAX_PROVIDERS,
  SECTION_FIELDS,
  WHO_FIELDS,
  type ChangeKind,
  type ClinicUpdateInput,
} from '@/lib/intake/clinic-update/schema';
import { CONTRACT_REQUEST_FIELDS, contractRequestSchema, type ContractRequestInput } from '@/lib/intake/contract-request/schema';
import { postedSpecialtyCode } from '@/lib/taxonomy';
import {
  CLINIC_EMAILS_NAMES,
  CLINIC_UPDATE_NAMES,
  CONTRACT_REQUEST_NAMES,
  clinicUpdateControlValue,
  freshKeys,
  validClinicEmailsPost,
  validClinicUpdatePost,
  validContractRequestPost,
} from '../fixtures/arbitrary-posts';
import { entriesOf, formDataOf, hostilePost, hostileValue, textOf, type Entry } from '../helpers/hostile-input';
import {
  expectAtLeast,
  NUM_RUNS,
  outcomeOf,
  PARAMETERS,
  referenceOf,
  usePropertyDatabase,
  UUID,
  type Outcome,
  type ShownAgain,
} from '../helpers/properties';

/**
 * Hostile traffic against the public forms' Server Actions (issue 13), with fast-check: a thousand generated posts per
 * form, valid ones (built from the fixtures, in the spellings people use) and hostile ones (any string, lone
 * surrogates, U+FFFD, NUL, right-to-left marks, combining characters, emoji, very long values, fields missing, repeated
 * or sent as files, invented names). Each post is either refused beside its fields (or with a message for the form)
 * with nothing stored, or accepted (redirected) and stored exactly as the form's own zod schema reads it, once: sent
 * again, it finds the same submission. Nothing is ever an unexpected error, the analogue of a 500. The status page and
 * the clinic alert links are in public-lookups-properties.test.ts.
 */

const database = usePropertyDatabase();

const REFERENCE = /^(NCR|CAE|CIU)-[0-9A-HJKMNP-TV-Z]{8}$/;

const UNREADABLE_FORM = 'Part of this form could not be read as it was sent. Check the answers marked below, then send it again.';
const MISSING_KEY = 'This form was missing its submission key. Check your answers and send it again.';

// ---------------------------------------------------------------------------------------------------------------
// What each post should do, worked out from the post as the server receives it and the form's own zod schema.

type Expected<Input> =
  { outcome: 'editing' } | { outcome: 'refused'; fieldErrors: string[]; formError?: string } | { outcome: 'accepted'; input: Input };

/**
 * One meaning per post: a field sent twice (but for check boxes), or a value with U+FFFD (bytes that were not UTF-8)
 * or NUL (which PostgreSQL cannot store in text), is refused under its own name. Next's own `$ACTION…` fields aside.
 */
function unreadableFields(entries: readonly Entry[], repeatable: readonly string[] = []): string[] {
  const fields = new Set<string>();
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (name.startsWith('$ACTION')) continue;
    if (seen.has(name) && !repeatable.includes(name)) fields.add(name);
    seen.add(name);
    if (typeof value === 'string' && /[\uFFFD\u0000]/.test(value)) fields.add(name);
  }
  return [...fields].sort();
}

type Parse<Input> = { success: true; data: Input } | { success: false; fields: string[] };

function schemaParse<Input>(
  result: { success: true; data: Input } | { success: false; error: { issues: Array<{ path: PropertyKey[] }> } },
) {
  return result.success
    ? ({ success: true, data: result.data } as const)
    : ({ success: false, fields: [...new Set(result.error.issues.map((issue) => issue.path.join('.')))].sort() } as const);
}

/** The public pipeline (lib/intake/public-submission.ts) in order: unreadable, invalid, no submission key, accepted. */
function pipeline<Input>(entries: readonly Entry[], parse: () => Parse<Input>, repeatable: readonly string[] = []): Expected<Input> {
  const unreadable = unreadableFields(entries, repeatable);
  if (unreadable.length > 0) return { outcome: 'refused', fieldErrors: unreadable, formError: UNREADABLE_FORM };
  const parsed = parse();
  if (!parsed.success) return { outcome: 'refused', fieldErrors: parsed.fields };
  if (!UUID.test(textOf(entries, 'submissionKey'))) return { outcome: 'refused', fieldErrors: [], formError: MISSING_KEY };
  return { outcome: 'accepted', input: parsed.data };
}

/** The first value of `name` as String() reads it (a file is "[object File]"), or undefined. */
function firstOf(entries: readonly Entry[], name: string): string | undefined {
  const found = entries.find(([field]) => field === name);
  return found && String(found[1]);
}

/**
 * The rows of a repeated group as the form numbers its inputs (`people.0.email`, `people.1.email` …, gaps allowed, in
 * the order of their numbers), string values only; numbers at or beyond twice the form's maximum are not rows.
 */
function rowsOf(entries: readonly Entry[], list: string, fields: readonly string[], max: number): Array<Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  for (const [name, value] of entries) {
    const [head, index, field, ...rest] = name.split('.');
    if (head !== list || rest.length > 0 || !/^(0|[1-9]\d*)$/.test(index ?? '') || !fields.includes(field)) continue;
    if (typeof value !== 'string' || Number(index) >= max * 2) continue;
    rows.set(Number(index), { ...rows.get(Number(index)), [field]: value });
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

function expectContractRequest(entries: readonly Entry[]): Expected<ContractRequestInput> {
  return pipeline(entries, () => {
    const values = Object.fromEntries(CONTRACT_REQUEST_FIELDS.map((field) => [field, textOf(entries, field)]));
    const parsed = schemaParse(contractRequestSchema.safeParse(values));
    // The code set is on the server only: a code or label that names none of it is refused beside the field.
    if (postedSpecialtyCode(values.taxonomyCode)) return parsed;
    return { success: false, fields: [...new Set([...(parsed.success ? [] : parsed.fields), 'taxonomyCode'])].sort() };
  });
}

const EMAILS_FIXED = ['clinicName', 'clinicNpi', 'clinicPhone', 'registrantName', 'registrantEmail'] as const;

function expectClinicEmails(entries: readonly Entry[]): Expected<ClinicEmailsInput> {
  const intent = firstOf(entries, 'intent') ?? 'submit';
  if (intent === 'add' || intent.startsWith('remove:')) return { outcome: 'editing' };
  return pipeline(entries, () => {
    const people = rowsOf(entries, 'people', ['fullName', 'jobTitle', 'email'], 20).map((row) => ({
      fullName: row.fullName ?? '',
      jobTitle: row.jobTitle ?? '',
      email: row.email ?? '',
    }));
    const fixed = Object.fromEntries(EMAILS_FIXED.map((field) => [field, textOf(entries, field)]));
    return schemaParse(clinicEmailsSchema.safeParse({ ...fixed, people }));
  });
}

const UPDATE_LINES = [
  ...WHO_FIELDS,
  ...CHANGE_KINDS.flatMap((kind) => SECTION_FIELDS[kind]).filter((name) => name !== 'joining' && name !== 'leaving'),
  'effectiveDate',
  'notes',
];

function expectClinicUpdate(entries: readonly Entry[]): Expected<ClinicUpdateInput> {
  const intent = firstOf(entries, 'intent') ?? 'submit';
  if (/^(add|remove):(joining|leaving)(:\d+)?$/.test(intent) || intent === 'continue') return { outcome: 'editing' };
  const changes = CHANGE_KINDS.filter((kind) => entries.some(([name, value]) => name === 'changes' && value === kind));
  const shown = (firstOf(entries, 'shown') ?? '').split(' ');
  // Boxes ticked without JavaScript whose questions the page has not shown yet: shown now, nothing sent.
  if (changes.some((kind) => !shown.includes(kind))) return { outcome: 'editing' };
  return pipeline(entries, () => {
    const values = Object.fromEntries(UPDATE_LINES.map((field) => [field, textOf(entries, field)]));
    const joining = rowsOf(entries, 'joining', ['name', 'npi'], MAX_PROVIDERS);
    const leaving = rowsOf(entries, 'leaving', ['name', 'npi'], MAX_PROVIDERS);
    return schemaParse(clinicUpdateSchema.safeParse({ ...values, changes, joining, leaving }));
  }, ['changes']);
}

// ---------------------------------------------------------------------------------------------------------------
// What was stored, next to what the schema read: the same values, normalised the way the schema normalises them.

/** 972011234 and 97201-1234 are both stored 97201-1234. */
const storedZip = (zip: string) => {
  const digits = zip.replace('-', '');
  return digits.length === 9 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
};

const CHANGE_COLUMN = (kind: ChangeKind) => kind.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

/** A stored submission: where its confirmation page is, and its values beside what the schema read. */
interface StoredSubmission {
  id: string;
  reference: string;
  kind: SubmissionKind;
  values: unknown;
}

interface KindCase<Input> {
  kind: SubmissionKind;
  action: (formData: FormData) => Promise<unknown>;
  post: fc.Arbitrary<Entry[]>;
  expect: (entries: readonly Entry[]) => Expected<Input>;
  /** Where an accepted post goes. */
  destination: (stored: { id: string; reference: string }) => string;
  /** The stored submission as plain values, and the same built from what the schema read. */
  stored: (reference: string) => Promise<StoredSubmission>;
  expectedStored: (input: Input) => unknown;
  /** How many e-mails a new submission enqueues. */
  mail: (input: Input) => number;
  /** The fields every refusal gives back as typed. */
  echoed: readonly string[];
  /** A change to an accepted post's answers that keeps it valid (for a repeat with the same key and other answers). */
  otherAnswers: readonly [name: string, value: string];
}

const contractRequests: KindCase<ContractRequestInput> = {
  kind: 'CONTRACT_REQUEST',
  action: (formData) => submitContractRequest({ status: 'idle' }, formData),
  post: hostilePost(validContractRequestPost, CONTRACT_REQUEST_NAMES, { validShare: 5 }),
  expect: expectContractRequest,
  destination: ({ reference }) => `/contract-request/submitted/${reference}`,
  stored: async (reference) => {
    const { id, kind, name, email, npi, tinHash, contractRequest } = await database.prisma.submission.findUniqueOrThrow({
      where: { reference },
      include: { contractRequest: true },
    });
    const { submissionId: _id, tinCiphertext, ...row } = contractRequest!;
    const values = {
      submission: { kind, name, email, npi, tinHash },
      row: { ...row, tin: decryptTin(tinCiphertext) },
    };
    return { id, reference, kind, values };
  },
  expectedStored: (input) => ({
    submission: {
      kind: 'CONTRACT_REQUEST',
      name: input.providerName,
      email: input.email.toLowerCase(),
      npi: input.npi,
      tinHash: hashTin(input.tin),
    },
    row: {
      providerName: input.providerName,
      taxonomyCode: postedSpecialtyCode(input.taxonomyCode),
      phone: input.phone,
      fax: input.fax ?? null,
      email: input.email,
      physicalStreet: input.physicalStreet,
      physicalLine2: input.physicalLine2 ?? null,
      physicalCity: input.physicalCity,
      physicalState: input.physicalState,
      physicalZip: storedZip(input.physicalZip!),
      mailingStreet: input.mailingStreet ?? null,
      mailingLine2: input.mailingLine2 ?? null,
      mailingCity: input.mailingCity ?? null,
      mailingState: input.mailingState ?? null,
      mailingZip: input.mailingZip ? storedZip(input.mailingZip) : null,
      npi: input.npi,
      tin: input.tin,
      tinLast4: input.tin.slice(-4),
      tinHash: hashTin(input.tin),
      dmapId: input.dmapId ?? null,
      dmapPending: input.dmapPending,
      notes: input.notes ?? null,
    },
  }),
  mail: () => 2, // the forward and the receipt
  echoed: CONTRACT_REQUEST_FIELDS,
  otherAnswers: ['providerName', 'Changed after sending'],
};

const clinicEmails: KindCase<ClinicEmailsInput> = {
  kind: 'CLINIC_EMAILS',
  action: (formData) => registerClinicEmails({ status: 'idle' }, formData),
  post: hostilePost(validClinicEmailsPost, CLINIC_EMAILS_NAMES, {
    value: fc.oneof(hostileValue, fc.constantFrom('add', 'remove:0', 'remove:x', 'submit')),
    validShare: 4,
  }),
  expect: expectClinicEmails,
  destination: ({ id, reference }) => `/clinic-emails/registered/${reference}?key=${submissionAccessKey(id)}`,
  stored: async (reference) => {
    const { id, kind, name, email, npi, tinHash, clinicEmailRegistration } = await database.prisma.submission.findUniqueOrThrow({
      where: { reference },
      include: {
        clinicEmailRegistration: { include: { contacts: { orderBy: { position: 'asc' } } } },
      },
    });
    const { submissionId: _id, contacts, ...registration } = clinicEmailRegistration!;
    const values = {
      submission: { kind, name, email, npi, tinHash },
      registration,
      contacts: contacts.map(({ position, fullName, jobTitle, email, verifiedAt }) => ({
        position,
        fullName,
        jobTitle,
        email,
        verifiedAt,
      })),
    };
    return { id, reference, kind, values };
  },
  expectedStored: (input) => ({
    submission: {
      kind: 'CLINIC_EMAILS',
      name: input.clinicName,
      email: input.registrantEmail.toLowerCase(),
      npi: input.clinicNpi,
      tinHash: null,
    },
    registration: {
      clinicName: input.clinicName,
      clinicNpi: input.clinicNpi,
      clinicPhone: input.clinicPhone,
      registrantName: input.registrantName,
      registrantEmail: input.registrantEmail,
      forwardedAt: null,
    },
    contacts: input.people.map((person, position) => ({ position, ...person, verifiedAt: null })),
  }),
  mail: (input) => input.people.length, // a verification link to each person
  echoed: [...EMAILS_FIXED, 'submissionKey'],
  otherAnswers: ['registrantName', 'Changed after sending'],
};

const clinicUpdates: KindCase<ClinicUpdateInput> = {
  kind: 'CLINIC_UPDATE',
  action: (formData) => submitClinicUpdate({ status: 'idle' }, formData),
  post: hostilePost(validClinicUpdatePost, CLINIC_UPDATE_NAMES, {
    value: fc.oneof({ weight: 3, arbitrary: hostileValue }, { weight: 1, arbitrary: clinicUpdateControlValue }),
    validShare: 3,
  }),
  expect: expectClinicUpdate,
  destination: ({ reference }) => `/clinic-updates/submitted/${reference}`,
  stored: async (reference) => {
    const { id, kind, name, email, npi, tinHash, clinicUpdate } = await database.prisma.submission.findUniqueOrThrow({
      where: { reference },
      include: {
        clinicUpdate: { include: { providers: { orderBy: [{ direction: 'asc' }, { position: 'asc' }] } } },
      },
    });
    const { submissionId: _id, tinCiphertext, newTinCiphertext, effectiveDate, providers, ...row } = clinicUpdate!;
    const values = {
      submission: { kind, name, email, npi, tinHash },
      row: {
        ...row,
        tin: decryptTin(tinCiphertext),
        newTin: newTinCiphertext && decryptTin(newTinCiphertext),
        effectiveDate: effectiveDate.toISOString().slice(0, 10),
      },
      providers: providers.map(({ direction, position, name, npi }) => ({ direction, position, name, npi })),
    };
    return { id, reference, kind, values };
  },
  expectedStored: (input) => ({
    submission: {
      kind: 'CLINIC_UPDATE',
      name: input.clinicName,
      email: input.senderEmail.toLowerCase(),
      npi: input.clinicNpi,
      tinHash: hashTin(input.tin),
    },
    row: {
      clinicName: input.clinicName,
      clinicNpi: input.clinicNpi,
      tin: input.tin,
      tinLast4: input.tin.slice(-4),
      tinHash: hashTin(input.tin),
      senderName: input.senderName,
      senderJobTitle: input.senderJobTitle,
      senderEmail: input.senderEmail,
      senderPhone: input.senderPhone,
      changes: input.changes.map(CHANGE_COLUMN),
      effectiveDate: input.effectiveDate,
      notes: input.notes ?? null,
      newStreet: input.address?.street ?? null,
      newLine2: input.address?.line2 ?? null,
      newCity: input.address?.city ?? null,
      newState: input.address?.state ?? null,
      newZip: input.address?.zip ?? null,
      newPhone: input.phone ?? null,
      newFax: input.fax ?? null,
      newClinicName: input.newClinicName ?? null,
      newHours: input.hours ?? null,
      acceptingNewPatients: input.acceptingNewPatients ?? null,
      newTin: input.newTin ?? null,
      newTinLast4: input.newTin?.slice(-4) ?? null,
      newTinHash: input.newTin ? hashTin(input.newTin) : null,
      description: input.description ?? null,
    },
    providers: [
      ...(input.joining ?? []).map((provider, position) => ({ direction: 'JOINING', position, ...provider })),
      ...(input.leaving ?? []).map((provider, position) => ({ direction: 'LEAVING', position, ...provider })),
    ],
  }),
  mail: () => 2, // the forward and the receipt
  echoed: [...UPDATE_LINES, 'submissionKey'],
  otherAnswers: ['senderName', 'Changed after sending'],
};

/** A stable text of the answers the schema read: the same text is the same request (the app's fingerprint). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** What the runs did: stored anew, found an earlier submission with the same answers, refused, shown again, sent again. */
type Tally = Record<'accepted' | 'deduplicated' | 'refused' | 'editing' | 'reposted', number>;

/** How an accepted post is sent again. */
type Repeat = 'same' | 'fresh key' | 'edited';
const REPEATS = fc.constantFrom<Repeat>('same', 'fresh key', 'edited');

/** The property every public form shares, for one kind. */
function formProperty<Input>(form: KindCase<Input>) {
  /** Each accepted request's answers (canonical) to its reference: the same answers must find the same submission. */
  const references = new Map<string, string>();
  const known = new Set<string>();
  const rows = database.rowCounter();
  const tally: Tally = { accepted: 0, deduplicated: 0, refused: 0, editing: 0, reposted: 0 };

  async function post(entries: readonly Entry[]): Promise<Outcome> {
    try {
      return await outcomeOf(() => form.action(formDataOf(entries)));
    } catch (error) {
      rows.forget();
      throw error;
    }
  }

  const property = async (generated: Entry[], repeat: Repeat) => {
    // The post as the server receives it: lone surrogates already U+FFFD, a fresh submission key in place.
    const entries = entriesOf(formDataOf(freshKeys(generated)));
    const expected = form.expect(entries);
    const before = await rows.before();
    const outcome = await post(entries);
    const after = await rows.after();

    if (expected.outcome !== 'accepted') {
      if (outcome.redirect !== undefined) throw new Error(`expected ${expected.outcome}, but it was accepted: ${outcome.redirect}`);
      expect(after).toEqual(before);
      const state = outcome.state as ShownAgain;
      tally[expected.outcome]++;
      if (expected.outcome === 'editing') {
        expect(state.status).toBe('editing');
        return;
      }
      expect(state.status).toBe('invalid');
      expect({ fields: Object.keys(state.fieldErrors).sort(), formError: state.formError }).toEqual({
        fields: expected.fieldErrors,
        formError: expected.formError,
      });
      for (const messages of Object.values(state.fieldErrors)) {
        expect(messages?.length).toBeGreaterThan(0);
        for (const message of messages!) expect(message).toMatch(/\S/);
      }
      // Everything typed comes back, but a fresh key where the key was missing.
      for (const field of form.echoed) {
        if (field === 'submissionKey' && expected.formError === MISSING_KEY) expect(state.values[field]).toMatch(UUID);
        else expect(state.values[field]).toBe(textOf(entries, field));
      }
      return;
    }

    if (outcome.redirect === undefined) throw new Error(`expected it to be accepted, got ${JSON.stringify(outcome.state)}`);
    const reference = referenceOf(outcome.redirect);
    expect(reference).toMatch(REFERENCE);
    const stored = await form.stored(reference!);
    expect(outcome.redirect).toBe(form.destination(stored));
    expect(stored.kind).toBe(form.kind);

    // Once per request: the same answers again (a new key after Back) find the first submission.
    const isNew = !known.has(reference!);
    known.add(reference!);
    const expectedStored = form.expectedStored(expected.input);
    if (isNew) {
      expect(stored.values).toEqual(expectedStored);
      expect(after).toEqual({ submissions: before.submissions + 1, outbox: before.outbox + form.mail(expected.input) });
      tally.accepted++;
    } else {
      expect(stored.values).toEqual(expectedStored);
      expect(after).toEqual(before);
      tally.deduplicated++;
    }
    // Noted once the row is known to be right, so that the runs fast-check makes while shrinking a failure meet it.
    const answers = canonical(expected.input);
    const first = references.get(answers);
    if (first) expect(reference).toBe(first);
    else references.set(answers, reference!);

    // Sent again, it finds the same submission: the same post (a double click, a retry), the same answers under a new
    // key (Back, then Send), or, once stored under its key, the same key with other answers (edited after Back).
    const variant = repeat === 'edited' && !isNew ? 'same' : repeat;
    const again =
      variant === 'same'
        ? entries
        : variant === 'fresh key'
          ? entries.map(([field, answer]): Entry => [field, field === 'submissionKey' ? crypto.randomUUID() : answer])
          : entries.map(([field, answer]): Entry => [field, field === form.otherAnswers[0] ? form.otherAnswers[1] : answer]);
    expect((await post(again)).redirect).toBe(outcome.redirect);
    tally.reposted++;
    expect(await rows.after()).toEqual(after);
  };
  return { property, tally };
}

describe('every post to a public form is refused with nothing stored, or stored exactly as sent, once', () => {
  test.each([
    ['the contract request form', contractRequests],
    ['the clinic alert e-mail form', clinicEmails],
    ['the clinic update form', clinicUpdates],
  ] as Array<[string, KindCase<unknown>]>)('%s', async (_name, form) => {
    const { property, tally } = formProperty(form);
    await fc.assert(fc.asyncProperty(form.post, REPEATS, property), PARAMETERS);
    // A good share of both: posts stored (and sent again) and posts refused.
    expectAtLeast(tally, { accepted: NUM_RUNS / 4, reposted: NUM_RUNS / 4, refused: NUM_RUNS / 4 });
  });
});
