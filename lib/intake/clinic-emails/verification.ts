import 'server-only';
import { hashLinkToken, isSubmissionAccessKey, newLinkToken } from '@/lib/crypto/tokens';
import { db } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { enqueue, notifyOutbox } from '@/lib/mail/outbox';
import { REFERENCE_PATTERN } from '@/lib/reference';
import { contactVerification } from './e-mails';
import { forwardIfDue } from './forwarding';
import { LINK_LIFETIME_MS, verificationLink } from './record';

/**
 * After a registration is recorded: the registrant's page, fresh links, and each person confirming their address
 * (which forwards the list once the last one has).
 */

/** A person may ask for 3 fresh links a day. */
export const RESENDS_PER_DAY = 3;

const DAY_MS = 24 * 3_600_000;

export type ContactState = 'waiting' | 'verified' | 'expired';

function contactState(contact: { verifiedAt: Date | null; tokenExpiresAt: Date }, now = new Date()): ContactState {
  if (contact.verifiedAt) return 'verified';
  return contact.tokenExpiresAt <= now ? 'expired' : 'waiting';
}

/** The registrant's own page: the registration and each address's state, for the holder of its access key. */
export async function findRegistrationForRegistrant(reference: string, accessKey: string) {
  // The reference comes from a form anyone can post: one that is not a reference (a NUL in it fails the query) is none.
  if (!REFERENCE_PATTERN.test(reference)) return undefined;
  const prisma = await db();
  const submission = await prisma.submission.findUnique({
    where: { reference },
    include: { clinicEmailRegistration: { include: { contacts: { orderBy: { position: 'asc' } } } } },
  });
  const registration = submission?.clinicEmailRegistration;
  if (!submission || !registration || !isSubmissionAccessKey(submission.id, accessKey)) return undefined;
  const now = new Date();
  return {
    id: submission.id,
    reference: submission.reference,
    clinicName: registration.clinicName,
    forwardedAt: registration.forwardedAt,
    contacts: registration.contacts.map((contact) => ({
      id: contact.id,
      fullName: contact.fullName,
      jobTitle: contact.jobTitle,
      email: contact.email,
      state: contactState(contact, now),
      verifiedAt: contact.verifiedAt,
      canResend: !contact.verifiedAt && !registration.forwardedAt && resendsToday(contact.resentAt, now) < RESENDS_PER_DAY,
    })),
  };
}

function resendsToday(resentAt: Date[], now: Date): number {
  return resentAt.filter((time) => now.getTime() - time.getTime() < DAY_MS).length;
}

export type ResendOutcome = 'sent' | 'limit' | 'verified' | 'closed' | 'not-found';

/**
 * Sends a contact a fresh link; the old one stops working. At most RESENDS_PER_DAY a day per address, and none
 * once the registration has been forwarded.
 */
async function resend(prisma: PrismaClient, contactId: string): Promise<ResendOutcome> {
  const outcome = await prisma.$transaction(async (tx) => {
    // Lock the contact, so two resends at once cannot both pass the daily limit.
    await tx.$queryRaw`SELECT id FROM clinic_alert_contact WHERE id = ${contactId} FOR UPDATE`;
    const contact = await tx.clinicAlertContact.findUnique({ where: { id: contactId }, include: { registration: true } });
    if (!contact) return 'not-found' as const;
    if (contact.verifiedAt) return 'verified' as const;
    if (contact.registration.forwardedAt) return 'closed' as const;
    const now = new Date();
    if (resendsToday(contact.resentAt, now) >= RESENDS_PER_DAY) return 'limit' as const;
    const { token, hash } = newLinkToken();
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
    await tx.clinicAlertContact.update({
      where: { id: contactId },
      data: { tokenHash: hash, tokenExpiresAt: expiresAt, resentAt: { push: now } },
    });
    await enqueue(tx, contact.registrationId, [
      contactVerification({
        clinicName: contact.registration.clinicName,
        registrantName: contact.registration.registrantName,
        fullName: contact.fullName,
        email: contact.email,
        link: verificationLink(token),
        expiresAt,
      }),
    ]);
    return 'sent' as const;
  });
  if (outcome === 'sent') notifyOutbox();
  return outcome;
}

/** The registrant asks for a fresh link from their own page. */
export async function resendForRegistrant(reference: string, accessKey: string, contactId: string): Promise<ResendOutcome> {
  const registration = await findRegistrationForRegistrant(reference, accessKey);
  if (!registration?.contacts.some((contact) => contact.id === contactId)) return 'not-found';
  return resend(await db(), contactId);
}

export type LinkLookup =
  { state: 'unknown' } | { state: 'valid' | 'used' | 'expired'; clinicName: string; email: string; fullName: string };

/** What a verification link is: unknown (never issued, or replaced by a newer one), used, expired or valid. */
export async function lookUpLink(token: string): Promise<LinkLookup> {
  return describeLink(await findContactByToken(await db(), token));
}

function findContactByToken(prisma: PrismaClient, token: string) {
  return prisma.clinicAlertContact.findUnique({ where: { tokenHash: hashLinkToken(token) }, include: { registration: true } });
}

/** `isJustConfirmed`: this request did the confirming, so the link counts as the valid one it was. */
function describeLink(contact: Awaited<ReturnType<typeof findContactByToken>>, isJustConfirmed = false): LinkLookup {
  if (!contact) return { state: 'unknown' };
  const state = isJustConfirmed ? 'valid' : contact.verifiedAt ? 'used' : contact.tokenExpiresAt <= new Date() ? 'expired' : 'valid';
  return { state, clinicName: contact.registration.clinicName, email: contact.email, fullName: contact.fullName };
}

/**
 * The person confirms their address: the link's single use. Forwards the registration if it was the last one.
 * Answers `valid` when this call did the confirming, otherwise what the link now is (used, expired, unknown).
 */
export async function confirmLink(token: string): Promise<LinkLookup> {
  const prisma = await db();
  const now = new Date();
  const { count } = await prisma.clinicAlertContact.updateMany({
    where: { tokenHash: hashLinkToken(token), verifiedAt: null, tokenExpiresAt: { gt: now } },
    data: { verifiedAt: now },
  });
  const contact = await findContactByToken(prisma, token);
  if (count === 1 && contact) {
    await forwardIfDue(prisma, contact.registrationId);
    return describeLink(contact, true);
  }
  return describeLink(contact);
}

/** A person whose link expired asks for a fresh one from the expired-link page (it goes to their own address). */
export async function resendExpiredLink(token: string): Promise<ResendOutcome> {
  const prisma = await db();
  const contact = await findContactByToken(prisma, token);
  return contact ? resend(prisma, contact.id) : 'not-found';
}
