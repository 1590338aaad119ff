import 'server-only';
import { formatUsPhone, pacificTime } from '@/lib/format';
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

  async exportFields(prisma, submissionIds) {
    const rows = await prisma.$queryRaw<Array<{ submissionId: string; registrantName: string; clinicPhone: string }>>`
      SELECT submission_id AS "submissionId", registrant_name AS "registrantName", clinic_phone AS "clinicPhone"
        FROM clinic_email_registration WHERE submission_id = ANY(${submissionIds}::text[])`;
    return new Map(rows.map((row) => [row.submissionId, { contactName: row.registrantName, phone: formatUsPhone(row.clinicPhone) }]));
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
