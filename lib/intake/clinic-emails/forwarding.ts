import { env } from '@/lib/env';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { enqueue, notifyOutbox } from '@/lib/mail/outbox';
import { KINDS } from '../kinds';
import { registrationForward, registrationReceipt, type ListOnFile, type RegistrationMailData } from './e-mails';

/**
 * Forwarding a clinic alert e-mail registration to the plan's inbox: when its last address is confirmed
 * (record.ts), or by the outbox worker's sweep once every remaining link has expired.
 */

/**
 * Forwards a registration once nothing more can change it: every address verified, or every unverified
 * address's link expired. Exactly once, whoever calls: the forwarded_at update is the guard.
 */
export async function forwardIfDue(prisma: PrismaClient, registrationId: string, now = new Date()): Promise<boolean> {
  const forwarded = await prisma.$transaction(async (tx) => {
    const claimed = await tx.clinicEmailRegistration.updateMany({
      where: {
        submissionId: registrationId,
        forwardedAt: null,
        contacts: { none: { verifiedAt: null, tokenExpiresAt: { gt: now } } },
      },
      data: { forwardedAt: now },
    });
    if (claimed.count === 0) return false;
    await enqueueForward(tx, registrationId);
    return true;
  });
  if (forwarded) notifyOutbox();
  return forwarded;
}

async function enqueueForward(tx: Prisma.TransactionClient, registrationId: string) {
  const registration = await tx.clinicEmailRegistration.findUniqueOrThrow({
    where: { submissionId: registrationId },
    include: { submission: true, contacts: { orderBy: { position: 'asc' } } },
  });
  const config = env();
  const data: RegistrationMailData = {
    id: registration.submissionId,
    reference: registration.submission.reference,
    clinicName: registration.clinicName,
    clinicNpi: registration.clinicNpi,
    clinicPhone: registration.clinicPhone,
    registrantName: registration.registrantName,
    registrantEmail: registration.registrantEmail,
    // A forwarded list is final: whoever has not confirmed by now, their link expired unused.
    contacts: registration.contacts.map(({ fullName, jobTitle, email, verifiedAt }) => ({ fullName, jobTitle, email, verifiedAt })),
  };
  const onFile = await findListOnFile(tx, registration.clinicNpi, registration.submission.createdAt);
  await enqueue(tx, registrationId, [
    registrationForward(data, { inbox: config[KINDS.CLINIC_EMAILS.inbox.setting], appUrl: config.APP_URL, onFile }),
    registrationReceipt(data, { appUrl: config.APP_URL }),
  ]);
}

/** The clinic's list forwarded before this one (received earlier, same NPI), with its verified addresses. */
async function findListOnFile(tx: Prisma.TransactionClient, clinicNpi: string, before: Date): Promise<ListOnFile | null> {
  const previous = await tx.clinicEmailRegistration.findFirst({
    where: { clinicNpi, forwardedAt: { not: null }, submission: { createdAt: { lt: before } } },
    orderBy: { submission: { createdAt: 'desc' } },
    select: {
      submission: { select: { reference: true, createdAt: true } },
      contacts: { where: { verifiedAt: { not: null } }, orderBy: { position: 'asc' }, select: { email: true } },
    },
  });
  if (!previous) return null;
  return {
    reference: previous.submission.reference,
    receivedAt: previous.submission.createdAt,
    emails: previous.contacts.map((contact) => contact.email),
  };
}

/** The sweep the outbox worker runs now and then: forwards every registration whose links have all run out. */
export async function forwardExpiredRegistrations(prisma: PrismaClient, now = new Date()): Promise<number> {
  const due = await prisma.clinicEmailRegistration.findMany({
    where: { forwardedAt: null, contacts: { none: { verifiedAt: null, tokenExpiresAt: { gt: now } } } },
    select: { submissionId: true },
    take: 100,
  });
  let forwarded = 0;
  for (const { submissionId } of due) if (await forwardIfDue(prisma, submissionId, now)) forwarded++;
  return forwarded;
}
