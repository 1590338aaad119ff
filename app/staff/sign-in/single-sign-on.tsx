import { isSingleSignOnConfigured } from '@/lib/auth/auth';

/**
 * The single sign-on button, only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are all set (otherwise
 * nothing: the page offers the e-mailed link alone). A plain form post to the start route, so it works without
 * JavaScript.
 */
export function SingleSignOn() {
  if (!isSingleSignOnConfigured()) return null;
  return (
    <>
      <form method="post" action="/staff/sign-in/sso">
        <button type="submit" className="button">
          Sign in with single sign-on
        </button>
      </form>
      <h2>Or sign in with a link by e-mail</h2>
    </>
  );
}
