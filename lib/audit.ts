import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * The audit log: who did what, when. Append-only (the database refuses UPDATE, DELETE and TRUNCATE).
 * Never put a TIN, a token or a secret in `details`.
 */

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_out',
  'sign_in_refused',
  'tin_reveal',
  'status_change',
  'assignment',
  'note',
  'staff_added',
  'staff_changed',
  'staff_disabled',
  'staff_enabled',
  'mail_retry',
  'export',
  'exclusion_list_loaded',
  'exclusion_list_refused',
  'exclusion_decision',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actor?: { id: string; email: string } | null;
  submissionId?: string | null;
  details?: Prisma.InputJsonObject;
}

type Writer = Pick<Prisma.TransactionClient, 'auditEvent'>;

export async function recordAudit(prisma: Writer, entry: AuditEntry): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      submissionId: entry.submissionId ?? null,
      details: entry.details,
    },
  });
}
