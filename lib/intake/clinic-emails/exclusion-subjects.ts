import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ScreeningSubject } from '../kind-server';

/** A clinic alert registration names its clinic and NPI; the form asks no state, so only the NPI can match. */
export async function clinicEmailsSubjects(
  prisma: Prisma.TransactionClient,
  submissionIds: string[],
): Promise<Map<string, ScreeningSubject[]>> {
  const rows = await prisma.$queryRaw<Array<{ submissionId: string; name: string; npi: string }>>`
    SELECT submission_id AS "submissionId", clinic_name AS name, clinic_npi AS npi
      FROM clinic_email_registration WHERE submission_id = ANY(${submissionIds}::text[])`;
  return new Map(rows.map((row) => [row.submissionId, [{ role: 'Clinic', name: row.name, npi: row.npi }]]));
}
