// Page templates (decision 019): the public form pages are the same for every visitor but for two values, the CSP nonce
// of the answer and the form's one-time submission key, and both are drawn by scripts/server.mjs before Next renders
// (lib/request-preparation.ts). So the server keeps the HTML Next rendered for the last such request, for a minute,
// and answers the next ones from it with their own nonce and key put in place of that request's. Both are random
// (128 bits or more), so they are found nowhere else in the page. What may change with the day (the clinic update
// form's date range) is at most a minute late; what changes with a deployment comes with the restart.
import { gzip } from 'node:zlib';

/** How long a template serves: long enough that Next renders each page once a minute under load, short for dates. */
const TEMPLATE_MS = 60_000;

/** Headers of the answer that are not the page's own: set for each answer, by HTTP or by the server. */
const NOT_KEPT = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);

/** @typedef {{ page: string; nonce: string; submissionKey: string }} TemplateRequest */
/** @typedef {{ parts: string[][]; headers: Array<[string, string | string[]]>; madeAt: number }} Template */

export function pageTemplates() {
  /** @type {Map<string, Template>} */
  const templates = new Map();

  return {
    /**
     * Answers from the page's template with this request's nonce and key; false when there is none or it is too old,
     * and Next should render (then `record` that answer).
     * @param {import('node:http').IncomingMessage} request
     * @param {import('node:http').ServerResponse} response
     * @param {TemplateRequest} wanted
     */
    serve(request, response, wanted) {
      const template = templates.get(wanted.page);
      if (!template || Date.now() - template.madeAt > TEMPLATE_MS) return false;
      // The page split at each nonce, each piece of it at each key: joined again with this request's.
      const html = template.parts.map((pieces) => pieces.join(wanted.submissionKey)).join(wanted.nonce);
      for (const [name, value] of template.headers) response.setHeader(name, value);
      const send = (body, encoding) => {
        if (encoding) response.setHeader('content-encoding', encoding);
        response.setHeader('content-length', body.length);
        response.writeHead(200);
        response.end(body);
      };
      const plain = Buffer.from(html);
      // Compressed on libuv's threads, not this one (about 0.7 ms for the largest page); uncompressed if that fails.
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        gzip(plain, (error, zipped) => (error ? send(plain) : send(zipped, 'gzip')));
      } else send(plain);
      return true;
    },

    /**
     * Keeps Next's answer to this request as the page's template, if it is a whole, plain 200 that carries the nonce.
     * Asked for uncompressed (the template must be text), so this one answer goes out uncompressed.
     * @param {import('node:http').IncomingMessage} request
     * @param {import('node:http').ServerResponse} response
     * @param {TemplateRequest} wanted
     * @param {Set<string>} ownHeaders the headers the server sets on every answer itself (lower case)
     */
    record(request, response, wanted, ownHeaders) {
      delete request.headers['accept-encoding'];
      /** @type {Buffer[]} */
      const chunks = [];
      const keep = (chunk, encoding) => {
        if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
      };
      const write = response.write;
      const end = response.end;
      response.write = function (chunk, encoding, ...rest) {
        keep(chunk, encoding);
        return write.call(this, chunk, encoding, ...rest);
      };
      response.end = function (chunk, encoding, ...rest) {
        keep(chunk, encoding);
        return end.call(this, chunk, encoding, ...rest);
      };
      response.on('finish', () => {
        if (response.statusCode !== 200 || response.hasHeader('set-cookie') || response.hasHeader('content-encoding')) return;
        const html = Buffer.concat(chunks).toString('utf8');
        if (!html.includes(wanted.nonce)) return;
        const headers = Object.entries(response.getHeaders())
          .filter(([name]) => !NOT_KEPT.has(name) && !ownHeaders.has(name))
          .map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]);
        templates.set(wanted.page, {
          parts: html.split(wanted.nonce).map((piece) => piece.split(wanted.submissionKey)),
          headers,
          madeAt: Date.now(),
        });
      });
    },
  };
}
