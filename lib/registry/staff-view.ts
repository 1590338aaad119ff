import 'server-only';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { findSpecialty } from '@/lib/taxonomy';
import { isRegistryOn } from './lookup';
import type { Specialty } from './nppes';

/** The staff page's `Registry check` block: each NPI of the submission, what the registry said, and each match or difference. */

const ROLE_LABELS: Record<string, string> = {
  PROVIDER: 'Provider NPI',
  CLINIC: 'Clinic NPI',
  JOINING: 'Provider joining',
  LEAVING: 'Provider leaving',
};

export interface RegistryCheckView {
  id: string;
  label: string;
  npi: string;
  status: 'FOUND' | 'NOT_FOUND' | 'DEACTIVATED' | 'NOT_CHECKED';
  enumerationType?: 'INDIVIDUAL' | 'ORGANIZATION';
  /** Name, specialty and practice state: typed beside held, each a match or a difference. */
  rows: Array<{ aspect: string; typed: string; held: string; isMatch: boolean }>;
  specialties: Specialty[];
  city?: string;
  deactivationDate?: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: Date;
  checkedAt?: Date;
}

const specialtyText = (code: string) => `${findSpecialty(code)?.display ?? code} (${code})`;

export async function getRegistryChecks(submissionId: string): Promise<{ isOn: boolean; checks: RegistryCheckView[] }> {
  await requireStaff('viewer');
  const prisma = await db();
  const rows = await prisma.registryCheck.findMany({
    where: { submissionId },
    orderBy: [{ createdAt: 'asc' }, { role: 'asc' }, { position: 'asc' }],
  });
  const checks = rows.map((row): RegistryCheckView => {
    const specialties = (row.registrySpecialties ?? []) as unknown as Specialty[];
    const differs = (aspect: string) => row.differences.includes(aspect);
    const comparisons: RegistryCheckView['rows'] = [];
    if (row.status === 'FOUND' || row.status === 'DEACTIVATED') {
      if (row.typedName)
        comparisons.push({ aspect: 'Name', typed: row.typedName, held: row.registryName ?? '—', isMatch: !differs('name') });
      if (row.typedTaxonomyCode) {
        const primary = specialties.find((specialty) => specialty.primary) ?? specialties[0];
        comparisons.push({
          aspect: 'Specialty',
          typed: specialtyText(row.typedTaxonomyCode),
          held: primary ? `${primary.desc} (${primary.code})` : '—',
          isMatch: !differs('specialty'),
        });
      }
      if (row.typedState)
        comparisons.push({ aspect: 'Practice state', typed: row.typedState, held: row.registryState ?? '—', isMatch: !differs('state') });
    }
    const index = row.role === 'JOINING' || row.role === 'LEAVING' ? ` ${row.position + 1}` : '';
    return {
      id: row.id,
      label: `${ROLE_LABELS[row.role] ?? row.role}${index}`,
      npi: row.npi,
      status: row.status,
      enumerationType: (row.enumerationType as RegistryCheckView['enumerationType']) ?? undefined,
      rows: comparisons,
      specialties,
      city: row.registryCity ?? undefined,
      deactivationDate: row.deactivationDate ?? undefined,
      attempts: row.attempts,
      lastError: row.lastError ?? undefined,
      nextAttemptAt: row.nextAttemptAt ?? undefined,
      checkedAt: row.checkedAt ?? undefined,
    };
  });
  return { isOn: isRegistryOn(), checks };
}
