import { expect, test } from '@playwright/test';
import {
  FORWARD_INBOX,
  INVALID_NPI,
  MASKED_TIN,
  applicant,
  expectConfirmation,
  expectFormToHold,
  expectNoUnmaskedTin,
  fillForm,
  isJs,
  mailFiles,
  mailsFor,
  openForm,
  specialtyCombobox,
  waitForMails,
  waitForOutboxIdle,
} from './helpers';

test.describe('new contract request', () => {
  test('happy path: confirmation, one forward and one receipt with the TIN masked', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();

    await openForm(page, js);
    await fillForm(page, js, data);
    await page.getByRole('button', { name: 'Submit request' }).click();

    const reference = await expectConfirmation(page);
    const mails = await waitForMails(reference, 2);

    const forward = mails.find((mail) => mail.to.includes(FORWARD_INBOX));
    const receipt = mails.find((mail) => mail.to.includes(data.email.toLowerCase()));
    expect(forward, `a message to ${FORWARD_INBOX}`).toBeDefined();
    expect(receipt, `a message to ${data.email}`).toBeDefined();
    expect(forward!.subject).toBe(`New contract request ${reference} – ${data.providerName}`);
    expect(receipt!.subject).toContain(reference);

    for (const [what, mail] of [
      ['forward', forward!],
      ['receipt', receipt!],
    ] as const) {
      expect(mail.text, `${what}: provider name`).toContain(data.providerName);
      expect(mail.text, `${what}: specialty`).toContain('Family Medicine (207Q00000X)');
      expect(mail.text, `${what}: NPI`).toContain(data.npi);
      expect(mail.text, `${what}: masked TIN in the text part`).toContain(MASKED_TIN);
      expect(mail.html, `${what}: masked TIN in the html part`).toContain(MASKED_TIN);
      expectNoUnmaskedTin(mail.all, `the ${what} (${mail.file})`);
    }

    // Reloading the confirmation page sends nothing more.
    const before = await mailFiles();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Contract request received' })).toBeVisible();
    await expect(page.getByText(`Your reference is ${reference}`)).toBeVisible();
    await waitForOutboxIdle(page.request);
    expect(await mailFiles()).toEqual(before);
    expect(await mailsFor(reference)).toHaveLength(2);
  });

  test('no JS: going back and sending the same form again gives the same reference and no new mail', async ({ page }, testInfo) => {
    test.skip(isJs(testInfo), 'the back-and-resubmit path is the no-JS (plain HTML form) one');
    const data = applicant();

    await openForm(page, false);
    await fillForm(page, false, data);
    const submissionKey = await page.locator('input[type="hidden"][name="submissionKey"]').inputValue();
    await page.getByRole('button', { name: 'Submit request' }).click();
    const reference = await expectConfirmation(page);
    await waitForMails(reference, 2);
    await waitForOutboxIdle(page.request);
    const before = await mailFiles();

    await page.goBack();
    await expect(page).toHaveURL(/\/contract-request$/);
    await expect(page.getByRole('button', { name: 'Submit request' })).toBeVisible();
    // Next renders the form afresh on Back (no-store), so it carries a new submission key; and the browser does
    // not bring back the TIN (autocomplete=off: it may be an SSN). The person types the TIN again and sends the
    // same answers: the server recognises them and answers with the first request.
    expect(await page.locator('input[type="hidden"][name="submissionKey"]').inputValue()).not.toBe(submissionKey);
    await page.getByLabel('TIN', { exact: true }).fill(data.tin);
    await expectFormToHold(page, false, data);
    await page.getByRole('button', { name: 'Submit request' }).click();

    // What the user should see: the confirmation for the request already made, not a new one and not an error.
    await expect(page.getByRole('heading', { name: /^(Contract request received|There is a problem)$/ }).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole('heading', { name: 'There is a problem' }), 'an error summary after sending again').toHaveCount(0);
    const again = await expectConfirmation(page);
    expect(again, 'the reference after sending the same form again').toBe(reference);
    await waitForOutboxIdle(page.request);
    expect(await mailFiles()).toEqual(before);
    expect(await mailsFor(reference)).toHaveLength(2);
  });

  test('a confirmation page for a reference that does not exist says so, with a 404, with or without JavaScript', async ({ page }) => {
    for (const url of [
      '/contract-request/submitted/NCR-ZZZZ2222',
      '/contract-request/submitted/not-a-reference',
      '/clinic-emails/registered/CAE-ZZZZ2222',
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page).toHaveTitle('Page not found – Provider Intake');
      await expect(page.getByRole('link', { name: 'Go to Provider Intake' })).toBeVisible();
    }
  });

  test('the form page has its own title', async ({ page }, testInfo) => {
    await openForm(page, isJs(testInfo));
    await expect(page).toHaveTitle('New contract request – Provider Intake');
  });

  test('invalid NPI: error summary, field error, "Error:" title, and every answer kept', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant({ npi: INVALID_NPI });

    await openForm(page, js);
    await fillForm(page, js, data);
    await page.getByRole('button', { name: 'Submit request' }).click();

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await expect(summary).toBeVisible();
    // Soft: a focus or title failure is reported while the rest of the error state is still checked.
    if (js) await expect.soft(summary, 'the error summary takes focus').toBeFocused();

    const link = summary.getByRole('link', { name: 'This NPI is not valid: check the digits' });
    await expect(link).toHaveAttribute('href', '#field-npi');
    // Only the NPI is wrong.
    await expect(summary.getByRole('link')).toHaveCount(1);

    const npi = page.getByLabel('NPI', { exact: true });
    await expect(npi).toHaveAttribute('aria-invalid', 'true');
    await expect(npi).toHaveAccessibleDescription(/This NPI is not valid: check the digits/);
    await expect(page.locator('#field-npi-error')).toHaveText(/This NPI is not valid: check the digits/);
    await expect.soft(page, 'the page title says there is an error').toHaveTitle(/^Error: /);

    await expectFormToHold(page, js, data);
    if (!js) expect(new URL(page.url()).pathname).toBe('/contract-request');

    if (js) {
      await link.click();
      await expect(npi).toBeFocused();
    }
  });

  test('keyboard only: the whole form can be completed and sent without a mouse', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'the combobox keyboard interaction needs JavaScript');
    const data = applicant();
    await openForm(page, true);

    const focused = (selector: string) => expect(page.locator(selector)).toBeFocused();
    /** Presses Tab until `selector` has focus (at most `max` times), asserting the way is short and ordered. */
    const tabTo = async (selector: string, max = 3) => {
      for (let presses = 0; presses < max; presses++) {
        await page.keyboard.press('Tab');
        if (
          await page
            .locator(selector)
            .evaluate((element) => element === document.activeElement)
            .catch(() => false)
        )
          return;
      }
      await focused(selector);
    };

    // Skip link, then the site name, then the first field.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await tabTo('#field-providerName', 3);
    await page.keyboard.type(data.providerName);

    await tabTo('#field-taxonomyCode', 1);
    const combobox = specialtyCombobox(page);
    await expect(combobox).toBeFocused();
    await page.keyboard.type(data.specialtyQuery);
    await expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const activeOption = async () => {
      const id = await combobox.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).innerText() : '';
    };
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeOption).toMatch(/^Family Medicine, /);
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeOption).toMatch(/^Family Medicine\s·/);
    await page.keyboard.press('Enter');
    await expect(combobox).toHaveValue(data.specialtyDisplay);
    await expect(combobox).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('input[type="hidden"][name="taxonomyCode"]')).toHaveValue(data.specialtyCode);

    await tabTo('#field-phone', 1);
    await page.keyboard.type(data.phone);
    await tabTo('#field-fax', 1);
    await page.keyboard.type(data.fax);
    await tabTo('#field-email', 1);
    await page.keyboard.type(data.email);
    await tabTo('#field-physicalStreet', 1);
    await page.keyboard.type(data.street);
    await tabTo('#field-physicalCity', 2);
    await page.keyboard.type(data.city);
    await tabTo('#field-physicalState', 1);
    await expect(page.locator('#field-physicalState')).toHaveValue('OR');
    await tabTo('#field-physicalZip', 1);
    await page.keyboard.type(data.zip);
    // Past the (optional, blank) mailing address.
    await tabTo('#field-npi', 6);
    await page.keyboard.type(data.npi);
    await tabTo('#field-tin', 1);
    await page.keyboard.type(data.tin);
    await tabTo('#field-dmapId', 1);
    await page.keyboard.type(data.dmapId);
    await tabTo('#field-dmapPending', 1);
    await page.keyboard.press('Space');
    await expect(page.locator('#field-dmapPending')).toBeChecked();
    await tabTo('#field-notes', 1);
    await page.keyboard.type(data.notes);
    await tabTo('button[type="submit"]', 1);
    await page.keyboard.press('Enter');

    const reference = await expectConfirmation(page);
    await waitForMails(reference, 2);
  });
});
