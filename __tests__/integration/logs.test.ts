import { Writable } from 'node:stream';
import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { logTo } from '@/lib/log';
import { prepareRequest } from '@/lib/request-preparation';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useMailWorker } from '../helpers/mail-worker';
import { addStaff, requestSignInLink, signInLinkOf, useFreshAuth } from '../helpers/staff';
import { waitUntil } from '../helpers/wait';

/**
 * The logs of a whole run of the application's work (forms, links, mail through a real SMTP server, requests as
 * scripts/server.mjs prepares them) are JSON lines, and hold no TIN, token, link or full e-mail address.
 */

const lines: string[] = [];
beforeAll(() => {
  logTo(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  );
});

const database = useTestDatabase({ truncate: true });
useFreshAuth(database);
const { smtp, drain } = useMailWorker(database);

test('a run’s logs are JSON lines with no TIN, token, link or full e-mail address', async () => {
  const { prisma } = database;
  await redirectOf(() => submitContractRequest({ status: 'idle' }, toFormData(validContractRequest())));
  await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())));
  const staff = await addStaff(prisma, { email: 'lena.logs@careoregon.test', name: 'Lena Logs' });
  await requestSignInLink(staff.email);
  await drain();
  const signIn = await waitUntil(() => smtp.received.find((mail) => mail.subject === 'Sign in to Provider Intake'), 'the sign-in link');
  const verification = await waitUntil(() => smtp.received.find((mail) => mail.subject?.startsWith('Confirm your e-mail')), 'a link');
  const verifyToken = /\/clinic-emails\/verify\/([A-Za-z0-9_-]{43})/.exec(verification.text ?? '')![1];

  // A request for a link's page is prepared (and logged) by scripts/server.mjs before Next sees it.
  const prepared = prepareRequest({
    method: 'GET',
    url: `/clinic-emails/verify/${verifyToken}?key=secret-access-key`,
    contentLength: undefined,
  });
  const requestId = prepared.responseHeaders['X-Request-Id'];
  expect(prepared.requestHeaders['x-request-id']).toBe(requestId);
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries)
    expect(entry).toMatchObject({ service: 'provider-intake', level: expect.any(String), time: expect.any(String) });
  // The contract request's forward and receipt, the two people's links, the sign-in link.
  expect(entries.filter((entry) => entry.event === 'mail_sent')).toHaveLength(5);
  expect(entries.find((entry) => entry.event === 'request')).toMatchObject({
    requestId,
    method: 'GET',
    path: '/clinic-emails/verify/[token]',
  });

  const everything = lines.join('\n');
  const secrets = [
    '987654321', // the contract request's TIN, in every spelling
    '98-7654321',
    verifyToken,
    signInLinkOf(signIn).token,
    encodeURIComponent(signInLinkOf(signIn).token),
    'secret-access-key',
    '/sign-in/link',
    'https://intake.test',
    'office@rosecity.example', // the applicant
    'ana@alberta.example', // people on the clinic list
    'ben@alberta.example',
    'cam@alberta.example', // its registrant
    staff.email,
  ];
  for (const secret of secrets) expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
  // Addresses appear masked, enough to tell mailboxes apart.
  expect(everything).toContain('"to":"o…@rosecity.example"');
});
