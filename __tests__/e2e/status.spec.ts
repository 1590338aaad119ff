import { expect, test, type Page } from '@playwright/test';
import { waitForHydration } from './clinic-helpers';
import { clinicUpdate, fillUpdateForm, openUpdateForm, sendUpdate } from './clinic-update-helpers';
import { applicant, expectConfirmation, expectNoAxeViolations, fillForm, isJs, openForm, waitForMails, type Applicant } from './helpers';
import { signIn, STAFF, submissionIdOf } from './staff-helpers';

/**
 * The public status page (/status), with JavaScript and without: a request sent through the real form, looked up
 * from the confirmation page's link and from the receipt's, errors beside the fields and in a summary with nothing
 * typed lost, one answer for anything not found, the keyboard alone, axe on every state, and a reviewer's move
 * showing on the page.
 */

const HEADING = "Check a request's status";
const TITLE = "Check a request's status – Provider Intake";
const NOT_FOUND = 'We could not find a request with that reference sent from that e-mail address. Check both against your receipt e-mail.';
/** Valid in shape, and never drawn by these tests' requests (32^8 possibilities). */
const UNKNOWN_REFERENCE = 'NCR-7K3M9Q2X';

function referenceField(page: Page) {
  return page.getByLabel('Reference', { exact: true });
}
function emailField(page: Page) {
  return page.getByLabel('E-mail', { exact: true });
}
function checkButton(page: Page) {
  return page.getByRole('button', { name: /^Check (status|again)$/ });
}
function errorSummary(page: Page) {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
}
/** The answer panel: a live region headed "<reference>: <label>". */
function statusPanel(page: Page) {
  return page.getByRole('status').filter({ has: page.getByRole('heading', { level: 2 }) });
}
function notFound(page: Page) {
  return page.getByRole('alert').filter({ hasText: NOT_FOUND });
}

/** Opens /status (optionally with a query) and, with JavaScript, waits until React has hydrated the form. */
async function openStatus(page: Page, js: boolean, query = '') {
  await page.goto(`/status${query}`);
  await expect(page.getByRole('heading', { level: 1, name: HEADING })).toBeVisible();
  if (js) await waitForHydration(page, 'form');
}

/** Sends a contract request through the real form and returns its reference, on the confirmation page. */
async function sendContractRequest(page: Page, js: boolean, data: Applicant = applicant()): Promise<string> {
  await openForm(page, js);
  await fillForm(page, js, data);
  await page.getByRole('button', { name: 'Submit request' }).click();
  return expectConfirmation(page);
}

/** Today in Oregon, spelled as the page spells dates (`November 26, 2026`). */
function oregonToday(): string {
  return new Date().toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles', year: 'numeric', month: 'long', day: 'numeric' });
}

/** The answer panel shows this request in this status, received and in that status today. */
async function expectStatus(page: Page, reference: string, label: string, meaning: RegExp, kind = 'Contract request') {
  const panel = statusPanel(page);
  await expect(panel).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`${reference}: ${label}`);
  await expect(panel).toContainText(meaning);
  const details = panel.locator('dl');
  await expect(details.locator('dt')).toHaveText(['Request', 'Received', 'Status since']);
  await expect(details.locator('dd')).toHaveText([kind, oregonToday(), oregonToday()]);
}

