import 'server-only';
import { formatUsPhone, pacificTime } from '@/lib/format';
import { Prisma } from '@/lib/generated/prisma/client';
import type { KindServer } from '../kind-server';
import { clinicRows, personRows } from './answers';
import { forwardExpiredRegistrations } from './forwarding';
import { clinicEmailsSubjects } from './exclusion-subjects';

/** A clinic alert registration's part in the generic pages (lib/intake/kind-server.ts). */
export const clinicEmailsServer: KindServer = {
  exclusionSubjects: clinicEmailsSubjects,

  async staffAnswers(prisma, submissionId) {
    const registration = await prisma.clinicEmailRegistration.findUnique({
      where: { submissionId },
      include: { contacts: { orderBy: { position: 'asc' } } },
    });
    if (!registration) return null;
    return {
      rows: [
        ...clinicRows(registration),
        ...personRows(registration),
        ['Forwarded', registration.forwardedAt ? pacificTime(registration.forwardedAt) : 'Not yet: waiting for confirmations'],
      ],
    };
  },

  async encryptedTins() {
    return []; // a registration asks for no TIN
  },

  exportSource: {
    query: Prisma.sql`SELECT ce.registrant_name AS "ce_registrantName", ce.clinic_phone AS "ce_clinicPhone"
      FROM clinic_email_registration ce WHERE ce.submission_id = s.id`,
    fields(row) {
      return { contactName: row.ce_registrantName as string, phone: formatUsPhone(row.ce_clinicPhone as string) };
    },
  },

  async confirmations(prisma, submissionId) {
    const registration = await prisma.clinicEmailRegistration.findUnique({
      where: { submissionId },
      select: { forwardedAt: true, contacts: { select: { verifiedAt: true } } },
    });
    if (!registration) return undefined;
    return {
      confirmed: registration.contacts.filter((contact) => contact.verifiedAt).length,
      total: registration.contacts.length,
      forwarded: registration.forwardedAt !== null,
    };
  },

  sweep: forwardExpiredRegistrations,
};
