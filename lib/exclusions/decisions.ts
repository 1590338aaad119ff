import 'server-only';
import { recordAudit } from '@/lib/audit';
import { hasRole, type StaffRole } from '@/lib/auth/roles';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { ExclusionDecisionKind } from '@/lib/generated/prisma/enums';

/**
 * A reviewer's word on a possible exclusion: `Same provider` or `Not the same provider`, with a reason. Kept by the
 * LEIE entry's stable key (entry_key), so it holds across monthly loads; `Not the same provider` clears the flag for
 * that entry. Audited in the same transaction.
 */

export const DECISION_LABELS: Record<ExclusionDecisionKind, string> = {
  SAME_PROVIDER: 'Same provider',
  NOT_SAME_PROVIDER: 'Not the same provider',
};

export const DECISION_REASON_MIN = 5;
export const DECISION_REASON_MAX = 2_000;

export class DecisionError extends Error {
  constructor(
    message: string,
    /** The field the message is about, when it is one. */
    readonly field?: 'reason',
  ) {
    super(message);
  }
}

export interface ExclusionDecisionInput {
  submissionId: string;
  entryKey: string;
  decision: ExclusionDecisionKind;
  reason: string;
}

export async function recordExclusionDecision(
  prisma: PrismaClient,
  actor: { id: string; email: string; role: StaffRole },
  input: ExclusionDecisionInput,
): Promise<void> {
  if (!hasRole(actor.role, 'reviewer')) throw new DecisionError('Only reviewers and admins can decide a possible exclusion.');
  const reason = input.reason.trim();
  if (reason.length < DECISION_REASON_MIN)
    throw new DecisionError(`Give the reason (at least ${DECISION_REASON_MIN} characters).`, 'reason');
  if (reason.length > DECISION_REASON_MAX)
    throw new DecisionError(`A reason is at most ${DECISION_REASON_MAX.toLocaleString('en-US')} characters.`, 'reason');
  await prisma.$transaction(async (tx) => {
    const match = await tx.exclusionMatch.findUnique({
      where: { submissionId_entryKey: { submissionId: input.submissionId, entryKey: input.entryKey } },
      select: { entryKey: true },
    });
    if (!match) throw new DecisionError('This possible exclusion is no longer on the submission: reload the page.');
    const before = await tx.exclusionDecision.findUnique({
      where: { submissionId_entryKey: { submissionId: input.submissionId, entryKey: input.entryKey } },
      select: { decision: true },
    });
    const data = { decision: input.decision, reason, decidedById: actor.id, decidedByEmail: actor.email, decidedAt: new Date() };
    await tx.exclusionDecision.upsert({
      where: { submissionId_entryKey: { submissionId: input.submissionId, entryKey: input.entryKey } },
      create: { submissionId: input.submissionId, entryKey: input.entryKey, ...data },
      update: data,
    });
    await tx.exclusionMatch.update({
      where: { submissionId_entryKey: { submissionId: input.submissionId, entryKey: input.entryKey } },
      data: { cleared: input.decision === 'NOT_SAME_PROVIDER' },
    });
    await recordAudit(tx, {
      action: 'exclusion_decision',
      actor,
      submissionId: input.submissionId,
      details: { entryKey: input.entryKey, decision: input.decision, from: before?.decision ?? null, reason },
    });
  });
}
