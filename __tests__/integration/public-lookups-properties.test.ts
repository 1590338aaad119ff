import fc from 'fast-check';
import { confirmAddress, registerClinicEmails, resendLink, sendNewLink } from '@/app/clinic-emails/actions';
import { submitClinicUpdate } from '@/app/clinic-updates/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { checkStatus } from '@/app/status/actions';
import { hashLinkToken, submissionAccessKey } from '@/lib/crypto/tokens';
import { forwardExpiredRegistrations } from '@/lib/intake/clinic-emails/forwarding';
import { statusLookupSchema } from '@/lib/intake/request-status';
import { openBody } from '@/lib/mail/outbox';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { clinicUpdateFormData, validClinicUpdate } from '../fixtures/clinic-update';
import { validContractRequest } from '../fixtures/contract-request';
import { toFormData } from '../helpers/forms';
import { blobValue, entriesOf, formDataOf, hostileString, hostileValue, textOf } from '../helpers/hostile-input';
import {
  expectAtLeast,
  NUM_RUNS,
  outcomeOf,
  PARAMETERS,
  referenceOf,
  usePropertyDatabase,
  type Outcome,
  type ShownAgain,
} from '../helpers/properties';

/**
 * Hostile traffic against the public Server Actions that are not forms to send (issue 13), with fast-check, a thousand
 * generated posts each: the status page's look-up, and the clinic alert links' three buttons. Each answers as the
 * requests and links on file say, stores nothing it should not, and never fails with an unexpected error (the analogue
 * of a 500). The forms are in public-forms-properties.test.ts.
 */

const database = usePropertyDatabase();

// ---------------------------------------------------------------------------------------------------------------
// The status page: any look-up is refused beside its fields or answered, found exactly when the reference is on file
// and was sent from that address; a look-up stores nothing.

const NOT_FOUND = 'We could not find a request with that reference sent from that e-mail address. Check both against your receipt e-mail.';

/** A reference typed back the ways the status form accepts (any case, spaces, any dash, O for 0) and ways it does not. */
const REFERENCE_SPELLINGS: Array<(reference: string) => string> = [
  (reference) => reference,
  (reference) => reference.toLowerCase(),
  (reference) => ` ${reference.replace('-', ' ')} `,
  (reference) => reference.replace('-', ''),
  (reference) => reference.replace('-', '\u2013'),
  (reference) => `${reference}.`,
  (reference) => reference.replace(/0/g, 'O').replace(/1/g, 'l'),
  (reference) => reference.replace('-', '-\u200B'),
  (reference) => `${reference.slice(0, 4)}${reference.slice(4, 8)} ${reference.slice(8)}`,
  (reference) => reference.slice(0, -1),
  (reference) => `${reference}X`,
  (reference) => reference.replace(/^.../, 'ABC'),
  (reference) => `\u202E${reference}`,
];
const EMAIL_SPELLINGS: Array<(email: string) => string> = [
  (email) => email,
  (email) => email.toUpperCase(),
  (email) => ` ${email}\t`,
  (email) => email.replace('@', '@@'),
  (email) => `${email}.`,
  (email) => `x${email}`,
];

/** Which request on file (`of`) and which spelling of its value (the first, as sent, most often), or anything at all. */
const lookupPart = (spellings: number) =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc.record({
        of: fc.nat(),
        spelling: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 7, arbitrary: fc.nat({ max: spellings - 1 }) }),
      }),
    },
    { weight: 1, arbitrary: hostileValue },
  );

/** A look-up: a reference and an address on file (from any request), spelled one way or another, or anything at all. */
const lookupPost = fc.record({
  reference: lookupPart(REFERENCE_SPELLINGS.length),
  email: lookupPart(EMAIL_SPELLINGS.length),
  /** Another request's address, not the one sent from. */
  isOtherEmail: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  extra: fc.array(fc.tuple(fc.constantFrom('reference', 'email', '$ACTION_ID_1', 'intent'), hostileValue), { maxLength: 2 }),
});

/** What the status page may show of a request (lib/request-status.ts StatusView). */
const STATUS_VIEW_KEYS = ['reference', 'kind', 'label', 'meaning', 'received', 'since', 'confirmations', 'message'];

