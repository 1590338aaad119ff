import { expect, test } from '@playwright/test';
import { FAKE_NPIS } from '../helpers/fake-registry';
import {
  applicant,
  expectConfirmation,
  expectNoAxeViolations,
  fillForm,
  isJs,
  openForm,
  physicalAddress,
  specialtyCombobox,
} from './helpers';
import { openClinicForm } from './clinic-helpers';
import { openUpdateForm } from './clinic-update-helpers';
import { STAFF, queueReferences, signIn, submissionIdOf } from './staff-helpers';

/**
 * The NPI registry check (issue 15) in the browser, against the fake registry the Playwright config starts
 * (NPPES_API_URL): the form's registry panel with JavaScript, the unchanged form without it, and the staff block.
 */

test.describe('the registry panel on the contract request form', () => {
  test('with JavaScript, leaving a valid NPI shows the registry’s details, and Use these details fills only empty fields', async ({
    page,
  }, testInfo) => {
    test.skip(!isJs(testInfo), 'the panel needs JavaScript');
    await openForm(page, true);
    await page.getByLabel('Provider or clinic name').fill('Dr. Jane Smith');
    const npi = page.getByLabel('NPI', { exact: true });
    await npi.fill(FAKE_NPIS.individual);
    await npi.press('Tab');

    const panel = page.locator('.registry-lookup');
    await expect(panel).toHaveAttribute('aria-live', 'polite');
    await expect(panel).toContainText(`The NPI registry has for NPI ${FAKE_NPIS.individual}: Jane Q Smith, Family Medicine, Portland, OR.`);
    await expectNoAxeViolations(page, true);

    await panel.getByRole('button', { name: 'Use these details' }).click();
    await expect(panel).toContainText('Filled in from the registry: specialty, physical address.');
    // What was typed stays; the empty fields are filled.
    await expect(page.getByLabel('Provider or clinic name')).toHaveValue('Dr. Jane Smith');
    await expect(specialtyCombobox(page)).toHaveValue('Family Medicine');
    await expect(page.locator('input[type="hidden"][name="taxonomyCode"]')).toHaveValue('207Q00000X');
    const address = physicalAddress(page);
    await expect(address.getByLabel('Street address')).toHaveValue('1200 SE Division St');
    await expect(address.getByLabel('Address line 2 (optional)')).toHaveValue('Suite 4');
    await expect(address.getByLabel('City')).toHaveValue('Portland');
    await expect(address.getByLabel('State')).toHaveValue('OR');
    await expect(address.getByLabel('ZIP code')).toHaveValue('97202-1234');

    // Using them again fills nothing: every one of those fields has an answer now.
    await panel.getByRole('button', { name: 'Use these details' }).click();
    await expect(panel).toContainText('Nothing was filled in: those fields already have answers, and yours are kept.');

    // The filled details are accepted as they are.
    await page.getByLabel('Phone', { exact: true }).fill('(503) 555-0123');
    await page.getByLabel('E-mail').fill('jane.smith@rosecity.example');
    await page.getByLabel('TIN', { exact: true }).fill('12-3456789');
    await page.getByLabel('My DMAP enrollment is pending').check();
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expectConfirmation(page);
  });

  test('with JavaScript, an NPI the registry does not know says so, and the form can still be sent', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'the panel needs JavaScript');
    await openForm(page, true);
    const npi = page.getByLabel('NPI', { exact: true });
    await npi.fill(FAKE_NPIS.notFound);
    await npi.press('Tab');
    await expect(page.locator('.registry-lookup')).toContainText(
      `The NPI registry has no provider with NPI ${FAKE_NPIS.notFound}. Check the number; you can still send the form.`,
    );
    await expect(page.getByRole('button', { name: 'Use these details' })).toHaveCount(0);
  });

  test('without JavaScript the form is unchanged: no registry panel, nothing asked', async ({ page }, testInfo) => {
    test.skip(isJs(testInfo), 'the no-JS form');
    await openForm(page, false);
    await page.getByLabel('NPI', { exact: true }).fill(FAKE_NPIS.individual);
    await page.getByLabel('NPI', { exact: true }).press('Tab');
    await expect(page.locator('.registry-lookup')).toHaveCount(0);
    await expect(page.locator('[aria-live]')).toHaveCount(0);
    await expect(page.getByText('NPI registry')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Use these details' })).toHaveCount(0);
  });
});

