import { submitContractRequest } from '@/app/contract-request/actions';
import { db } from '@/lib/db/client';
import { smtpMailer } from '@/lib/mail/mailer';
import { startOutboxWorker } from '@/lib/mail/worker';
import { validContractRequest } from '../fixtures/contract-request';
import { useTestDatabase } from '../helpers/database';
import { redirectOf, toFormData } from '../helpers/forms';
import { useTestSmtp } from '../helpers/smtp';
import { waitUntil } from '../helpers/wait';

const database = useTestDatabase();
const smtp = useTestSmtp(database);

test('a contract request submitted while SMTP is down reaches both inboxes once SMTP is back', async () => {
  smtp.refuse = true;
  const prisma = await db();
  const mailer = smtpMailer(smtp.url, 'CareOregon Provider Intake <no-reply@intake.test>');
  const worker = startOutboxWorker({
    prisma,
    mailer,
    pollSeconds: 0.05,
    timing: { firstRetrySeconds: 0.2, maxRetrySeconds: 0.5, giveUpHours: 24, leaseSeconds: 30 },
  });
  try {
    const { location } = await redirectOf(() =>
      submitContractRequest({ status: 'idle' }, toFormData(validContractRequest({ providerName: 'Clinic <script>x</script> & Co' }))),
    );
    const reference = location!.split('/').pop()!;
    const submission = await prisma.submission.findUniqueOrThrow({ where: { reference } });
    // The submission is stored and its mail waits while the SMTP server refuses it.
    await waitUntil(
      async () => (await prisma.outboxMessage.findMany()).every((row) => row.attempts >= 1 && row.lastError),
      'both messages have been refused once',
    );
    expect(smtp.received).toHaveLength(0);
    smtp.refuse = false;
    const [first, second] = await smtp.waitFor(2);
    const forward = [first, second].find(
      (mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === 'newcontractrequest@careoregon.org',
    )!;
    const receipt = [first, second].find((mail) => mail !== forward)!;

    expect(forward.subject).toBe(`New contract request ${reference} – Clinic <script>x</script> & Co`);
    expect(forward.replyTo?.value).toEqual([{ name: '', address: 'office@rosecity.example' }]);
    expect(forward.text).toContain('Family Medicine (207Q00000X)');
    expect(forward.text).toContain(`https://intake.test/staff/submissions/${submission.id}`);
    expect(forward.html).toContain('Clinic &lt;script&gt;x&lt;/script&gt; &amp; Co');
    expect(forward.html).not.toContain('<script>');

    expect((receipt.to as { text: string }).text).toBe('office@rosecity.example');
    expect(receipt.subject).toBe(`We received your contract request ${reference}`);
    expect(receipt.text).toContain('What happens next');

    for (const mail of [forward, receipt]) {
      expect(mail.text).toContain('•••••4321');
      expect(`${mail.text}${mail.html}`).not.toMatch(/987654321|98-7654321|87654321/);
      expect(mail.html).toBeTruthy();
    }
  } finally {
    await worker.stop();
    mailer.close();
  }
});
