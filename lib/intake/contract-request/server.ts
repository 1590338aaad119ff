import 'server-only';
import { maskTin } from '@/lib/format';
import { findSpecialty } from '@/lib/taxonomy';
import type { KindServer } from '../kind-server';
import { answersOfRow, contractRequestRows } from './answers';

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
};
