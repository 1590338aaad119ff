import 'server-only';
import { formatUsPhone, maskTin, storedAddress } from '@/lib/format';
import { findSpecialty } from '@/lib/taxonomy';
import type { KindServer } from '../kind-server';
import { answersOfRow, contractRequestRows } from './answers';

const TINS = { tinCiphertext: true, tinHash: true, tinLast4: true } as const;

/** A contract request's part in the generic pages (lib/intake/kind-server.ts). */
export const contractRequestServer: KindServer = {
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
    const rows = await prisma.contractRequest.findMany({ where: { submissionId: { in: submissionIds } }, omit: TINS });
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
