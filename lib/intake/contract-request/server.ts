import 'server-only';
import { formatUsPhone, maskTin, storedAddress, type StoredAddress } from '@/lib/format';
import { findSpecialty } from '@/lib/taxonomy';
import { Prisma } from '@/lib/generated/prisma/client';
import type { KindServer } from '../kind-server';
import { answersOfRow, contractRequestRows } from './answers';
import { contractRequestSubjects } from './exclusion-subjects';

/** The export's address columns (the rest it reads by name): never a TIN. */
type ExportedRow = StoredAddress<'cr_physical'> & StoredAddress<'cr_mailing'>;

/** A contract request's part in the generic pages (lib/intake/kind-server.ts). */
export const contractRequestServer: KindServer = {
  exclusionSubjects: contractRequestSubjects,

  async staffAnswers(prisma, submissionId) {
    const row = await prisma.contractRequest.findUnique({ where: { submissionId } });
    if (!row) return null;
    const specialty = { code: row.taxonomyCode, display: findSpecialty(row.taxonomyCode)?.display };
    return { rows: contractRequestRows(answersOfRow(row, specialty)), maskedTin: maskTin(row.tinLast4) };
  },

  async encryptedTins(prisma, submissionId) {
    const row = await prisma.contractRequest.findUnique({ where: { submissionId }, select: { tinCiphertext: true } });
    return row ? [['TIN', row.tinCiphertext]] : [];
  },

  exportSource: {
    query: Prisma.sql`SELECT cr.taxonomy_code AS "cr_taxonomyCode", cr.phone AS "cr_phone",
      cr.physical_street AS "cr_physicalStreet", cr.physical_line2 AS "cr_physicalLine2", cr.physical_city AS "cr_physicalCity",
      cr.physical_state AS "cr_physicalState", cr.physical_zip AS "cr_physicalZip", cr.mailing_street AS "cr_mailingStreet",
      cr.mailing_line2 AS "cr_mailingLine2", cr.mailing_city AS "cr_mailingCity", cr.mailing_state AS "cr_mailingState",
      cr.mailing_zip AS "cr_mailingZip", cr.dmap_id AS "cr_dmapId", cr.dmap_pending AS "cr_dmapPending"
      FROM contract_request cr WHERE cr.submission_id = s.id`,
    fields(row) {
      const code = row.cr_taxonomyCode as string;
      return {
        phone: formatUsPhone(row.cr_phone as string),
        specialtyCode: code,
        specialtyName: findSpecialty(code)?.display,
        physicalAddress: storedAddress(row as ExportedRow, 'cr_physical'),
        mailingAddress: storedAddress(row as ExportedRow, 'cr_mailing'),
        dmapId: (row.cr_dmapId as string | null) ?? (row.cr_dmapPending ? 'Enrollment pending' : undefined),
      };
    },
  },
};
