import type { ParsedMail } from 'mailparser';
import { registerClinicEmails } from '@/app/clinic-emails/actions';
import { submitContractRequest } from '@/app/contract-request/actions';
import { historyLine } from '@/app/staff/(workspace)/submissions/[id]/history';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { findRequestStatus } from '@/lib/intake/request-status';
import { statusView } from '@/lib/request-status';
import { changeStatus, WorkError } from '@/lib/staff/work';
import { validClinicEmails } from '../fixtures/clinic-emails';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useMailWorker } from '../helpers/mail-worker';

/**
 * A reviewer's message to the applicant with a move (issue 14), through the real outbox to a real SMTP server: who it
 * goes to, its subject, Reply-To and escaping, its place in the history, and the status page showing the latest.
 */

const database = useTestDatabase({ truncate: true });
const { smtp, drain } = useMailWorker(database);
let prisma: PrismaClient;
let reviewer: { id: string; email: string; role: 'reviewer' };

beforeAll(async () => {
  prisma = database.prisma;
  const person = await prisma.staffUser.create({
    data: { email: 'rae.reviewer@careoregon.example', name: 'Rae Reviewer', role: 'reviewer', emailVerified: true },
  });
  reviewer = { id: person.id, email: person.email, role: 'reviewer' };
});

async function contractRequestInReview() {
  const { location } = await redirectOf(() =>
    submitContractRequest({ status: 'idle' }, toFormData(validContractRequest({ email: 'Office@RoseCity.example' }))),
  );
  const submission = await prisma.submission.findUniqueOrThrow({ where: { reference: location!.split('/').pop()! } });
  await changeStatus(prisma, reviewer, submission.id, 'IN_REVIEW', submission.version);
  await drain();
  smtp.received.length = 0;
  return prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
}

const recipients = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).map((to) => to?.text).join(', ');

test('a message with Waiting on applicant reaches the applicant once, escaped, Reply-To the inbox, with the status link', async () => {
  const submission = await contractRequestInReview();
  const message = 'Please send your <b>W-9</b> & "license".\nThank you!';
  await changeStatus(prisma, reviewer, submission.id, 'WAITING_ON_APPLICANT', submission.version, message);
  await drain();

  const [mail] = await smtp.waitFor(1);
  expect(smtp.received).toHaveLength(1);
  expect(recipients(mail)).toBe('office@rosecity.example');
  expect(mail.subject).toBe(`${submission.reference}: Waiting for you`);
  expect(mail.replyTo?.text).toBe('newcontractrequest@careoregon.org');
  expect(mail.text).toContain('Please send your <b>W-9</b> & "license".\nThank you!');
  expect(mail.text).toContain(`https://intake.test/status?reference=${submission.reference}`);
  expect(mail.html).toContain('Please send your &lt;b&gt;W-9&lt;/b&gt; &amp; &quot;license&quot;.\nThank you!');
  expect(mail.html).not.toContain('<b>W-9</b>');

  // In the history, with who sent it; its words in the message, not in the audit log.
  const [stored] = await prisma.applicantMessage.findMany({ where: { submissionId: submission.id }, include: { author: true } });
  expect(stored).toMatchObject({ status: 'WAITING_ON_APPLICANT', body: message, author: { name: 'Rae Reviewer' } });
  const event = await prisma.auditEvent.findFirstOrThrow({
    where: { submissionId: submission.id, action: 'status_change' },
    orderBy: { at: 'desc' },
  });
  expect(event.details).toEqual({ from: 'IN_REVIEW', to: 'WAITING_ON_APPLICANT', messageId: stored.id });
  expect(historyLine(event)).toBe(
    'rae.reviewer@careoregon.example moved it from In review to Waiting on applicant, with a message to the applicant',
  );
  expect(JSON.stringify(event.details)).not.toContain('W-9');

  // The status page shows the latest message under the status.
  const view = statusView((await findRequestStatus(submission.reference, 'office@rosecity.example'))!);
  expect(view.label).toBe('Waiting for you');
  expect(view.message?.body).toBe(message);
});

test('Waiting on applicant needs a message; a message may be at most 2,000 characters; nothing moves or is sent otherwise', async () => {
  const submission = await contractRequestInReview();
  await expect(changeStatus(prisma, reviewer, submission.id, 'WAITING_ON_APPLICANT', submission.version)).rejects.toThrow(
    new WorkError('Write what you need from the applicant: it is e-mailed to them with this move.', 'refused'),
  );
  await expect(changeStatus(prisma, reviewer, submission.id, 'DECLINED', submission.version, 'x'.repeat(2001))).rejects.toThrow(
    'A message is at most 2,000 characters.',
  );
  expect(await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ status: 'IN_REVIEW' });
  expect(await prisma.applicantMessage.count()).toBe(0);
  expect(await prisma.outboxMessage.count({ where: { template: 'applicant-message' } })).toBe(0);

  // Approved without a message sends nothing; the status page has no message to show.
  await changeStatus(prisma, reviewer, submission.id, 'APPROVED', submission.version);
  expect(await prisma.outboxMessage.count({ where: { template: 'applicant-message' } })).toBe(0);
  expect((await findRequestStatus(submission.reference, 'office@rosecity.example'))!.message).toBeUndefined();
});

test('a clinic alert list: the message goes to the registrant; the latest message is the one the status page shows', async () => {
  const { location } = await redirectOf(() => registerClinicEmails({ status: 'idle' }, toFormData(validClinicEmails())));
  const reference = location!.split('/')[3].split('?')[0];
  let submission = await prisma.submission.findUniqueOrThrow({ where: { reference } });
  await changeStatus(prisma, reviewer, submission.id, 'IN_REVIEW', submission.version);
  submission = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
  await changeStatus(prisma, reviewer, submission.id, 'WAITING_ON_APPLICANT', submission.version, 'Which of you is the billing lead?');
  submission = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
  await changeStatus(prisma, reviewer, submission.id, 'IN_REVIEW', submission.version);
  submission = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
  await changeStatus(prisma, reviewer, submission.id, 'APPROVED', submission.version, 'All set: alerts start Monday.');
  await drain();

  // The worker sends on several connections at once: the order they arrive in is not fixed.
  const messages = smtp.received.filter((mail) => mail.subject?.startsWith(reference));
  expect(messages.map((mail) => [recipients(mail), mail.subject, mail.replyTo?.text]).sort()).toEqual([
    ['cam@alberta.example', `${reference}: Approved`, 'careoregonalerts@careoregon.org'],
    ['cam@alberta.example', `${reference}: Waiting for you`, 'careoregonalerts@careoregon.org'],
  ]);
  expect((await findRequestStatus(reference, 'cam@alberta.example'))!.message?.body).toBe('All set: alerts start Monday.');
});
