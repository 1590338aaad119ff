import { env } from '@/lib/env';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { EXCLUSION_UPLOAD_PATH, MAX_EXCLUSION_UPLOAD_BYTES } from '@/lib/exclusions/upload';
import { log, loggablePath } from '@/lib/log';
import { BASELINE_HEADERS, securityHeaders } from '@/lib/security-headers';

/**
 * What every request gets before Next sees it (decision 019): a request id (ours, never the client's; logged, one JSON
 * line a request, and carried into the mail it writes, outbox_message.request_id), a fresh CSP nonce, and the security
 * headers of its answer (lib/security-headers.ts). An oversized post is refused with a clear 413 page before it reaches
 * a Server Action (Next answers an action body over its limit with a 500).
 *
 * scripts/server.mjs, Node's HTTP server around Next's handler, calls this for each request: it is handed over
 * through one global when the app starts (instrumentation.ts), since that script is plain JavaScript outside the app's
 * build. Doing it there rather than in a Next proxy saves Next's building of a request and a response object for
 * every answer (about 0.75 ms of CPU a request, decision 017).
 */

/** Largest body a real form post can be: the free-text fields top out far below this. */
export const MAX_BODY_BYTES = 1_000_000;

export interface PreparedRequest {
  /** Headers the request carries into Next: the nonce is read from its policy, and Next puts it on its scripts. */
  requestHeaders: Record<string, string>;
  /** Headers of the answer, whatever it is. */
  responseHeaders: Readonly<Record<string, string>>;
  /** A post too large to be a form: answer this page with a 413 instead of handing the request to Next. */
  tooLarge?: string;
  /**
   * A public page that may be answered from its template (scripts/page-templates.mjs, decision 019): this answer's
   * nonce, and the one-time submission key its form carries (lib/submission-key.ts reads it from SUBMISSION_KEY_HEADER).
   */
  template?: { page: string; nonce: string; submissionKey: string };
}

/**
 * The pages answered from a template: the same for every visitor but for the nonce and the form's one-time key, when
 * asked for without a query (a query can change what they show). Each public form, and the status page's empty form.
 */
const TEMPLATED_PAGES = new Set([...SUBMISSION_KINDS.map((kind) => KINDS[kind].form.path), '/status']);

/** Where scripts/server.mjs hands a templated page its submission key; a client's own is dropped. */
export const SUBMISSION_KEY_HEADER = 'x-provider-intake-submission-key';

export interface RequestLine {
  method: string;
  /** The request target as the client sent it: the path, and any query (never logged: a link's query can hold a key). */
  url: string;
  /** The Content-Length header, if any. */
  contentLength: string | undefined;
}

/** Next's build output and the icon: the fixed headers only; no id, no nonce, no log line. */
function isStaticFile(pathname: string): boolean {
  return pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image') || pathname === '/favicon.ico';
}

/** The largest body a post to this path may carry: the exclusion list's upload takes the OIG's whole file. */
function bodyLimit(pathname: string): number {
  return pathname === EXCLUSION_UPLOAD_PATH ? MAX_EXCLUSION_UPLOAD_BYTES : MAX_BODY_BYTES;
}

const TOO_LARGE_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error: too much data – Provider Intake</title></head>' +
  '<body><main><h1>That was too much data to send</h1><p>A form on this site is never more than 1 MB. ' +
  'Go back, shorten the longest answers, and send it again.</p></main></body></html>';

export function prepareRequest({ method, url, contentLength }: RequestLine): PreparedRequest {
  const query = url.indexOf('?');
  const pathname = query < 0 ? url : url.slice(0, query);
  if (isStaticFile(pathname)) return { requestHeaders: {}, responseHeaders: BASELINE_HEADERS };
  const { APP_URL, OIDC_ISSUER, NODE_ENV } = env();
  const requestId = crypto.randomUUID();
  log().info({ event: 'request', requestId, method, path: loggablePath(pathname) }, 'request');
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders({
    nonce,
    appUrl: APP_URL,
    formTargets: OIDC_ISSUER ? [new URL(OIDC_ISSUER).origin] : [],
    isDevelopment: NODE_ENV === 'development',
  });
  const prepared: PreparedRequest = {
    requestHeaders: { 'content-security-policy': headers['Content-Security-Policy'], 'x-request-id': requestId },
    responseHeaders: { ...headers, 'X-Request-Id': requestId },
  };
  if (method === 'POST' && Number(contentLength ?? '0') > bodyLimit(pathname)) prepared.tooLarge = TOO_LARGE_PAGE;
  if (method === 'GET' && query < 0 && TEMPLATED_PAGES.has(pathname)) {
    const submissionKey = crypto.randomUUID();
    prepared.requestHeaders[SUBMISSION_KEY_HEADER] = submissionKey;
    prepared.template = { page: pathname, nonce, submissionKey };
  }
  return prepared;
}

/** Keep in step with PREPARE_MARK in scripts/server.mjs. */
const PREPARE_MARK = Symbol.for('provider-intake.prepare-request');

/** Called once as the app starts (instrumentation.ts): scripts/server.mjs prepares every request with this from now on. */
export function handRequestPreparationToServer(): void {
  (globalThis as Record<symbol, unknown>)[PREPARE_MARK] = prepareRequest;
}
