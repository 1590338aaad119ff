import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth, SSO_PROVIDER_ID } from '@/lib/auth/auth';

/**
 * The only better-auth endpoints the web may reach: where the e-mailed link's button lands, and the identity
 * provider's way back. Everything else better-auth serves (get-session, list-sessions, update-user, sign-in by
 * API…) is refused here, deny by default: the app calls better-auth from the server (auth.api) instead, behind
 * lib/auth/session.ts's rules (the 30-minute idle limit among them), which these endpoints would not apply.
 */
const REACHABLE = new Set([
  'GET /api/auth/magic-link/verify',
  `GET /api/auth/callback/${SSO_PROVIDER_ID}`,
  // An identity provider answering with response_mode=form_post.
  `POST /api/auth/callback/${SSO_PROVIDER_ID}`,
]);

const handler = async (request: Request) => {
  if (!REACHABLE.has(`${request.method} ${new URL(request.url).pathname}`)) {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  return toNextJsHandler(await getAuth())[request.method === 'GET' ? 'GET' : 'POST'](request);
};

export const GET = handler;
export const POST = handler;
