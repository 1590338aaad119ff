import { expect, test, type APIRequestContext } from '@playwright/test';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { isJs } from './helpers';

/**
 * The public form pages are answered from a template of what Next rendered a moment ago (scripts/page-templates.mjs,
 * decision 019): every answer still has its own nonce, on every script, and its own one-time submission key.
 */

const FORM_PAGES = SUBMISSION_KINDS.map((kind) => KINDS[kind].form.path);

async function answer(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const reply = await request.get(path, { headers: { accept: 'text/html', ...headers } });
  expect(reply.status()).toBe(200);
  const html = await reply.text();
  const nonce = /'nonce-([^']+)'/.exec(reply.headers()['content-security-policy'])![1];
  const key = /name="submissionKey" value="([^"]+)"/.exec(html)?.[1];
  return { html, nonce, key };
}

test.describe('page templates', () => {
  test.beforeEach(({}, testInfo) => test.skip(isJs(testInfo), 'the answers are the same for both projects'));

  for (const path of [...FORM_PAGES, '/status']) {
    test(`${path}: each answer has its own nonce on every script, and its own submission key`, async ({ request }) => {
      const answers = [];
      // The first may render (or come from an earlier test's template), the others come from the template; compressed or not.
      for (const encoding of ['identity', 'gzip', 'identity', 'gzip'])
        answers.push(await answer(request, path, { 'accept-encoding': encoding }));
      expect(new Set(answers.map(({ nonce }) => nonce)).size).toBe(answers.length);
      for (const { html, nonce } of answers) {
        const scriptNonces = [...html.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((match) => match[1]);
        expect(scriptNonces.length).toBeGreaterThan(0);
        expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      }
      if (path === '/status') return; // no submission key: a look-up stores nothing
      const keys = answers.map(({ key }) => key!);
      expect(keys.every((key) => /^[0-9a-f-]{36}$/.test(key))).toBe(true);
      expect(new Set(keys).size).toBe(answers.length);
      for (const [index, { html }] of answers.entries()) {
        // In the form and in React's payload, and no other answer's key.
        expect(html.split(keys[index])).toHaveLength(3);
        for (const other of keys.filter((_, at) => at !== index)) expect(html).not.toContain(other);
      }
    });
  }

  test('a client cannot choose the submission key, nor the request id', async ({ request }) => {
    const forged = '11111111-1111-4111-8111-111111111111';
    for (let round = 0; round < 2; round++) {
      const reply = await request.get(FORM_PAGES[0], {
        headers: { 'x-provider-intake-submission-key': forged, 'x-request-id': forged },
      });
      expect(await reply.text()).not.toContain(forged);
      expect(reply.headers()['x-request-id']).not.toBe(forged);
    }
  });

  test('with a query, or as a client-side navigation, the page is rendered by Next', async ({ request }) => {
    const { html } = await answer(request, '/status?reference=NCR-4D6F8H2K');
    expect(html).toContain('value="NCR-4D6F8H2K"');
    const { html: empty } = await answer(request, '/status');
    expect(empty).not.toContain('NCR-4D6F8H2K');
    // A client-side navigation asks for React's payload alone: never the template's HTML.
    const navigation = await request.get(FORM_PAGES[0], { headers: { rsc: '1' } });
    expect(navigation.headers()['content-type']).toContain('text/x-component');
  });
});
