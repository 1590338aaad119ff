import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Sign in – Provider Intake' };

/**
 * Where the e-mailed sign-in link lands. Signing in takes a press of the button, so a mail scanner that opens
 * the link does not use it up.
 */
export default async function SignInLinkPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1>Sign in to Provider Intake</h1>
      {token ? (
        <form method="get" action="/api/auth/magic-link/verify">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="callbackURL" value="/staff/submissions" />
          <input type="hidden" name="errorCallbackURL" value="/staff/sign-in" />
          <p>This link works once, for 10 minutes after it was sent.</p>
          <button type="submit" className="button">
            Sign in
          </button>
        </form>
      ) : (
        <p>
          This link is incomplete. <a href="/staff/sign-in">Ask for a new sign-in link</a>.
        </p>
      )}
    </>
  );
}
