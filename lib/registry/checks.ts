import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Prisma, RegistryCheck, SubmissionKind } from '@/lib/generated/prisma/client';
import { log } from '@/lib/log';
import { normalizeNpi } from '@/lib/validation/npi';
import { compareWithRegistry, differencesOf } from './compare';
import { isRegistryOn, lookUpNpi } from './lookup';
import type { Lookup } from './nppes';

/**
 * The registry check of a submission (issue 15, docs/decisions/015-npi-registry-check.md): one registry_check row per
 * NPI the form took, made after the submission is stored, never before, so that nothing the registry does can lose
 * or block a submission. A failure leaves the row `NOT_CHECKED`, and the outbox worker tries it again with back-off.
 */

export type Role = 'PROVIDER' | 'CLINIC' | 'JOINING' | 'LEAVING';

export interface Subject {
  role: Role;
  position: number;
  npi: string;
  typedName?: string | null;
  typedTaxonomyCode?: string | null;
  typedState?: string | null;
}

/** Every NPI each kind of form takes, with what was typed beside it. A new kind fails to compile here. */
const SUBJECTS: Record<SubmissionKind, (prisma: PrismaClient, submissionId: string) => Promise<Subject[]>> = {
  async CONTRACT_REQUEST(prisma, submissionId) {
    const row = await prisma.contractRequest.findUnique({ where: { submissionId } });
    if (!row) return [];
    return [
      {
        role: 'PROVIDER',
        position: 0,
        npi: row.npi,
        typedName: row.providerName,
        typedTaxonomyCode: row.taxonomyCode,
        typedState: row.physicalState,
      },
    ];
  },
  async CLINIC_EMAILS(prisma, submissionId) {
    const row = await prisma.clinicEmailRegistration.findUnique({ where: { submissionId } });
    return row ? [{ role: 'CLINIC', position: 0, npi: row.clinicNpi, typedName: row.clinicName }] : [];
  },
  async CLINIC_UPDATE(prisma, submissionId) {
    const row = await prisma.clinicUpdate.findUnique({ where: { submissionId }, include: { providers: true } });
    if (!row) return [];
    return [
      { role: 'CLINIC', position: 0, npi: row.clinicNpi, typedName: row.clinicName },
      ...row.providers.map((provider) => ({
        role: provider.direction as Role,
        position: provider.position,
        npi: provider.npi,
        typedName: provider.name,
      })),
    ];
  },
};

/** Lease taken on a row while it is being looked up, so the worker and the form's own check never ask twice. */
const LEASE_SECONDS = 60;
const FIRST_RETRY_SECONDS = 60;
const MAX_RETRY_SECONDS = 6 * 3600;

/** When a NOT_CHECKED row is tried again after `attempts` failures: 1 minute, doubling, at most 6 hours. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Makes the submission's registry_check rows and looks each NPI up. Never throws: a failure is stored as
 * NOT_CHECKED (or, if even that cannot be stored, logged), for the worker to try again.
 */
export async function checkSubmission(prisma: PrismaClient, submissionId: string, now = new Date()): Promise<void> {
  if (!isRegistryOn()) return;
  try {
    const submission = await prisma.submission.findUnique({ where: { id: submissionId }, select: { kind: true } });
    if (!submission) return;
    const subjects = await SUBJECTS[submission.kind](prisma, submissionId);
    if (subjects.length === 0) return;
    const leaseUntil = new Date(now.getTime() + LEASE_SECONDS * 1000);
    await prisma.registryCheck.createMany({
      data: subjects.map((subject) => ({ ...subject, npi: normalizeNpi(subject.npi), submissionId, nextAttemptAt: leaseUntil })),
      skipDuplicates: true,
    });
    const rows = await prisma.registryCheck.findMany({ where: { submissionId, status: 'NOT_CHECKED', attempts: 0 } });
    await Promise.all(rows.map((row) => checkRow(prisma, row)));
  } catch (error) {
    log().error({ event: 'registry_check_failed', submissionId, err: (error as Error).message }, 'could not check NPIs in the registry');
  }
}

