import { NextResponse, type NextRequest } from 'next/server';

/** Largest body a real form post can be: the free-text fields top out far below this. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Refuses oversized posts with a clear 413 page, before they reach a Server Action
 * (Next answers an action body over its limit with a 500).
 */
export function proxy(request: NextRequest) {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (request.method === 'POST' && length > MAX_BODY_BYTES) {
    return new NextResponse(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error: too much data – Provider Intake</title></head>' +
        '<body><main><h1>That was too much data to send</h1><p>A form on this site is never more than 1 MB. ' +
        'Go back, shorten the longest answers, and send it again.</p></main></body></html>',
      { status: 413, headers: { 'content-type': 'text/html; charset=utf-8', connection: 'close' } },
    );
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
