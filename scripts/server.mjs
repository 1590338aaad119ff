// The HTTP server: Next's request handler behind Node's own server, so that the app learns which address each request
// really came from. Next hands the app only headers, and a client writes its own X-Forwarded-For; the socket's peer
// address is the one thing a client cannot choose. This server puts it in the PEER_HEADER of every request (replacing
// any the client sent), and lib/client-address.ts counts rate limits from it and TRUSTED_PROXIES (decision 010).
// It also gives every request its id, CSP nonce and security headers, and refuses an oversized post, with the app's
// own prepareRequest (lib/request-preparation.ts, handed over by instrumentation.ts as the app starts; decision 019).
//
//   node scripts/server.mjs [--dev] [--port 3000] [--hostname 127.0.0.1]
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pageTemplates } from './page-templates.mjs';

/**
 * Keep in step with PEER_HEADER and PEER_MARK in lib/client-address.ts, STATUS_MARK in lib/page-status.ts, PREPARE_MARK in
 * lib/request-preparation.ts.
 */
const PEER_HEADER = 'x-provider-intake-peer';
const PEER_MARK = Symbol.for('provider-intake.peer-header');
const STATUS_MARK = Symbol.for('provider-intake.page-status');
const PREPARE_MARK = Symbol.for('provider-intake.prepare-request');
/** Ours alone: a client's own is dropped (the id follows the request into the logs and the mail it writes). */
const REQUEST_ID_HEADER = 'x-request-id';
/** Keep in step with SUBMISSION_KEY_HEADER in lib/request-preparation.ts: drawn here for a templated page, never the client's. */
const SUBMISSION_KEY_HEADER = 'x-provider-intake-submission-key';

const { values: options } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT || '3000' },
    hostname: { type: 'string' },
  },
});
const port = Number(options.port);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// Next reads NODE_ENV as it loads, as `next start` and `next dev` would have set it.
process.env.NODE_ENV ??= options.dev ? 'development' : 'production';
const { default: next } = await import('next');

// Told before Next loads the app: only a request that came through here carries a peer address to trust.
globalThis[PEER_MARK] = PEER_HEADER;
// A page that renders a "not found" or "not allowed" message asks for its status here (lib/page-status.ts).
const pageStatus = new AsyncLocalStorage();
globalThis[STATUS_MARK] = pageStatus;

const app = next({ dev: options.dev, dir: root, hostname: options.hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

/** @type {(line: { method: string; url: string; contentLength: string | undefined }) => { requestHeaders: Record<string, string>; responseHeaders: Record<string, string>; tooLarge?: string; template?: { page: string; nonce: string; submissionKey: string } }} */
const prepareRequest = globalThis[PREPARE_MARK];
if (typeof prepareRequest !== 'function') {
  console.error(
    '[server] the app did not hand over prepareRequest as it started (instrumentation.ts): refusing to serve without its headers',
  );
  process.exit(1);
}

// The public form pages, answered from what Next rendered for them a moment ago (scripts/page-templates.mjs); not
// under next dev, whose pages change as their code does.
const templates = options.dev ? undefined : pageTemplates();

const server = createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  delete request.headers[REQUEST_ID_HEADER];
  delete request.headers[SUBMISSION_KEY_HEADER];
  const prepared = prepareRequest({
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    contentLength: request.headers['content-length'],
  });
  Object.assign(request.headers, prepared.requestHeaders);
  for (const name in prepared.responseHeaders) response.setHeader(name, prepared.responseHeaders[name]);
  if (prepared.tooLarge) {
    response.writeHead(413, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
    response.end(prepared.tooLarge);
    return;
  }
  // Not a client-side navigation (which asks for React's payload alone, by header).
  if (templates && prepared.template && !request.headers.rsc) {
    if (templates.serve(request, response, prepared.template)) return;
    templates.record(
      request,
      response,
      prepared.template,
      new Set(Object.keys(prepared.responseHeaders).map((name) => name.toLowerCase())),
    );
  }
  const asked = {};
  const writeHead = response.writeHead;
  response.writeHead = function (status, ...rest) {
    return writeHead.call(this, status === 200 && asked.status ? asked.status : status, ...rest);
  };
  pageStatus.run(asked, () => void handle(request, response));
});
server.on('error', (error) => {
  console.error(`[server] cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, options.hostname, () => {
  console.info(`[server] ready on http://${options.hostname ?? 'localhost'}:${port}${options.dev ? ' (development)' : ''}`);
});