/** A submission this old with no check rows lost its check (the process died before it ran): the worker makes it. */
const ADOPT_AFTER_SECONDS = 120;
/** …looking back this far, so that turning the registry on does not check years of submissions at once. */
const ADOPT_WITHIN_DAYS = 7;

/**
 * The worker's part: submissions of the last week left without check rows (the server died between storing one and
 * checking it) are checked; then the NOT_CHECKED rows that are due, each claimed with a lease and looked up again.
 * Returns how many submissions and rows were tried.
 */
export async function retryRegistryChecks(prisma: PrismaClient, now = new Date(), batchSize = 20): Promise<number> {
  if (!isRegistryOn()) return 0;
  const orphans = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT s.id FROM submission s
     WHERE s.created_at < ${new Date(now.getTime() - ADOPT_AFTER_SECONDS * 1000)}
       AND s.created_at > ${new Date(now.getTime() - ADOPT_WITHIN_DAYS * 86_400_000)}
       AND NOT EXISTS (SELECT 1 FROM registry_check r WHERE r.submission_id = s.id)
     ORDER BY s.created_at
     LIMIT ${batchSize}`;
  for (const { id } of orphans) await checkSubmission(prisma, id, now);
  const due = await prisma.registryCheck.findMany({
    where: { status: 'NOT_CHECKED', nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: 'asc' },
    take: batchSize,
  });
  let tried = 0;
  for (const row of due) {
    // Claimed only if nobody else moved it meanwhile (another worker, the form's own check).
    const claimed = await prisma.registryCheck.updateMany({
      where: { id: row.id, status: 'NOT_CHECKED', nextAttemptAt: row.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000) },
    });
    if (claimed.count === 0) continue;
    tried += 1;
    await checkRow(prisma, row, now);
  }
  return orphans.length + tried;
}

/** The outbox worker's housekeeping task for the registry (lib/server-start.ts, scripts/worker.ts). */
export const REGISTRY_RETRIES = { everySeconds: 15, run: (prisma: PrismaClient) => retryRegistryChecks(prisma) };

async function checkRow(prisma: PrismaClient, row: RegistryCheck, now = new Date()): Promise<void> {
  let answer: Lookup;
  try {
    answer = await lookUpNpi(prisma, row.npi, { now });
  } catch (error) {
    const attempts = row.attempts + 1;
    const message = (error as Error).message;
    log().warn({ event: 'registry_check_not_checked', npi: row.npi, attempts, err: message }, 'NPI registry look-up failed');
    await prisma.registryCheck.update({
      where: { id: row.id },
      data: { attempts, lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) },
    });
    return;
  }
  await prisma.registryCheck.update({
    where: { id: row.id },
    data: { ...resultOf(row, answer), attempts: row.attempts + 1, checkedAt: now },
  });
}

/** The columns of a check once the registry has answered. */
export function resultOf(
  typed: Pick<RegistryCheck, 'typedName' | 'typedTaxonomyCode' | 'typedState'>,
  answer: Lookup,
): Prisma.RegistryCheckUpdateInput {
  if (!answer.found) {
    return { status: 'NOT_FOUND', differences: [], needsAttention: true, nextAttemptAt: null, lastError: null };
  }
  const { record } = answer;
  const differences = differencesOf(
    compareWithRegistry(
      { name: typed.typedName, taxonomyCode: typed.typedTaxonomyCode, state: typed.typedState },
      { ...record, state: record.location?.state },
    ),
  );
  return {
    status: record.status,
    enumerationType: record.enumerationType,
    registryName: record.name,
    registrySpecialties: record.specialties as unknown as Prisma.InputJsonValue,
    registryCity: record.location?.city ?? null,
    registryState: record.location?.state ?? null,
    deactivationDate: record.deactivationDate ?? null,
    differences,
    needsAttention: record.status === 'DEACTIVATED' || differences.length > 0,
    nextAttemptAt: null,
    lastError: null,
  };
}