test.describe('request status page', () => {
  test('the home page leads to it', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByRole('link', { name: "Check a request's status" }).click();
    await expect(page).toHaveURL(/\/status$/);
    await expect(page.getByRole('heading', { level: 1, name: HEADING })).toBeVisible();
    await expect(page).toHaveTitle(TITLE);
    await expect(referenceField(page)).toHaveValue('');
    await expect(emailField(page)).toHaveValue('');
    await expect(checkButton(page)).toHaveText('Check status');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('from the confirmation page: the link fills the reference in, the sender’s e-mail shows "Received"', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);

    await page.getByRole('link', { name: 'check its status' }).click();
    await expect(page).toHaveURL(new RegExp(`/status\\?reference=${reference}$`));
    await expect(page.getByRole('heading', { level: 1, name: HEADING })).toBeVisible();
    if (js) await waitForHydration(page, 'form');
    await expect(referenceField(page)).toHaveValue(reference);
    await expect(emailField(page)).toHaveValue('');

    // The address in another case than it was typed on the form.
    await emailField(page).fill(data.email.toUpperCase());
    await checkButton(page).click();

    await expectStatus(page, reference, 'Received', /It is waiting for someone on our team to pick it up\./);
    await expect(page).toHaveTitle(TITLE);
    // The form stays, with what was typed, for another look.
    await expect(referenceField(page)).toHaveValue(reference);
    await expect(emailField(page)).toHaveValue(data.email.toUpperCase());
    await expect(checkButton(page)).toHaveText('Check again');
    // Nothing but the status: none of the answers sent.
    const main = page.getByRole('main');
    for (const answer of [data.providerName, data.npi, data.tin, data.phone, data.street, data.dmapId, data.notes]) {
      await expect(main).not.toContainText(answer);
    }
    await expectNoAxeViolations(page, js);

    // The same reference with another address: the not-found answer, and the status goes away.
    await emailField(page).fill('someone.else@willamette-clinic.example');
    await checkButton(page).click();
    await expect(notFound(page)).toBeVisible();
    await expect(statusPanel(page)).toHaveCount(0);
    await expect(referenceField(page)).toHaveValue(reference);
    await expect(emailField(page)).toHaveValue('someone.else@willamette-clinic.example');
  });

  test('from a clinic update’s confirmation page too: found by its sender', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = clinicUpdate(['hours']);
    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, data);
    const reference = await sendUpdate(page);

    await page.getByRole('link', { name: 'check its status' }).click();
    await expect(page).toHaveURL(new RegExp(`/status\\?reference=${reference}$`));
    if (js) await waitForHydration(page, 'form');
    await expect(referenceField(page)).toHaveValue(reference);
    await emailField(page).fill(data.senderEmail);
    await checkButton(page).click();
    await expectStatus(page, reference, 'Received', /waiting for someone/, 'Clinic information change');
    await expect(page.getByRole('main')).not.toContainText(data.newHours.split('\n')[0]);
    await expect(page.getByRole('main')).not.toContainText(data.clinicName);
  });

  test('from the receipt: its "Check its status" link opens the page with the reference filled in', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    const mails = await waitForMails(reference, 2);
    const receipt = mails.find((mail) => mail.to.includes(data.email.toLowerCase()))!;
    expect(receipt, 'the receipt').toBeDefined();
    const link = new URL(`/status?reference=${reference}`, page.url()).toString();
    expect(receipt.text).toContain(`Check its status: ${link}`);
    expect(receipt.html).toContain(`<a href="${link}">Check its status</a>`);

    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: HEADING })).toBeVisible();
    if (js) await waitForHydration(page, 'form');
    await expect(referenceField(page)).toHaveValue(reference);
    await emailField(page).fill(data.email);
    await checkButton(page).click();
    await expectStatus(page, reference, 'Received', /It is waiting for someone on our team/);
  });

  test('a reference typed back loosely (lower case, spaces, O for 0, L for 1) is found', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    const code = reference.slice(4).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const typed = `ncr ${code.slice(0, 4)} ${code.slice(4)}`;

    await openStatus(page, js);
    await referenceField(page).fill(typed);
    await emailField(page).fill(`  ${data.email}  `);
    await checkButton(page).click();
    await expectStatus(page, reference, 'Received', /waiting for someone/);
  });

  test('a loose reference in the link is shown as stored', async ({ page }, testInfo) => {
    await openStatus(page, isJs(testInfo), '?reference=ncr%207k3m%209qox');
    await expect(referenceField(page)).toHaveValue('NCR-7K3M9Q0X');
  });

  test('errors: beside each field and in the summary, "Error:" in the title, nothing typed lost', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openStatus(page, js);
    await expectNoAxeViolations(page, js);

    await referenceField(page).fill('my request from Tuesday');
    await emailField(page).fill('frontdesk at willamette');
    // One click. The e-mail field is just above the button: an error shown when the field lost focus (on mouse down)
    // used to push the button away before mouse up, and the click was lost (app/status/form.tsx, mode onSubmit).
    await checkButton(page).click();

    const summary = errorSummary(page);
    await expect(summary).toBeVisible();
    if (js) await expect.soft(summary, 'the error summary takes focus').toBeFocused();
    const links = summary.getByRole('link');
    await expect(links).toHaveText([
      'Reference: Enter the reference as it is in your receipt, like NCR-7K3M9Q2X',
      'E-mail: Enter an e-mail address in the right format, like name@example.com',
    ]);
    await expect(links.nth(0)).toHaveAttribute('href', '#field-reference');
    await expect(links.nth(1)).toHaveAttribute('href', '#field-email');

    await expect(referenceField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(referenceField(page)).toHaveAccessibleDescription(/Enter the reference as it is in your receipt, like NCR-7K3M9Q2X/);
    await expect(page.locator('#field-reference-error')).toHaveText(
      'Error: Enter the reference as it is in your receipt, like NCR-7K3M9Q2X',
    );
    await expect(emailField(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#field-email-error')).toHaveText(
      'Error: Enter an e-mail address in the right format, like name@example.com',
    );
    await expect.soft(page, 'the title says there is an error').toHaveTitle(`Error: ${TITLE}`);
    await expect(statusPanel(page)).toHaveCount(0);

    await expect(referenceField(page)).toHaveValue('my request from Tuesday');
    await expect(emailField(page)).toHaveValue('frontdesk at willamette');
    await expectNoAxeViolations(page, js);

    if (js) {
      await links.nth(1).click();
      await expect(emailField(page)).toBeFocused();
    }
  });

  test('errors: nothing typed asks for both', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openStatus(page, js);
    await checkButton(page).click();
    await expect(errorSummary(page).getByRole('link')).toHaveText([
      'Reference: Enter the reference from your receipt',
      'E-mail: Enter the e-mail address you sent the request from',
    ]);
    await expect(page.locator('#field-reference-error')).toHaveText('Error: Enter the reference from your receipt');
    await expect(page.locator('#field-email-error')).toHaveText('Error: Enter the e-mail address you sent the request from');
    await expect(page).toHaveTitle(`Error: ${TITLE}`);
    await expectNoAxeViolations(page, js);
  });

  test('errors: one field wrong keeps the other as typed, and correcting it clears the error', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openStatus(page, js);
    await referenceField(page).fill('ncr 7k3m 9q2x');
    await emailField(page).fill('not-an-address');
    await checkButton(page).click();
    await expect(errorSummary(page).getByRole('link')).toHaveText([
      'E-mail: Enter an e-mail address in the right format, like name@example.com',
    ]);
    await expect(referenceField(page)).not.toHaveAttribute('aria-invalid', 'true');
    await expect(referenceField(page)).toHaveValue('ncr 7k3m 9q2x');
    await expect(emailField(page)).toHaveValue('not-an-address');

    await emailField(page).fill('nobody@willamette-clinic.example');
    await checkButton(page).click();
    // Well formed now, and nothing sent from that address: the one not-found answer.
    await expect(notFound(page)).toBeVisible({ timeout: 20_000 });
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(emailField(page)).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('not found: an unknown reference gets the one answer, with everything typed kept', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openStatus(page, js);
    await referenceField(page).fill(UNKNOWN_REFERENCE.toLowerCase());
    await emailField(page).fill('frontdesk@willamette-clinic.example');
    await checkButton(page).click();

    await expect(notFound(page)).toBeVisible({ timeout: 20_000 });
    await expect(statusPanel(page)).toHaveCount(0);
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(referenceField(page)).toHaveValue(UNKNOWN_REFERENCE.toLowerCase());
    await expect(emailField(page)).toHaveValue('frontdesk@willamette-clinic.example');
    await expect(referenceField(page)).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveTitle(`Error: ${TITLE}`);
    await expectNoAxeViolations(page, js);
  });

  test('keyboard only: reference, e-mail, Enter, and the answer', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    await openStatus(page, js);

    /** Presses Tab until `selector` has focus (at most `max` times). */
    const tabTo = async (selector: string, max: number) => {
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
      await expect(page.locator(selector)).toBeFocused();
    };

    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    // The site name, then the first field.
    await tabTo('#field-reference', 2);
    await page.keyboard.type(reference.toLowerCase());
    await tabTo('#field-email', 1);
    await page.keyboard.type(data.email);
    await tabTo('button[type="submit"]', 1);
    await page.keyboard.press('Enter');
    await expectStatus(page, reference, 'Received', /waiting for someone/);

    // Enter in a field sends the form too.
    await emailField(page).focus();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.keyboard.press('Enter');
    await expect(notFound(page)).toBeVisible({ timeout: 20_000 });
  });

  test('after a reviewer asks the applicant for something, the page says "Waiting for you" with the message', async ({
    page,
    browser,
  }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    const message = `Please send your W-9 <form> & license.\nThank you, ${reference}`;

    // The reviewer, in a browser of their own.
    const staffContext = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: js });
    try {
      const staff = await staffContext.newPage();
      await signIn(staff, STAFF.reviewer.email);
      const id = await submissionIdOf(staff, reference);
      await staff.goto(`/staff/submissions/${id}`);
      await staff.getByRole('button', { name: 'Start review' }).click();
      await expect(staff.getByRole('status').filter({ hasText: 'Moved to In review.' })).toBeVisible({ timeout: 20_000 });

      // Waiting on applicant needs a message: the error is beside the field, and nothing moved.
      await staff.getByRole('button', { name: 'Wait on applicant' }).click();
      await expect(staff.getByText('Write what you need from the applicant: it is e-mailed to them with this move.')).toBeVisible({
        timeout: 20_000,
      });
      await staff.getByLabel('Message to the applicant').fill(message);
      await staff.getByRole('button', { name: 'Wait on applicant' }).click();
      await expect(
        staff.getByRole('status').filter({ hasText: 'Moved to Waiting on applicant, and the message was sent to the applicant.' }),
      ).toBeVisible({ timeout: 20_000 });
      await expect(staff.getByText(`Thank you, ${reference}`)).toBeVisible();
    } finally {
      await staffContext.close();
    }

    await openStatus(page, js, `?reference=${reference}`);
    await emailField(page).fill(data.email);
    await checkButton(page).click();
    await expectStatus(page, reference, 'Waiting for you', /We need something more from you/);
    await expect(statusPanel(page).locator('.message')).toHaveText(message);
    await expect(statusPanel(page)).not.toContainText(STAFF.reviewer.name);
    await expectNoAxeViolations(page, js);
  });
});