type Lookup = typeof lookupPost extends fc.Arbitrary<infer L> ? L : never;

describe('the status page', () => {
  test('every look-up is refused beside its fields, or says found or not found as the requests on file say, and stores nothing', async () => {
    const { prisma } = database;
    // Requests of each kind, sent from different addresses (typed in any case: the page compares without it).
    const sent = [0, 1, 2, 3].flatMap((index) => [
      () => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest({ email: `Office.${index}@RoseCity.example` }))),
      () => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails({ registrantEmail: `cam.${index}@alberta.example` }))),
      () =>
        submitClinicUpdate(
          { status: 'idle' },
          clinicUpdateFormData(validClinicUpdate(['phoneFax'], { senderEmail: `DANA.${index}@rosecity.example` })),
        ),
    ]);
    for (const send of sent) expect((await outcomeOf(send)).redirect).toBeDefined();
    const onFile = await prisma.submission.findMany({ select: { reference: true, email: true }, orderBy: { reference: 'asc' } });
    const emailOf = new Map(onFile.map(({ reference, email }) => [reference, email]));
    const rows = database.rowCounter();
    const tally = { found: 0, notFound: 0, refused: 0 };

    const property = async (lookup: Lookup) => {
      const request = onFile[typeof lookup.reference === 'object' && 'of' in lookup.reference ? lookup.reference.of % onFile.length : 0];
      const other = onFile[(onFile.indexOf(request) + 1) % onFile.length];
      const reference =
        lookup.reference instanceof Blob || typeof lookup.reference === 'string'
          ? lookup.reference
          : REFERENCE_SPELLINGS[lookup.reference.spelling](request.reference);
      const email =
        lookup.email instanceof Blob || typeof lookup.email === 'string'
          ? lookup.email
          : EMAIL_SPELLINGS[lookup.email.spelling]((lookup.isOtherEmail ? other : request).email);
      const entries = entriesOf(formDataOf([['reference', reference], ['email', email], ...lookup.extra]));

      const values = { reference: textOf(entries, 'reference'), email: textOf(entries, 'email') };
      const parsed = statusLookupSchema.safeParse(values);
      const before = await rows.before();
      let outcome: Outcome;
      try {
        outcome = await outcomeOf(() => checkStatus({ status: 'idle' }, formDataOf(entries)));
      } catch (error) {
        rows.forget();
        throw error;
      }
      expect(await rows.after()).toEqual(before);
      if (outcome.redirect !== undefined) throw new Error(`a look-up redirected to ${outcome.redirect}`);
      const state = outcome.state as ShownAgain & { request?: { reference: string } };

      if (!parsed.success) {
        tally.refused++;
        expect(state.status).toBe('invalid');
        expect(Object.keys(state.fieldErrors).sort()).toEqual(
          [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))].sort(),
        );
        expect(state.formError).toBeUndefined();
        expect(state.values).toEqual(values);
        return;
      }
      if (emailOf.get(parsed.data.reference) === parsed.data.email.toLowerCase()) {
        tally.found++;
        expect(state.status).toBe('found');
        expect(state.request?.reference).toBe(parsed.data.reference);
        // The status in words, never the answers, notes or assignee.
        expect(Object.keys(state.request!).filter((key) => !STATUS_VIEW_KEYS.includes(key))).toEqual([]);
        expect(state.values).toEqual({ reference: parsed.data.reference, email: values.email });
      } else {
        tally.notFound++;
        expect(state).toMatchObject({ status: 'invalid', fieldErrors: {}, formError: NOT_FOUND });
      }
    };
    await fc.assert(fc.asyncProperty(lookupPost, property), PARAMETERS);
    expectAtLeast(tally, { found: NUM_RUNS / 5, notFound: NUM_RUNS / 10, refused: NUM_RUNS / 5 });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The clinic alert links' actions (the registrant's "send a new link", the person's "Confirm this address" and the
// expired page's "send a new link"): anyone can post them anything. Each always redirects to its own page, and
// changes something only for a real link, registration and key, exactly as the state on file says.

interface Registration {
  id: string;
  reference: string;
  key: string;
  contacts: Array<{ id: string; email: string; token: string }>;
}

