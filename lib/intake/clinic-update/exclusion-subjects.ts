import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ScreeningSubject } from '../kind-server';

/**
 * A clinic update names its clinic (and its new name, if that changes) and every provider joining or leaving, each
 * with an NPI. Its only state is the new address's, when the address changes: without it only NPIs can match.
 */
export async function clinicUpdateSubjects(
  prisma: Prisma.TransactionClient,
  submissionIds: string[],
): Promise<Map<string, ScreeningSubject[]>> {
  const updates = await prisma.$queryRaw<
    Array<{ submissionId: string; name: string; newName: string | null; npi: string; state: string | null }>
  >`
    SELECT submission_id AS "submissionId", clinic_name AS name, new_clinic_name AS "newName", clinic_npi AS npi, new_state AS state
      FROM clinic_update WHERE submission_id = ANY(${submissionIds}::text[])`;
  const providers = await prisma.$queryRaw<Array<{ submissionId: string; direction: 'JOINING' | 'LEAVING'; name: string; npi: string }>>`
    SELECT update_id AS "submissionId", direction::text AS direction, name, npi
      FROM clinic_update_provider WHERE update_id = ANY(${submissionIds}::text[]) ORDER BY direction, position`;
  const subjects = new Map<string, ScreeningSubject[]>();
  const stateOf = new Map(updates.map((update) => [update.submissionId, update.state]));
  for (const update of updates) {
    const list: ScreeningSubject[] = [{ role: 'Clinic', name: update.name, npi: update.npi, state: update.state }];
    if (update.newName) list.push({ role: 'Clinic (new name)', name: update.newName, npi: update.npi, state: update.state });
    subjects.set(update.submissionId, list);
  }
  for (const provider of providers) {
    const state = stateOf.get(provider.submissionId);
    subjects.get(provider.submissionId)?.push({
      role: provider.direction === 'JOINING' ? 'Provider joining' : 'Provider leaving',
      name: provider.name,
      npi: provider.npi,
      state,
    });
  }
  return subjects;
}
