'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/session';
import { retryMail } from '@/lib/staff/mail-console';
import { WorkError } from '@/lib/staff/work';

export type RetryState = { status: 'idle' } | { status: 'queued' } | { status: 'error'; message: string };

/** Retry on a failed message, from the mail console or a submission's page. Checks the session and role itself. */
export async function retryOutboxMessage(_previous: RetryState, formData: FormData): Promise<RetryState> {
  const staff = await requireStaff('reviewer');
  const id = String(formData.get('id') ?? '');
  if (!/^[0-9a-f-]{36}$/.test(id)) return { status: 'error', message: 'This form is out of date: reload the page.' };
  try {
    await retryMail(staff, id);
  } catch (error) {
    if (error instanceof WorkError) return { status: 'error', message: error.message };
    throw error;
  }
  revalidatePath('/staff/outbox');
  revalidatePath('/staff/submissions/[id]', 'page');
  return { status: 'queued' };
}
