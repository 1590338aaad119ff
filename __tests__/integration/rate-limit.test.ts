import { submitContractRequest, type ContractRequestFormState } from '@/app/contract-request/actions';
import { sendSignInLink } from '@/app/staff/sign-in/actions';
import { checkStatus } from '@/app/status/actions';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { signInLinkBucket } from '@/lib/auth/auth';
import { consumeLimit } from '@/lib/rate-limit';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';

/**
 * The public rate limits through the real actions and the real rate_limit table (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL). Set low here; every other test file raises them (helpers/database.ts).
 * Actions called outside a request have no client address: they all count as one client, "unknown".
 */

const database = useTestDatabase({
  env: {
    SUBMISSIONS_PER_HOUR: '2',
    STATUS_LOOKUPS_PER_15_MINUTES: '3',
    STAFF_SIGN_IN_REQUESTS_PER_15_MINUTES: '2',
    STAFF_SIGN_IN_LINKS_PER_15_MINUTES: '3',
  },
});
let prisma: PrismaClient;
beforeAll(() => {
  prisma = database.prisma;
});

const submit = (values: Record<string, string>) => redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(values)));
const from = (address: string) => address;

test('a third contract request in the hour from one client is refused with when to try again, keeping every answer; nothing is stored', async () => {
  const first = await submit(validContractRequest({ npi: '1234567893', providerName: 'Clinic One' }));
  const second = await submit(validContractRequest({ npi: '1234567893', providerName: 'Clinic Two' }));
  expect(first.location).toMatch(/^\/contract-request\/submitted\/NCR-/);
  expect(second.location).toMatch(/^\/contract-request\/submitted\/NCR-/);

  const typed = validContractRequest({ providerName: 'Clinic Three' });
  const third = await submit(typed);
  expect(third.location).toBeUndefined();
  const state = third.result as Extract<ContractRequestFormState, { status: 'invalid' }>;
  expect(state.status).toBe('invalid');
  expect(state.formError).toMatch(
    /^Too many forms have been sent from your network in the last hour\. Please try again in (59|60) minutes\. Nothing you typed has been lost\.$/,
  );
  expect(state.values).toEqual({ ...typed, dmapPending: '' }); // an unticked box posts nothing
  expect(state.fieldErrors).toEqual({});
  expect(await prisma.submission.count({ where: { name: 'Clinic Three' } })).toBe(0);
  expect(await prisma.submission.count()).toBe(2);

  // The count is a row in the database, shared by every server instance; no address, no typed data in it.
  const rows = await prisma.rateLimit.findMany({ where: { key: { startsWith: 'contract-request' } } });
  expect(rows.map((row) => [row.key, row.points])).toEqual([['contract-request:unknown', 3]]);
});

test('limits are per client address and per form: another address, or another form, is not held back', async () => {
  expect(await consumeLimit('contract-request', from('198.51.100.20'))).toEqual({ allowed: true });
  expect(await consumeLimit('clinic-update', from('198.51.100.20'))).toEqual({ allowed: true });
  expect(await consumeLimit('clinic-emails')).toEqual({ allowed: true });
  expect(await consumeLimit('contract-request', from('198.51.100.20'))).toEqual({ allowed: true });
  expect(await consumeLimit('contract-request', from('198.51.100.20'))).toEqual({ allowed: false, retryAfterMinutes: 60 });
  expect(await consumeLimit('contract-request', from('198.51.100.21'))).toEqual({ allowed: true });
});

test('a window that has run out starts again', async () => {
  const address = from('198.51.100.30');
  await consumeLimit('clinic-update', address);
  await consumeLimit('clinic-update', address);
  expect((await consumeLimit('clinic-update', address)).allowed).toBe(false);
  await prisma.rateLimit.updateMany({ where: { key: 'clinic-update:198.51.100.30' }, data: { expire: new Date(Date.now() - 1000) } });
  expect(await consumeLimit('clinic-update', address)).toEqual({ allowed: true });
});