/** Links registered for one property: `count` registrations of three people each, and the links sent to them. */
async function registerForLinks(label: string, count: number): Promise<{ registrations: Registration[]; tokens: string[] }> {
  const { prisma } = database;
  const registrations: Registration[] = [];
  for (let index = 0; index < count; index++) {
    const person = (n: number) => ({
      [`people.${n}.fullName`]: `Person ${n} of ${label} ${index}`,
      [`people.${n}.jobTitle`]: 'Office manager',
      [`people.${n}.email`]: `p${n}.${label}.${index}@links.example`,
    });
    const values = validClinicEmails({ clinicName: `${label} clinic ${index}`, ...person(0), ...person(1), ...person(2) });
    const { redirect } = await outcomeOf(() => registerClinicEmails({ status: 'idle' }, toFormData(values)));
    const reference = referenceOf(redirect ?? '')!;
    const { id, clinicEmailRegistration, outboxMessages } = await prisma.submission.findUniqueOrThrow({
      where: { reference },
      include: { clinicEmailRegistration: { include: { contacts: { orderBy: { position: 'asc' } } } }, outboxMessages: true },
    });
    const tokens = outboxMessages.map((message) => tokenIn(openBody(message.text)));
    const contacts = clinicEmailRegistration!.contacts.map(({ id: contactId, email, tokenHash }) => ({
      id: contactId,
      email,
      token: tokens.find((token) => hashLinkToken(token) === tokenHash)!,
    }));
    registrations.push({ id, reference, key: submissionAccessKey(id), contacts });
  }
  return { registrations, tokens: registrations.flatMap(({ contacts }) => contacts.map(({ token }) => token)) };
}

/** Makes a contact's link expire now. */
async function expireLink(contactId: string) {
  await database.prisma.clinicAlertContact.update({ where: { id: contactId }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
}

/**
 * Every state a link can be in, before a property posts anything: the first registration confirmed by all (so
 * forwarded), the second by two with the third's link expired (so forwarded by the sweep, the third closed), the rest
 * untouched.
 */
async function settleLinks([everyone, someone]: Registration[]) {
  const confirm = (token: string) => outcomeOf(() => confirmAddress(toFormData({ token })));
  for (const contact of everyone.contacts) await confirm(contact.token);
  await confirm(someone.contacts[0].token);
  await confirm(someone.contacts[1].token);
  await expireLink(someone.contacts[2].id);
  expect(await forwardExpiredRegistrations(database.prisma)).toBe(1);
}

const tokenIn = (text: string) => /\/clinic-emails\/verify\/([A-Za-z0-9_-]+)/.exec(text)![1];

/** The newest link sent to this contact, which must be its current one. */
async function newestToken(contactId: string): Promise<string> {
  const { prisma } = database;
  const contact = await prisma.clinicAlertContact.findUniqueOrThrow({ where: { id: contactId } });
  const [message] = await prisma.outboxMessage.findMany({
    where: { template: 'clinic-emails-verification', to: contact.email },
    orderBy: { createdAt: 'desc' },
    take: 1,
  });
  const token = tokenIn(openBody(message.text));
  expect(hashLinkToken(token)).toBe(contact.tokenHash);
  return token;
}

type ResendOutcome = 'sent' | 'limit' | 'verified' | 'closed' | 'not-found';

/** What a fresh link for this contact should give, from the state on file (3 a day; none once verified or forwarded). */
async function resendOutcome(contactId: string | undefined): Promise<ResendOutcome> {
  if (!contactId) return 'not-found';
  const contact = await database.prisma.clinicAlertContact.findUnique({ where: { id: contactId }, include: { registration: true } });
  if (!contact) return 'not-found';
  if (contact.verifiedAt) return 'verified';
  if (contact.registration.forwardedAt) return 'closed';
  return contact.resentAt.filter((at) => Date.now() - at.getTime() < 24 * 3_600_000).length >= 3 ? 'limit' : 'sent';
}

/** One of the values on file (`pick` chooses which), changed a little, or anything at all. */
const linkPart = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      pick: fc.nat(),
      change: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'upper', 'space', 'cut', 'other'),
    }),
  },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: blobValue },
);
type LinkPart = typeof linkPart extends fc.Arbitrary<infer P> ? P : never;

