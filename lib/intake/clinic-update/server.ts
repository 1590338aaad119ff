import 'server-only';
import { formatUsPhone, maskTin, storedAddress, type StoredAddress } from '@/lib/format';
import { Prisma } from '@/lib/generated/prisma/client';
import type { KindServer } from '../kind-server';
import { answersOfStored, changeAnswers, notesRow, whatRows, whoRows } from './answers';
import { clinicUpdateSubjects } from './exclusion-subjects';

/** A clinic update's part in the generic pages (lib/intake/kind-server.ts). */
export const clinicUpdateServer: KindServer = {
  exclusionSubjects: clinicUpdateSubjects,

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

  exportSource: {
    // Never a TIN.
    query: Prisma.sql`SELECT cu.sender_name AS "cu_senderName", cu.sender_phone AS "cu_senderPhone", cu.new_street AS "cu_newStreet",
      cu.new_line2 AS "cu_newLine2", cu.new_city AS "cu_newCity", cu.new_state AS "cu_newState", cu.new_zip AS "cu_newZip",
      (SELECT string_agg(p.npi, '; ' ORDER BY p.direction, p.position) FROM clinic_update_provider p
        WHERE p.update_id = cu.submission_id) AS "cu_npis"
      FROM clinic_update cu WHERE cu.submission_id = s.id`,
    fields(row) {
      return {
        contactName: row.cu_senderName as string,
        otherNpis: (row.cu_npis as string | null) ?? undefined,
        phone: formatUsPhone(row.cu_senderPhone as string),
        // The clinic's new address, when the update changes it.
        physicalAddress: storedAddress(row as StoredAddress<'cu_new'>, 'cu_new'),
      };
    },
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