test('status look-ups: the fourth in 15 minutes is refused, with what was typed kept', async () => {
  const lookUp = () => checkStatus({ status: 'idle' }, toFormData({ reference: 'NCR-00000000', email: 'someone@clinic.example' }));
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await lookUp();
    expect(answer.status === 'invalid' && answer.formError).toMatch(/^We could not find a request/);
  }
  const refused = await lookUp();
  expect(refused).toEqual({
    status: 'invalid',
    values: { reference: 'NCR-00000000', email: 'someone@clinic.example' },
    fieldErrors: {},
    formError: expect.stringMatching(
      /^Too many status checks have come from your network in the last 15 minutes\. Please try again in 1[45] minutes\.$/,
    ),
  });
});

test('input the schema refuses is not counted: only look-ups that reach the database are', async () => {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: 'status-lookup' } } });
  for (let attempt = 0; attempt < 5; attempt++) {
    const answer = await checkStatus({ status: 'idle' }, toFormData({ reference: 'not a reference', email: '' }));
    expect(answer.status === 'invalid' && Object.keys(answer.fieldErrors)).toEqual(['reference', 'email']);
  }
  expect(await prisma.rateLimit.count({ where: { key: { startsWith: 'status-lookup' } } })).toBe(0);
});

test('staff sign-in: a third link asked for from one client in 15 minutes is refused, whatever address is typed', async () => {
  // Each request is counted before better-auth is asked (outside a request, better-auth itself cannot answer here).
  await sendSignInLink({ status: 'idle' }, toFormData({ email: 'ana@careoregon.test' }));
  await sendSignInLink({ status: 'idle' }, toFormData({ email: 'ben@careoregon.test' }));
  expect(await sendSignInLink({ status: 'idle' }, toFormData({ email: 'cy@careoregon.test' }))).toEqual({
    status: 'invalid',
    email: 'cy@careoregon.test',
    error: expect.stringMatching(/^Too many sign-in links have been asked for from your network\. Please try again in 1[45] minutes\.$/),
  });
  // Typing nonsense is not counted.
  expect(await sendSignInLink({ status: 'idle' }, toFormData({ email: 'not an address' }))).toMatchObject({
    status: 'invalid',
    error: expect.stringMatching(/e-mail/i),
  });
});

test('sign-in links count per staff address and client address together: a stranger elsewhere cannot use up a colleague’s', async () => {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: 'staff-sign-in' } } });
  const fromStranger = signInLinkBucket('Ana@CareOregon.test', '203.0.113.66');
  for (let attempt = 0; attempt < 3; attempt++) expect(await consumeLimit('staff-sign-in-link', fromStranger)).toEqual({ allowed: true });
  expect(await consumeLimit('staff-sign-in-link', fromStranger)).toEqual({ allowed: false, retryAfterMinutes: 15 });
  // Ana herself, at her clinic's address, still gets her link; the stranger's other targets are counted apart.
  expect(await consumeLimit('staff-sign-in-link', signInLinkBucket('ana@careoregon.test', '198.51.100.9'))).toEqual({ allowed: true });
  expect(await consumeLimit('staff-sign-in-link', signInLinkBucket('ben@careoregon.test', '203.0.113.66'))).toEqual({ allowed: true });
  // The count keeps no address in the clear.
  const keys = (await prisma.rateLimit.findMany({ where: { key: { startsWith: 'staff-sign-in-link' } } })).map((row) => row.key);
  expect(keys).toHaveLength(3);
  for (const key of keys) expect(key).not.toMatch(/ana|ben|careoregon/i);
});

test('the sign-in page says so when one address has had too many links from this network', async () => {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: 'staff-sign-in' } } });
  const ask = () => sendSignInLink({ status: 'idle' }, toFormData({ email: 'dee@careoregon.test' }));
  await ask();
  await ask();
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: 'staff-sign-in:' } } }); // the per-client count aside
  await ask();
  expect(await ask()).toEqual({
    status: 'invalid',
    email: 'dee@careoregon.test',
    error: expect.stringMatching(
      /^Too many sign-in links have been asked for this address from your network\. Please try again in 1[45] minutes, or use the last link we sent\.$/,
    ),
  });
});
