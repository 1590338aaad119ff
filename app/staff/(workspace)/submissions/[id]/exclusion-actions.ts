'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { DecisionError, DECISION_LABELS, recordExclusionDecision } from '@/lib/exclusions/decisions';
import type { ExclusionDecisionKind } from '@/lib/generated/prisma/enums';

/** A reviewer's decision on a possible exclusion (lib/exclusions/decisions.ts). Checks the session and role itself, first. */

export type DecisionState =
  | { status: 'idle' }
  | { status: 'done'; message: string; at: number }
  | { status: 'error'; message: string; field?: 'decision' | 'reason'; values: { decision: string; reason: string } };

const text = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();

export async function decideExclusion(_previous: DecisionState, formData: FormData): Promise<DecisionState> {
  const staff = await requireStaff('reviewer');
  const id = text(formData, 'id');
  const entryKey = text(formData, 'entryKey');
  const values = { decision: text(formData, 'decision'), reason: text(formData, 'reason').replace(/\r\n?/g, '\n') };
  if (!/^[0-9a-f-]{36}$/.test(id) || !/^[0-9a-f]{64}$/.test(entryKey))
    return { status: 'error', message: 'This form is out of date: reload the page.', values };
  if (!Object.hasOwn(DECISION_LABELS, values.decision))
    return { status: 'error', message: 'Choose Same provider or Not the same provider.', field: 'decision', values };
  const decision = values.decision as ExclusionDecisionKind;
  try {
    await recordExclusionDecision(await db(), staff, { submissionId: id, entryKey, decision, reason: values.reason });
  } catch (error) {
    if (error instanceof DecisionError) return { status: 'error', message: error.message, field: error.field, values };
    throw error;
  }
  revalidatePath(`/staff/submissions/${id}`);
  return { status: 'done', message: `Recorded: ${DECISION_LABELS[decision]}.`, at: Date.now() };
}
