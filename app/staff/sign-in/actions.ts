'use server';

import { headers } from 'next/headers';
import * as z from 'zod/mini';
import { getAuth, signInLinkBucket } from '@/lib/auth/auth';
import { consumeLimit, limitMessage, requestClientAddress } from '@/lib/rate-limit';
import { emailAddress } from '@/lib/validation/fields';
import { log } from '@/lib/log';

export type SignInFormState = { status: 'idle' } | { status: 'invalid'; email: string; error: string } | { status: 'sent'; email: string };

const signInSchema = z.object({ email: emailAddress('Enter your work e-mail address') });

/**
 * Sends a sign-in link if the address has an active staff account. The answer is the same either way, so the
 * page does not tell anyone which addresses have accounts.
 */
export async function sendSignInLink(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const typed = String(formData.get('email') ?? '');
  const parsed = signInSchema.safeParse({ email: typed });
  if (!parsed.success) return { status: 'invalid', email: typed, error: parsed.error.issues[0].message };
  const email = parsed.data.email.toLowerCase();
  // Per client address, then per staff address and client address together: whoever asks for links to a colleague's
  // address from elsewhere uses up their own allowance, not the colleague's.
  const client = await requestClientAddress();
  for (const [name, bucket] of [
    ['staff-sign-in', client],
    ['staff-sign-in-link', signInLinkBucket(email, client)],
  ] as const) {
    const limit = await consumeLimit(name, bucket);
    if (!limit.allowed) return { status: 'invalid', email: typed, error: limitMessage(name, limit.retryAfterMinutes) };
  }
  try {
    const auth = await getAuth();
    await auth.api.signInMagicLink({
      body: { email, callbackURL: '/staff/submissions', errorCallbackURL: '/staff/sign-in' },
      headers: await headers(),
    });
  } catch (error) {
    log().error({ event: 'sign_in_link_failed', err: (error as Error).message }, 'could not send a sign-in link');
    return { status: 'invalid', email: typed, error: 'Sorry, we could not send a link just now. Please try again in a minute.' };
  }
  return { status: 'sent', email };
}
