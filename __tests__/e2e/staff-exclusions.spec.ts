import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { fillerRows, leieBusiness, leieCsv, leiePerson } from '../fixtures/leie';
import { applicant, expectConfirmation, expectNoAxeViolations, fillForm, isJs, openForm } from './helpers';
import { STAFF, queueReferences, signIn, submissionIdOf } from './staff-helpers';

/**
 * The exclusion list (issue 15) in the browser, with JavaScript on and off: an admin loads the LEIE file at
 * /staff/exclusions (a malformed one is refused with its line, the list in use stays), the open submissions are
 * screened again, and a reviewer sees the Possible exclusion block on the submission's page, finds it with the queue's
 * filter and records Not the same provider. axe on each page and state.
 */

test.describe.configure({ mode: 'serial' });

let reference: string;
let clinicName: string;

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const js = isJs(testInfo);
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL });
  try {
    const page = await context.newPage();
    // A name of its own, in Oregon, so that only this submission matches the list loaded below.
    const data = applicant();
    clinicName = data.providerName;
    await openForm(page, js);
    await fillForm(page, js, data);
    await page.getByRole('button', { name: 'Submit request' }).click();
    reference = await expectConfirmation(page);
  } finally {
    await context.close();
  }
});

function file(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

test('an admin loads the LEIE file: a malformed one is refused with its line, a good one replaces the list', async ({ page }, testInfo) => {
  const js = isJs(testInfo);
  await signIn(page, STAFF.admin.email);
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Exclusion list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exclusion list' })).toBeVisible();
  await expectNoAxeViolations(page, js);

  const upload = page.getByLabel('LEIE file (UPDATED.csv)');
  await upload.setInputFiles(file('broken.csv', leieCsv([leiePerson(), leiePerson({ exclDate: '2019-03-20' })])));
  await page.getByRole('button', { name: 'Load this file' }).click();
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
  await expect(summary).toContainText('broken.csv was refused, and the list in use is unchanged.');
  await expect(summary).toContainText('Line 3: EXCLDATE is "2019-03-20", not a date written YYYYMMDD (00000000 for none).');
  await expect(page).toHaveTitle(/^Error: Exclusion list/);
  await expect(page.getByRole('table', { name: /Recent loads/ })).toContainText('broken.csv');
  await expectNoAxeViolations(page, js);

  const text = leieCsv([
    leieBusiness({ busName: `${clinicName.toUpperCase()}, LLC`, state: 'OR' }),
    // The same name in Washington is a near miss.
    leieBusiness({ busName: clinicName.toUpperCase(), state: 'WA', exclDate: '20200101' }),
    ...fillerRows(300),
  ]);
  await upload.setInputFiles(file('UPDATED.csv', text));
  await page.getByRole('button', { name: 'Load this file' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Loaded UPDATED.csv' });
  await expect(status).toContainText('Loaded UPDATED.csv: 302 entries.');
  await expect(status).toContainText(/open submissions screened again: \d+ flagged Possible exclusion/);
  const current = page.locator('dl.details');
  await expect(current).toContainText('UPDATED.csv');
  await expect(current).toContainText('302');
  await expect(current).toContainText(createHash('sha256').update(text).digest('hex'));
  await expect(current).toContainText(STAFF.admin.email);
  await expectNoAxeViolations(page, js);
});

test('a reviewer sees the Possible exclusion block, finds it by the queue filter, and records Not the same provider', async ({
  page,
}, testInfo) => {
  const js = isJs(testInfo);
  await signIn(page, STAFF.reviewer.email);
  await page.goto('/staff/submissions?exclusion=possible');
  expect(await queueReferences(page)).toContain(reference);
  // The row says so too, filter or not.
  await page.goto(`/staff/submissions?q=${encodeURIComponent(reference)}`);
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText('Possible exclusion');
  await expectNoAxeViolations(page, js);

  const id = await submissionIdOf(page, reference);
  await page.goto(`/staff/submissions/${id}`);
  const block = page.getByRole('region', { name: 'Exclusion list' });
  await expect(block).toContainText('Possible exclusion');
  const entry = block.getByRole('article', { name: `${clinicName.toUpperCase()}, LLC` });
  await expect(entry).toContainText(`Provider: same organisation name in OR, ${clinicName}`);
  await expect(entry).toContainText('1128b7');
  await expect(entry).toContainText('June 15, 2021');
  await expect(entry).toContainText('Not decided yet');
  await expectNoAxeViolations(page, js);

  // No reason: refused, what was chosen kept.
  await entry.getByRole('radio', { name: 'Not the same provider' }).check();
  await entry.getByRole('button', { name: 'Record decision' }).click();
  const refreshed = page.getByRole('region', { name: 'Exclusion list' }).getByRole('article', { name: `${clinicName.toUpperCase()}, LLC` });
  await expect(refreshed.getByText('Give the reason (at least 5 characters).')).toBeVisible();
  await expect(refreshed.getByRole('radio', { name: 'Not the same provider' })).toBeChecked();
  await expectNoAxeViolations(page, js);

  await refreshed.getByLabel('Reason').fill('Different TIN and owner; the excluded company is in another city.');
  await refreshed.getByRole('button', { name: 'Record decision' }).click();
  if (js)
    await expect(page.getByRole('region', { name: 'Exclusion list' }).getByRole('status')).toContainText(
      'Recorded: Not the same provider.',
    );
  else await page.goto(`/staff/submissions/${id}`);
  const decided = page.getByRole('region', { name: 'Exclusion list' });
  await expect(decided).toContainText(`Not the same provider: ${STAFF.reviewer.email}`);
  await expect(decided).toContainText('Every entry of the exclusion list that matched was found not to be this provider.');
  await expectNoAxeViolations(page, js);

  await page.goto('/staff/submissions?exclusion=possible');
  expect(await queueReferences(page)).not.toContain(reference);
});

test('a file the size of the real one (over 10 MB) goes through the upload', async ({ page }, testInfo) => {
  test.skip(!isJs(testInfo), 'the same form post with JavaScript off: once is enough for the size');
  test.setTimeout(180_000);
  const text = leieCsv(fillerRows(80_000, 9));
  expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024);
  await signIn(page, STAFF.admin.email);
  await page.goto('/staff/exclusions');
  await page.getByLabel('LEIE file (UPDATED.csv)').setInputFiles(file('UPDATED.csv', text));
  await page.getByRole('button', { name: 'Load this file' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loaded UPDATED.csv' })).toContainText('80,000 entries', { timeout: 120_000 });
  await expect(page.locator('dl.details')).toContainText(createHash('sha256').update(text).digest('hex'));
});
