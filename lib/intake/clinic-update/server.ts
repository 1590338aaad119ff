import 'server-only';
import { formatUsPhone, maskTin, storedAddress } from '@/lib/format';
import type { KindServer } from '../kind-server';
import { answersOfStored, changeAnswers, notesRow, whatRows, whoRows } from './answers';

/** A clinic update's part in the generic pages (lib/intake/kind-server.ts). */
export const clinicUpdateServer: KindServer = {
  async staffAnswers(prisma, submissionId) {
    const update = await prisma.clinicUpdate.findUnique({ where: { submissionId }, include: { providers: true } });
    if (!update) return null;
    const answers = answersOfStored(update);
    return {
      rows: [
        ...whoRows(answers),
        ...whatRows(answers),
        ...changeAnswers(answers).map(({ newLabel, value }): [string, string] => [newLabel, value]),
        notesRow(answers),
      ],
      maskedTin: maskTin(update.tinLast4),
    };
  },

  async exportFields(prisma, submissionIds) {
    const rows = await prisma.clinicUpdate.findMany({
      where: { submissionId: { in: submissionIds } },
      omit: { tinCiphertext: true, tinHash: true, tinLast4: true, newTinCiphertext: true, newTinHash: true, newTinLast4: true },
      include: { providers: { orderBy: [{ direction: 'asc' }, { position: 'asc' }], select: { npi: true } } },
    });
    return new Map(
      rows.map((row) => [
        row.submissionId,
        {
          contactName: row.senderName,
          otherNpis: row.providers.map((provider) => provider.npi).join('; ') || undefined,
          phone: formatUsPhone(row.senderPhone),
          // The clinic's new address, when the update changes it.
          physicalAddress: storedAddress(row, 'new'),
        },
      ]),
    );
  },

  async encryptedTins(prisma, submissionId) {
    const update = await prisma.clinicUpdate.findUnique({
      where: { submissionId },
      select: { tinCiphertext: true, newTinCiphertext: true },
    });
    if (!update) return [];
    return update.newTinCiphertext
      ? [
          ['TIN', update.tinCiphertext],
          ['New TIN', update.newTinCiphertext],
        ]
      : [['TIN', update.tinCiphertext]];
  },
};