test.describe('the registry panel on the clinic forms', () => {
  for (const [form, open] of [
    ['clinic alert e-mails', openClinicForm],
    ['clinic update', openUpdateForm],
  ] as const) {
    test(`${form}: the clinic NPI shows the registry's details; Use these details fills an empty clinic name, never a typed one`, async ({
      page,
    }, testInfo) => {
      test.skip(!isJs(testInfo), 'the panel needs JavaScript');
      await open(page, true);
      const npi = page.getByLabel('Clinic NPI');
      await npi.fill(FAKE_NPIS.organization);
      await npi.press('Tab');
      const panel = page.locator('.registry-lookup');
      await expect(panel).toContainText(
        `The NPI registry has for NPI ${FAKE_NPIS.organization}: Rose City Family Clinic LLC, Family Medicine, Portland, OR.`,
      );
      await expectNoAxeViolations(page, true);
      await panel.getByRole('button', { name: 'Use these details' }).click();
      await expect(page.getByLabel('Clinic name')).toHaveValue('Rose City Family Clinic LLC');
      await expect(panel).toContainText('Filled in from the registry: name.');

      await page.getByLabel('Clinic name').fill('Rose City Clinic');
      await panel.getByRole('button', { name: 'Use these details' }).click();
      await expect(panel).toContainText('Nothing was filled in');
      await expect(page.getByLabel('Clinic name')).toHaveValue('Rose City Clinic');
    });
  }
});

test('the API answers only a valid NPI, and never caches in the browser', async ({ request }) => {
  expect((await request.get('/api/npi/1234567890')).status()).toBe(404);
  expect((await request.get('/api/npi/12345')).status()).toBe(404);
  const found = await request.get(`/api/npi/${FAKE_NPIS.organization}`);
  expect(found.status()).toBe(200);
  expect(found.headers()['cache-control']).toBe('no-store');
  expect(await found.json()).toMatchObject({ status: 'found', enumerationType: 'ORGANIZATION', name: 'ROSE CITY FAMILY CLINIC LLC' });
  expect(await (await request.get(`/api/npi/${FAKE_NPIS.notFound}`)).json()).toEqual({ status: 'not-found', npi: FAKE_NPIS.notFound });
  expect((await request.get(`/api/npi/${FAKE_NPIS.errors}`)).status()).toBe(503);
});

test('staff see the Registry check block with each match and difference, and the queue filters on it', async ({ page }, testInfo) => {
  const js = isJs(testInfo);
  const data = applicant({ npi: FAKE_NPIS.individual, providerName: `John Smith ${Date.now()}`, state: 'WA' });
  await openForm(page, js);
  await fillForm(page, js, data);
  await page.getByRole('button', { name: 'Submit request' }).click();
  const reference = await expectConfirmation(page);

  await signIn(page, STAFF.viewer.email);
  const id = await submissionIdOf(page, reference);
  // The check runs once the post is answered: reload until it has arrived.
  await expect(async () => {
    await page.goto(`/staff/submissions/${id}`);
    await expect(page.getByText('Found: an individual (NPI-1).')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const block = page.getByRole('region', { name: 'Registry check' });
  await expect(block.getByRole('heading', { level: 3, name: `Provider NPI: ${FAKE_NPIS.individual}` })).toBeVisible();
  await expect(block).toContainText('2 differences.');
  const table = block.getByRole('table');
  await expect(table.getByRole('row', { name: /^Name/ })).toContainText(`${data.providerName}JANE Q SMITHDifference`);
  await expect(table.getByRole('row', { name: /^Specialty/ })).toContainText(
    'Family Medicine (207Q00000X)Family Medicine (207Q00000X)Match',
  );
  await expect(table.getByRole('row', { name: /^Practice state/ })).toContainText('WAORDifference');
  await expectNoAxeViolations(page, js);

  await page.goto('/staff/submissions?registry=attention');
  await expect(page.getByLabel('NPI registry')).toHaveValue('attention');
  expect(await queueReferences(page)).toContain(reference);
  await page.goto(`/staff/submissions?registry=attention&q=${encodeURIComponent(reference)}`);
  expect(await queueReferences(page)).toEqual([reference]);
  await expect(page.getByRole('row', { name: new RegExp(reference) })).toContainText('Registry: difference or not found');
  await expectNoAxeViolations(page, js);
});
