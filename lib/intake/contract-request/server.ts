import 'server-only';
import { formatUsPhone, maskTin, storedAddress } from '@/lib/format';
import { findSpecialty } from '@/lib/taxonomy';
import type { ContractRequest } from '@/lib/generated/prisma/client';
import type { KindServer } from '../kind-server';
import { answersOfRow, contractRequestRows } from './answers';
import { contractRequestSubjects } from './exclusion-subjects';

/** The columns the export shows: never a TIN. */
type ExportedRow = Pick<
  ContractRequest,
  | 'submissionId'
  | 'taxonomyCode'
  | 'phone'
  | 'physicalStreet'
  | 'physicalLine2'
  | 'physicalCity'
  | 'physicalState'
  | 'physicalZip'
  | 'mailingStreet'
  | 'mailingLine2'
  | 'mailingCity'
  | 'mailingState'
  | 'mailingZip'
  | 'dmapId'
  | 'dmapPending'
>;

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

  async exportFields(prisma, submissionIds) {
    // Plain SQL: the export reads hundreds of thousands of these, and Prisma's mapping would cost more than the query.
    const rows = await prisma.$queryRaw<ExportedRow[]>`
      SELECT submission_id AS "submissionId", taxonomy_code AS "taxonomyCode", phone,
             physical_street AS "physicalStreet", physical_line2 AS "physicalLine2", physical_city AS "physicalCity",
             physical_state AS "physicalState", physical_zip AS "physicalZip", mailing_street AS "mailingStreet",
             mailing_line2 AS "mailingLine2", mailing_city AS "mailingCity", mailing_state AS "mailingState",
             mailing_zip AS "mailingZip", dmap_id AS "dmapId", dmap_pending AS "dmapPending"
        FROM contract_request WHERE submission_id = ANY(${submissionIds}::text[])`;
    return new Map(
      rows.map((row) => [
        row.submissionId,
        {
          phone: formatUsPhone(row.phone),
          specialtyCode: row.taxonomyCode,
          specialtyName: findSpecialty(row.taxonomyCode)?.display,
          physicalAddress: storedAddress(row, 'physical'),
          mailingAddress: storedAddress(row, 'mailing'),
          dmapId: row.dmapId ?? (row.dmapPending ? 'Enrollment pending' : undefined),
        },
      ]),
    );
  },
};
