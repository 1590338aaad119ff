import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ScreeningSubject } from '../kind-server';

/** A contract request names one provider (a person or an organisation): its name, NPI and practice state. */
export async function contractRequestSubjects(
  prisma: Prisma.TransactionClient,
  submissionIds: string[],
): Promise<Map<string, ScreeningSubject[]>> {
  const rows = await prisma.$queryRaw<Array<{ submissionId: string; name: string; npi: string; state: string }>>`
    SELECT submission_id AS "submissionId", provider_name AS name, npi, physical_state AS state
      FROM contract_request WHERE submission_id = ANY(${submissionIds}::text[])`;
  return new Map(rows.map((row) => [row.submissionId, [{ role: 'Provider', name: row.name, npi: row.npi, state: row.state }]]));
}
