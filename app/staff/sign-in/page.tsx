import { redirect } from 'next/navigation';
import { getStaff } from '@/lib/auth/session';
import { SignInForm } from './form';
import { SingleSignOn } from './single-sign-on';

/** Why the last attempt failed, from better-auth's error redirects (`?error=`). */
const PROBLEMS: Record<string, string> = {
  INVALID_TOKEN: 'That sign-in link has expired or has already been used. Ask for a new one below.',
  EXPIRED_TOKEN: 'That sign-in link has expired. Ask for a new one below.',
  new_user_signup_disabled: 'That address has no staff account. Ask a Provider Intake admin to add you.',
  signup_disabled: 'Your single sign-on account has no staff account here. Ask a Provider Intake admin to add you.',
  failed_to_create_session: 'Your staff account is disabled. Ask a Provider Intake admin if you need access.',
  unable_to_create_session: 'Your staff account is disabled. Ask a Provider Intake admin if you need access.',
  // Single sign-on links a staff account only to a verified address, and to one identity at the provider.
  account_not_linked:
    'Your identity provider has not confirmed that this e-mail address is yours, so single sign-on cannot use it. Ask for a sign-in link below.',
  unable_to_link_account:
    'Single sign-on cannot be used for this staff account: it is tied to another identity at your provider, or its address is not in a domain allowed for single sign-on. Ask a Provider Intake admin, or ask for a sign-in link below.',
  // The identity provider's answer when the person pressed Cancel there, or when it does not let them use this app.
  access_denied: 'Single sign-on was cancelled or refused, so you are not signed in. Try again, or ask for a sign-in link below.',
};
const GENERIC_PROBLEM = 'Sign-in did not work. Please try again.';

export default async function StaffSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; signedOut?: string; ended?: string }>;
}) {
  if (await getStaff()) redirect('/staff/submissions');
  const { error, signedOut, ended } = await searchParams;
  const problem = error ? (PROBLEMS[error] ?? GENERIC_PROBLEM) : undefined;
  return (
    <>
      <h1>Staff sign-in</h1>
      <p className="lead">For CareOregon staff who review provider requests.</p>
      {signedOut && !problem && (
        <div className="panel panel--notice" role="status">
          You have signed out.
        </div>
      )}
      {ended && !signedOut && !problem && (
        <div className="panel panel--notice" role="status">
          Your session has ended, so you need to sign in again. Sessions end after 30 minutes without activity, and 12 hours after signing
          in.
        </div>
      )}
      {problem && (
        <div className="panel panel--warning" role="alert">
          {problem}
        </div>
      )}
      <SingleSignOn />
      {/* The form renders the page's <title>: "Error: " when the last attempt or the address typed went wrong. */}
      <SignInForm hasProblem={Boolean(problem)} />
    </>
  );
}