/** A value of `pool` as `part` says (`own` when it is to be the right one). */
function resolvePart(part: LinkPart, own: string, pool: readonly string[]): string | Blob {
  if (typeof part === 'string' || part instanceof Blob) return part;
  switch (part.change) {
    case 'none':
      return own;
    case 'upper':
      return own.toUpperCase();
    case 'space':
      return `${own} `;
    case 'cut':
      return own.slice(0, -1);
    default:
      return pool[part.pick % pool.length];
  }
}

/** The location a link action redirected to, read back: its page, the value in its path, its query. */
function redirectedTo(location: string, page: string) {
  expect(location.startsWith(`${page}/`)).toBe(true);
  const [path, query = ''] = location.slice(page.length + 1).split('?');
  return { segment: decodeURIComponent(path), query: new URLSearchParams(query) };
}

/** Extra fields, repeats and Next's own, posted along. */
const linkExtras = (names: string[]) => fc.array(fc.tuple(fc.constantFrom(...names, '$ACTION_ID_1'), hostileValue), { maxLength: 2 });

describe('the clinic alert links', () => {
  test('“Send a new link” from the registrant’s page: a new link only for a real registration, key and person, within the limits', async () => {
    const { registrations } = await registerForLinks('resend', 3);
    await settleLinks(registrations);
    const contacts = registrations.flatMap((registration) => registration.contacts.map((contact) => ({ registration, contact })));
    const rows = database.rowCounter();
    const tally: Record<ResendOutcome, number> = { sent: 0, limit: 0, verified: 0, closed: 0, 'not-found': 0 };
    const post = fc.record({
      pick: fc.nat(),
      reference: linkPart,
      key: linkPart,
      contactId: linkPart,
      extra: linkExtras(['reference', 'key', 'contactId']),
    });

    await fc.assert(
      fc.asyncProperty(post, async ({ pick, reference, key, contactId, extra }) => {
        const { registration, contact } = contacts[pick % contacts.length];
        const posted = formDataOf([
          [
            'reference',
            resolvePart(
              reference,
              registration.reference,
              registrations.map((r) => r.reference),
            ),
          ],
          [
            'key',
            resolvePart(
              key,
              registration.key,
              registrations.map((r) => r.key),
            ),
          ],
          [
            'contactId',
            resolvePart(
              contactId,
              contact.id,
              contacts.map((c) => c.contact.id),
            ),
          ],
          ...extra,
        ]);
        const read = (name: string) => String(posted.get(name) ?? '');
        const real = registrations.find(
          (candidate) =>
            candidate.reference === read('reference') &&
            candidate.key === read('key') &&
            candidate.contacts.some(({ id }) => id === read('contactId')),
        );
        const expected = await resendOutcome(real && read('contactId'));
        const before = await rows.before();
        const outcome = await outcomeOf(() => resendLink(posted)).catch((error) => {
          rows.forget();
          throw error;
        });
        const after = await rows.after();
        tally[expected]++;

        if (outcome.redirect === undefined) throw new Error(`no redirect: ${JSON.stringify(outcome.state)}`);
        const { segment, query } = redirectedTo(outcome.redirect, '/clinic-emails/registered');
        expect(segment).toBe(read('reference'));
        expect({ key: query.get('key'), resent: query.get('resent'), contact: query.get('contact') }).toEqual({
          key: read('key'),
          resent: expected,
          contact: read('contactId'),
        });
        expect(after).toEqual({ ...before, outbox: before.outbox + (expected === 'sent' ? 1 : 0) });
        if (expected === 'sent') await newestToken(read('contactId'));
      }),
      PARAMETERS,
    );
    // Every answer the button can give, each from the state on file (settleLinks).
    expectAtLeast(tally, { sent: 1, limit: 1, verified: 1, closed: 1, 'not-found': 1 });
  });

  test('“Send a new link” from an expired link’s page: a new link only for a link on file, within the limits', async () => {
    const { registrations, tokens } = await registerForLinks('renew', 3);
    await settleLinks(registrations);
    const rows = database.rowCounter();
    const tally: Record<ResendOutcome, number> = { sent: 0, limit: 0, verified: 0, closed: 0, 'not-found': 0 };
    const post = fc.record({ pick: fc.nat(), token: linkPart, extra: linkExtras(['token']) });

    await fc.assert(
      fc.asyncProperty(post, async ({ pick, token, extra }) => {
        const posted = formDataOf([['token', resolvePart(token, tokens[pick % tokens.length], tokens)], ...extra]);
        const sent = String(posted.get('token') ?? '');
        const contact = await database.prisma.clinicAlertContact.findUnique({ where: { tokenHash: hashLinkToken(sent) } });
        const expected = await resendOutcome(contact?.id);
        const before = await rows.before();
        const outcome = await outcomeOf(() => sendNewLink(posted)).catch((error) => {
          rows.forget();
          throw error;
        });
        const after = await rows.after();
        tally[expected]++;

        if (outcome.redirect === undefined) throw new Error(`no redirect: ${JSON.stringify(outcome.state)}`);
        const { segment, query } = redirectedTo(outcome.redirect, '/clinic-emails/verify');
        expect(segment).toBe(sent);
        expect(query.get('resent')).toBe(expected);
        expect(after).toEqual({ ...before, outbox: before.outbox + (expected === 'sent' ? 1 : 0) });
        // The new link replaces the old one, which now leads nowhere.
        if (expected === 'sent') tokens.push(await newestToken(contact!.id));
      }),
      PARAMETERS,
    );
    expectAtLeast(tally, { sent: 1, limit: 1, verified: 1, closed: 1, 'not-found': 1 });
  });

  test('“Confirm this address”: only a current link confirms, once, and the last confirmation forwards the list once', async () => {
    const { prisma } = database;
    const { registrations, tokens } = await registerForLinks('confirm', 4);
    // One link out of date: it confirms nothing, and the list goes once the other two have confirmed.
    await expireLink(registrations[0].contacts[2].id);
    const rows = database.rowCounter();
    const tally = { confirmed: 0, forwarded: 0, refused: 0 };
    const post = fc.record({ pick: fc.nat(), token: linkPart, extra: linkExtras(['token']) });

    await fc.assert(
      fc.asyncProperty(post, async ({ pick, token, extra }) => {
        const posted = formDataOf([['token', resolvePart(token, tokens[pick % tokens.length], tokens)], ...extra]);
        const sent = String(posted.get('token') ?? '');
        const contact = await prisma.clinicAlertContact.findUnique({ where: { tokenHash: hashLinkToken(sent) } });
        const isCurrent = !!contact && !contact.verifiedAt && contact.tokenExpiresAt > new Date();
        const before = await rows.before();
        const outcome = await outcomeOf(() => confirmAddress(posted)).catch((error) => {
          rows.forget();
          throw error;
        });
        const after = await rows.after();

        if (outcome.redirect === undefined) throw new Error(`no redirect: ${JSON.stringify(outcome.state)}`);
        const { segment, query } = redirectedTo(outcome.redirect, '/clinic-emails/verify');
        expect(segment).toBe(sent);
        expect(query.get('confirmed')).toBe(isCurrent ? '1' : null);
        if (!isCurrent) {
          tally.refused++;
          expect(after).toEqual(before);
          if (contact)
            expect((await prisma.clinicAlertContact.findUniqueOrThrow({ where: { id: contact.id } })).verifiedAt).toEqual(
              contact.verifiedAt,
            );
          return;
        }
        tally.confirmed++;
        const registration = await prisma.clinicEmailRegistration.findUniqueOrThrow({
          where: { submissionId: contact.registrationId },
          include: { contacts: true },
        });
        // Nothing more can change the list: everyone has confirmed, or their link has run out.
        const isLast = registration.contacts.every(({ verifiedAt, tokenExpiresAt }) => verifiedAt !== null || tokenExpiresAt <= new Date());
        if (isLast) tally.forwarded++;
        expect(registration.contacts.find(({ id }) => id === contact.id)?.verifiedAt).not.toBeNull();
        expect(registration.forwardedAt !== null).toBe(isLast);
        // The forward and the registrant's receipt, when (and only when) the last address is confirmed.
        expect(after).toEqual({ ...before, outbox: before.outbox + (isLast ? 2 : 0) });
      }),
      PARAMETERS,
    );
    expect(tally).toMatchObject({ confirmed: tokens.length - 1, forwarded: registrations.length });
  });
});
