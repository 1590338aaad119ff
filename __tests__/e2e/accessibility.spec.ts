import { expect, test } from '@playwright/test';
import {
  ADDED_QUESTIONS_NOTICE,
  CHANGE_KINDS,
  addProvider,
  changeBox,
  chooseChanges,
  clinicUpdate,
  errorSummary,
  fillUpdateForm,
  fillWho,
  openUpdateForm,
  section,
  sendButton,
  sendUpdate,
} from './clinic-update-helpers';
import { INVALID_NPI, applicant, expectConfirmation, expectNoAxeViolations, fillForm, isJs, openForm } from './helpers';

/** axe-core with the WCAG 2.0 and 2.1 A and AA rules, on every page a provider sees. */
test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('home page', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Provider Intake' })).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('empty form', async ({ page }, testInfo) => {
    await openForm(page, isJs(testInfo));
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('form in its error state', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openForm(page, js);
    await fillForm(page, js, applicant({ npi: INVALID_NPI }));
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page.getByLabel('NPI', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('form with every required field missing', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openForm(page, js);
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page.getByLabel('Provider or clinic name')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('confirmation page', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openForm(page, js);
    await fillForm(page, js, applicant());
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expectConfirmation(page);
    await expectNoAxeViolations(page, isJs(testInfo));
  });
});

/** The clinic information change form ("/clinic-updates"), in each of its states. */
test.describe('accessibility: clinic information change (axe, WCAG 2.1 AA)', () => {
  test('empty form', async ({ page }, testInfo) => {
    await openUpdateForm(page, isJs(testInfo));
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('form with every section chosen (after Continue without JavaScript)', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openUpdateForm(page, js);
    await chooseChanges(page, js, CHANGE_KINDS);
    await addProvider(page, 'joining');
    await expectNoAxeViolations(page, js);
  });

  test('form in its error state, every section chosen and unanswered', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openUpdateForm(page, js);
    await chooseChanges(page, js, CHANGE_KINDS);
    await sendButton(page).click();
    await expect(errorSummary(page)).toBeVisible();
    await expect(section(page, 'address').getByLabel('Street address', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(section(page, 'acceptingPatients').locator('.error-message')).toHaveText('Error: Choose Yes or No');
    await expectNoAxeViolations(page, js);
  });

  test('form with the "questions added" notice (no JavaScript)', async ({ page }, testInfo) => {
    test.skip(isJs(testInfo), 'the notice is shown only without JavaScript');
    await openUpdateForm(page, false);
    await fillWho(page, clinicUpdate(['address']));
    await changeBox(page, 'address').check();
    await sendButton(page).click();
    await expect(page.getByRole('status')).toHaveText(ADDED_QUESTIONS_NOTICE);
    await expectNoAxeViolations(page, false);
  });

  test('confirmation page', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, clinicUpdate(['address', 'providerLeaving']));
    await sendUpdate(page);
    await expectNoAxeViolations(page, js);
  });
});
