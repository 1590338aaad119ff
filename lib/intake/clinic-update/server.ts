import 'server-only';
import { formatUsPhone, maskTin, storedAddress } from '@/lib/format';
import type { ClinicUpdate } from '@/lib/generated/prisma/client';
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

  async exportFields(prisma, submissionIds) {
    // Plain SQL, as the contract request's: the export reads hundreds of thousands of these. Never a TIN.
    const rows = await prisma.$queryRaw<
      Array<
        Pick<ClinicUpdate, 'submissionId' | 'senderName' | 'senderPhone' | `new${'Street' | 'Line2' | 'City' | 'State' | 'Zip'}`> & {
          npis: string | null;
        }
      >
    >`
      SELECT u.submission_id AS "submissionId", u.sender_name AS "senderName", u.sender_phone AS "senderPhone",
             u.new_street AS "newStreet", u.new_line2 AS "newLine2", u.new_city AS "newCity", u.new_state AS "newState",
             u.new_zip AS "newZip",
             (SELECT string_agg(p.npi, '; ' ORDER BY p.direction, p.position) FROM clinic_update_provider p
               WHERE p.update_id = u.submission_id) AS npis
        FROM clinic_update u WHERE u.submission_id = ANY(${submissionIds}::text[])`;
    return new Map(
      rows.map((row) => [
        row.submissionId,
        {
          contactName: row.senderName,
          otherNpis: row.npis ?? undefined,
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
