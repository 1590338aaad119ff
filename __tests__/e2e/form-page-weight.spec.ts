import { expect, test } from '@playwright/test';
import { KINDS, SUBMISSION_KINDS } from '@/lib/intake/kinds';
import { specialties } from '@/lib/taxonomy';
import { optionLabels } from '@/lib/taxonomy/catalog';
import { isJs } from './helpers';

/** Issue 16 and decision 017: every public form page's HTML is at most 60 KB, as the server sends it (before gzip). */
const MAX_HTML_BYTES = 60 * 1024;
const FORM_PAGES = [...SUBMISSION_KINDS.map((kind) => KINDS[kind].form.path), '/status'];

test.describe('form page weight', () => {
  for (const path of FORM_PAGES) {
    test(`${path} is at most 60 KB of HTML`, async ({ request }, testInfo) => {
      test.skip(isJs(testInfo), 'the HTML is the same for both projects');
      const reply = await request.get(path, { headers: { accept: 'text/html', 'accept-encoding': 'identity' } });
      expect(reply.status()).toBe(200);
      const bytes = (await reply.body()).length;
      expect(bytes, `${path} is ${bytes} bytes`).toBeLessThanOrEqual(MAX_HTML_BYTES);
    });
  }

  test('the no-JS specialty select offers every NUCC specialty, and the list is not sent twice', async ({ page, request }, testInfo) => {
    test.skip(isJs(testInfo), 'the native select is what a browser without JavaScript uses');
    const every = specialties();
    await page.goto('/contract-request');
    const select = page.locator('select#field-taxonomyCode');
    await expect(select).toHaveAttribute('name', 'taxonomyCode');
    const offered = await select.evaluate((element: HTMLSelectElement) =>
      [...element.options].map((option) => ({
        value: option.value,
        label: option.text,
        grouping: option.parentElement instanceof HTMLOptGroupElement ? option.parentElement.label : '',
      })),
    );
    expect(offered[0]).toEqual({ value: '', label: 'Choose a specialty', grouping: '' });
    // Each option posts its label, which names one code (the server maps it back: lib/taxonomy, postedSpecialtyCode).
    const labels = optionLabels(every);
    expect(offered.slice(1)).toEqual(every.map(({ code, grouping }) => ({ value: labels.get(code), label: labels.get(code), grouping })));

    // Once in the page: the combobox fetches its catalog after hydration instead of finding it in React's payload.
    const html = await (await request.get('/contract-request')).text();
    const sample = every.find(({ display }) => display.startsWith('Student in an Organized'))!;
    expect(html.split(sample.display)).toHaveLength(2);
    expect(html).not.toContain(sample.code);
  });
});
