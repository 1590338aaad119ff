import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { log, loggablePath } from '@/lib/log';
import { securityHeaders } from '@/lib/security-headers';

/** Largest body a real form post can be: the free-text fields top out far below this. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Every answer but static files passes here: it gets a request id (logged, one JSON line per request), a fresh CSP
 * nonce and the security headers (lib/security-headers.ts). An oversized post is refused with a clear 413 page, with
 * the same headers, before it reaches a Server Action (Next answers an action body over its limit with a 500).
 */
export function proxy(request: NextRequest) {
  const { APP_URL, OIDC_ISSUER, NODE_ENV } = env();
  // Ours, never the client's: it follows the request into the log lines of the mail it writes (outbox_message.request_id).
  const requestId = crypto.randomUUID();
  log().info({ event: 'request', requestId, method: request.method, path: loggablePath(request.nextUrl.pathname) }, 'request');
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders({
    nonce,
    appUrl: APP_URL,
    formTargets: OIDC_ISSUER ? [new URL(OIDC_ISSUER).origin] : [],
    isDevelopment: NODE_ENV === 'development',
  });

  const length = Number(request.headers.get('content-length') ?? '0');
  if (request.method === 'POST' && length > MAX_BODY_BYTES) {
    return new NextResponse(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error: too much data – Provider Intake</title></head>' +
        '<body><main><h1>That was too much data to send</h1><p>A form on this site is never more than 1 MB. ' +
        'Go back, shorten the longest answers, and send it again.</p></main></body></html>',
      { status: 413, headers: { 'content-type': 'text/html; charset=utf-8', connection: 'close', ...headers } },
    );
  }

  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  requestHeaders.set('x-request-id', requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set('X-Request-Id', requestId);
  return response;
}

export const config = {
  // Not the exclusion list's upload (lib/exclusions/upload.ts, ~15 MB): the proxy would buffer its body (and any
  // other path's) up to experimental.proxyClientMaxBodySize, so that is left at its default and the upload's own
  // route checks the role, then the size, before it reads a byte (docs/decisions/014-exclusion-list.md).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|staff/exclusions/upload$).*)'],
};
