import { NextResponse } from 'next/server';
import { getAuth, isSingleSignOnConfigured, SSO_PROVIDER_ID } from '@/lib/auth/auth';
import { env } from '@/lib/env';

/**
 * Starts single sign-on from a plain form post (no JavaScript needed): better-auth answers with the identity
 * provider's address and a state cookie, which go back to the browser as a 303.
 */
export async function POST(request: Request) {
  // Our own address from APP_URL: behind a proxy, request.url is the server's view (http://localhost:…).
  const signIn = `${env().APP_URL}/staff/sign-in`;
  if (!isSingleSignOnConfigured()) return NextResponse.redirect(signIn, 303);
  const auth = await getAuth();
  const { headers, response } = await auth.api.signInSocial({
    body: { provider: SSO_PROVIDER_ID, callbackURL: '/staff/submissions', errorCallbackURL: '/staff/sign-in' },
    headers: request.headers,
    returnHeaders: true,
  });
  if (!response?.url) return NextResponse.redirect(`${signIn}?error=sso`, 303);
  const redirect = NextResponse.redirect(response.url, 303);
  for (const cookie of headers.getSetCookie()) redirect.headers.append('set-cookie', cookie);
  return redirect;
}
