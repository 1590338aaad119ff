'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';
import { requireStaff } from '@/lib/auth/session';

/** Ends the session (better-auth deletes it; the audit log records the sign-out) and goes to the sign-in page. */
export async function signOut(): Promise<void> {
  await requireStaff('viewer');
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect('/staff/sign-in?signedOut=1');
}
