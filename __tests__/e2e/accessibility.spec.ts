import { expect, test } from '@playwright/test';
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
