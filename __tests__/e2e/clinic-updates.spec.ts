import { expect, test, type Page } from '@playwright/test';
import {
  ADDED_QUESTIONS_NOTICE,
  CHANGE_KINDS,
  CHANGE_LABELS,
  CLINIC_TIN_MASKED,
  NEW_TIN_MASKED,
  SECTION_LEGENDS,
  UPDATE_FORM_TITLE,
  addProvider,
  badNpi,
  changeBox,
  changeLines,
  chooseChanges,
  clinicUpdate,
  continueButton,
  errorSummary,
  expectNoFullTin,
  expectProviderToHold,
  expectSectionToHold,
  expectUpdateConfirmation,
  expectUpdateFormToHold,
  expectWhoToHold,
  fillEffectiveDate,
  fillProvider,
  fillSection,
  fillUpdateForm,
  fillWho,
  forwardSubject,
  longDate,
  mailsToSender,
  openUpdateForm,
  providerField,
  providerRows,
  randomNpi,
  removeProvider,
  section,
  sendButton,
  sendUpdate,
  updateMails,
  type ChangeKind,
  type ClinicUpdate,
} from './clinic-update-helpers';
import { isJs, mailsFor, waitForOutboxIdle } from './helpers';

/** POSTs the page makes, to tell a change made in the browser from a server round trip. */
function recordPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  return posts;
}

const PO_BOX_MESSAGE = 'Enter the street address where care is given: a PO Box is not a physical address';
const BAD_NPI_MESSAGE = 'This NPI is not valid: check the digits';
const NO_DATE_MESSAGE = 'Enter the effective date';

/** What a receipt says in place of free text the sender typed (notes, a description). */
const NOT_REPEATED = 'Received (not repeated in this e-mail)';

/** The text both messages give every update: what changes, when, and the clinic's TIN masked. */
function expectCommonContent(text: string, data: ClinicUpdate, what: string) {
  expect(text, `${what}: what is changing`).toContain(`What is changing: ${data.changes.map((kind) => CHANGE_LABELS[kind]).join(', ')}\n`);
  expect(text, `${what}: effective date`).toContain(`Effective date: ${longDate(data.effectiveDate)}\n`);
  expect(text, `${what}: clinic name`).toContain(`Clinic name: ${data.clinicName}\n`);
  expect(text, `${what}: clinic NPI`).toContain(`Clinic NPI: ${data.clinicNpi}\n`);
  expect(text, `${what}: the clinic's TIN, masked`).toContain(`TIN: ${CLINIC_TIN_MASKED}\n`);
  expect(text, `${what}: sender`).toContain(`Sent by: ${data.senderName}, ${data.senderJobTitle}\n`);
  for (const kind of data.changes) {
    const typed = what === 'receipt' ? { ...data, description: NOT_REPEATED } : data;
    for (const line of changeLines(kind, typed)) expect(text, `${what}: the ${CHANGE_LABELS[kind]} change`).toContain(line);
  }
}

test.describe('clinic information change', () => {
  test('address and a provider leaving: confirmation, a forward to the updates inbox and a receipt, TIN masked', async ({
    page,
  }, testInfo) => {
    const js = isJs(testInfo);
    const data = clinicUpdate(['address', 'providerLeaving']);

    await openUpdateForm(page, js);
    await expect(page).toHaveTitle(UPDATE_FORM_TITLE);
    await fillUpdateForm(page, js, data);
    const reference = await sendUpdate(page);

    const { forward, receipt } = await updateMails(reference, data);
    expect(forward.subject).toBe(forwardSubject(reference, data));
    expect(forward.all, 'the forward is Reply-To the sender').toMatch(
      new RegExp(`^reply-to:.*${data.senderEmail.replace(/[.+]/g, '\\$&')}`, 'im'),
    );
    expect(receipt.subject).toBe(`We received your clinic update ${reference}`);

    for (const [what, mail] of [
      ['forward', forward],
      ['receipt', receipt],
    ] as const) {
      expectCommonContent(mail.text, data, what);
      // The new address and the provider leaving, with their NPI, in so many words.
      expect(mail.text, `${what}: the new address`).toContain(
        `Address\n  New value:\n    ${data.address.street}\n    ${data.address.line2}\n    ${data.address.city}, ${data.address.state} ${data.address.zip}`,
      );
      expect(mail.text, `${what}: the provider leaving`).toContain(
        `Provider leaving 1: ${data.leaving[0].name} (NPI ${data.leaving[0].npi})`,
      );
      // The receipt goes to a typed address: it never repeats the free text typed (decision 010).
      expect(mail.text, `${what}: notes`).toContain(`Anything else: ${what === 'receipt' ? NOT_REPEATED : data.notes}`);
      if (what === 'receipt') expect(mail.all, 'the receipt does not repeat the notes').not.toContain(data.notes);
      // What was not chosen is not there.
      expect(mail.text, `${what}: no providers joining`).not.toContain('Providers joining');
      expect(mail.text, `${what}: no new clinic name`).not.toContain(data.newClinicName);
      // The html part says the same, TIN masked too.
      expect(mail.html, `${what}: html has the masked TIN`).toContain(CLINIC_TIN_MASKED);
      expect(mail.html, `${what}: html has the new street`).toContain(data.address.street);
      expect(mail.html, `${what}: html has the provider's NPI`).toContain(data.leaving[0].npi);
      expect(mail.html, `${what}: html has the effective date`).toContain(longDate(data.effectiveDate));
      expectNoFullTin(mail.all, `the ${what} (${mail.file})`);
    }
    expect(forward.text, 'the forward links to the staff page').toMatch(
      /Open it in Provider Intake: http:\/\/127\.0\.0\.1:\d+\/staff\/submissions\/[0-9a-f-]{36}/,
    );

    // Reloading the confirmation page sends nothing more.
    await page.reload();
    await expectUpdateConfirmation(page);
    await waitForOutboxIdle(page.request);
    expect(await mailsFor(reference)).toHaveLength(2);
  });

  test('PO Box, a bad provider NPI and no effective date: error summary, messages, everything kept; then fixed and sent', async ({
    page,
  }, testInfo) => {
    const js = isJs(testInfo);
    const goodLeaver = { name: 'Dr. Ada Good', npi: randomNpi() };
    const typo = badNpi();
    const valid = clinicUpdate(['address', 'providerLeaving']);
    const data: ClinicUpdate = {
      ...valid,
      address: { ...valid.address, street: 'PO Box 4417' },
      leaving: [goodLeaver, { name: valid.leaving[0].name, npi: typo }],
      effectiveDate: '',
    };

    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, data);
    await sendButton(page).click();

    const summary = errorSummary(page);
    await expect(summary).toBeVisible();
    if (js) await expect.soft(summary, 'the error summary takes focus').toBeFocused();
    // One link per problem, in page order, each to its field.
    const expected = [
      [PO_BOX_MESSAGE, '#field-newStreet'],
      [`Provider leaving 2: ${BAD_NPI_MESSAGE}`, '#field-leaving.1.npi'],
      [NO_DATE_MESSAGE, '#field-effectiveDate'],
    ] as const;
    await expect(summary.getByRole('link')).toHaveText(expected.map(([message]) => message));
    for (const [index, [, href]] of expected.entries()) await expect(summary.getByRole('link').nth(index)).toHaveAttribute('href', href);
    await expect.soft(page, 'the page title says there is an error').toHaveTitle(`Error: ${UPDATE_FORM_TITLE}`);

    // Each message next to its field, and tied to it.
    const street = section(page, 'address').getByLabel('Street address', { exact: true });
    const npi = providerField(page, 'leaving', 2, 'npi');
    const date = page.getByLabel('Effective date', { exact: true });
    for (const [field, id, message] of [
      [street, 'field-newStreet', PO_BOX_MESSAGE],
      [npi, 'field-leaving.1.npi', BAD_NPI_MESSAGE],
      [date, 'field-effectiveDate', NO_DATE_MESSAGE],
    ] as const) {
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(new RegExp(message));
      await expect(page.locator(`[id="${id}-error"]`)).toHaveText(`Error: ${message}`);
    }
    // Only those three: the good provider and the rest of the address are not marked.
    await expect(providerField(page, 'leaving', 1, 'npi')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(section(page, 'address').getByLabel('City', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.error-message')).toHaveCount(3);

    // Everything typed is still there: the TIN, the ticked boxes, both provider rows.
    await expectUpdateFormToHold(page, data);
    expect(new URL(page.url()).pathname).toBe('/clinic-updates');
    if (!js) await expect(continueButton(page), 'the Continue button is still offered without JavaScript').toBeVisible();

    if (js) {
      await summary.getByRole('link', { name: `Provider leaving 2: ${BAD_NPI_MESSAGE}` }).click();
      await expect(npi).toBeFocused();
    }

    // Nothing was stored.
    await waitForOutboxIdle(page.request);
    expect(await mailsToSender(data), 'no receipt for a form with errors').toHaveLength(0);

    // Fixed, it is sent.
    const fixed: ClinicUpdate = {
      ...data,
      address: valid.address,
      leaving: [goodLeaver, valid.leaving[0]],
      effectiveDate: valid.effectiveDate,
    };
    await street.fill(fixed.address.street);
    await npi.fill(fixed.leaving[1].npi);
    await fillEffectiveDate(page, fixed.effectiveDate);
    const reference = await sendUpdate(page);
    const { forward } = await updateMails(reference, fixed);
    expect(forward.subject).toBe(forwardSubject(reference, fixed));
    expectCommonContent(forward.text, fixed, 'forward');
    expect(forward.text).not.toContain('PO Box');
    expect(forward.text).not.toContain(typo);
    expectNoFullTin(forward.all, `the forward (${forward.file})`);
  });

  test('every change at once: all nine sections in one update', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const base = clinicUpdate([...CHANGE_KINDS]);
    const data = clinicUpdate([...CHANGE_KINDS], {
      joining: [base.joining[0], { name: `Dr. Sam Second ${base.clinicName.slice(-8)}`, npi: randomNpi() }],
      accepting: 'Yes',
    });

    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, data);
    const reference = await sendUpdate(page);
    const { forward, receipt } = await updateMails(reference, data);
    expect(forward.subject).toBe(forwardSubject(reference, data));
    for (const [what, mail] of [
      ['forward', forward],
      ['receipt', receipt],
    ] as const) {
      expectCommonContent(mail.text, data, what);
      expect(mail.text, `${what}: the new TIN, masked`).toContain(NEW_TIN_MASKED);
      expectNoFullTin(mail.all, `the ${what} (${mail.file})`);
    }
  });

  test.describe('each kind of change can be sent on its own', () => {
    for (const kind of CHANGE_KINDS) {
      test(CHANGE_LABELS[kind], async ({ page }, testInfo) => {
        const js = isJs(testInfo);
        const data = clinicUpdate([kind], { accepting: 'Yes', newFax: '' });

        await openUpdateForm(page, js);
        await fillUpdateForm(page, js, data);
        // Only the chosen section is asked.
        for (const other of CHANGE_KINDS.filter((each) => each !== kind)) {
          await expect(section(page, other), `the ${SECTION_LEGENDS[other]} section`).toHaveCount(0);
        }
        const reference = await sendUpdate(page);
        const { forward } = await updateMails(reference, data);
        expect(forward.subject).toBe(forwardSubject(reference, data));
        expectCommonContent(forward.text, data, 'forward');
        expectNoFullTin(forward.all, `the forward (${forward.file})`);
      });
    }
  });

  test('adding and removing provider rows keeps what was typed', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = clinicUpdate(['providerJoining', 'providerLeaving']);
    const [first, second, third] = [1, 2, 3].map((number) => ({
      name: `Dr. Row ${number} ${data.clinicName.slice(-8)}`,
      npi: randomNpi(),
    }));
    const posts = recordPosts(page);

    await openUpdateForm(page, js);
    await fillWho(page, data);
    await chooseChanges(page, js, data.changes);
    await fillEffectiveDate(page, data.effectiveDate);
    await page.getByLabel('Anything else (optional)', { exact: true }).fill(data.notes);
    await fillProvider(page, 'joining', 1, first);
    await fillProvider(page, 'leaving', 1, data.leaving[0]);
    await expect(page.getByRole('button', { name: /^Remove/ }), 'no Remove button with a single row').toHaveCount(0);

    await addProvider(page, 'joining');
    await expectProviderToHold(page, 'joining', 1, first);
    await expect(providerField(page, 'joining', 2, 'name')).toHaveValue('');
    await expect(providerField(page, 'joining', 2, 'npi')).toHaveValue('');
    await fillProvider(page, 'joining', 2, second);
    // Straight from typing the NPI to "Add another", as a mouse user goes: the click must not be lost.
    await addProvider(page, 'joining');
    await fillProvider(page, 'joining', 3, third);
    await expect(page.getByRole('button', { name: /^Remove provider joining \d$/ })).toHaveCount(3);
    await expect(page.getByRole('button', { name: /^Remove provider leaving/ }), 'the leaving list has its own rows').toHaveCount(0);

    await removeProvider(page, 'joining', 1);
    const kept = { ...data, joining: [second, third] };
    await expectUpdateFormToHold(page, kept);
    await expect(page.getByRole('button', { name: /^Remove provider joining \d$/ })).toHaveText([
      'Remove provider joining 1',
      'Remove provider joining 2',
    ]);
    // Nothing was checked or reported on the way.
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(page.locator('.error-message')).toHaveCount(0);

    if (js) {
      expect(posts, 'with JavaScript, Add and Remove stay in the browser').toEqual([]);
    } else {
      // Continue, two Adds, one Remove.
      expect(posts, 'without JavaScript, Continue and each Add and Remove post the form').toHaveLength(4);
      expect(new URL(page.url()).pathname).toBe('/clinic-updates');
    }

    // What the form holds is what is sent: the remaining two, renumbered.
    const reference = await sendUpdate(page);
    const { forward } = await updateMails(reference, kept);
    expectCommonContent(forward.text, kept, 'forward');
    expect(forward.text).not.toContain(first.npi);
  });

  test('JS: a provider row just added shows no errors until it is used', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'the client-side Add button');
    const data = clinicUpdate(['providerJoining']);
    await openUpdateForm(page, true);
    await fillWho(page, data);
    await chooseChanges(page, true, data.changes);
    // Typed and left, as a person does: the first row is "touched".
    await fillProvider(page, 'joining', 1, data.joining[0]);
    await providerField(page, 'joining', 1, 'npi').blur();
    await addProvider(page, 'joining');
    await expect(providerField(page, 'joining', 2, 'name'), 'Add moves focus to the new row').toBeFocused();
    await page.keyboard.type('Dr. Typing Now');
    // Typing a name into the new row must not mark it, nor its NPI that has not been reached yet.
    await expect(
      providerRows(page, 'joining').nth(1).locator('.error-message'),
      'error messages on the new row while it is being filled',
    ).toHaveCount(0);
    await expect(providerField(page, 'joining', 2, 'npi')).not.toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Tab');
    await expect(providerField(page, 'joining', 2, 'npi')).toBeFocused();
    await expect(providerField(page, 'joining', 2, 'npi'), 'the NPI just reached').not.toHaveAttribute('aria-invalid', 'true');
    await expect(errorSummary(page)).toHaveCount(0);
  });

  test('no JS: ticking boxes and sending without Continue shows their questions with a notice and stores nothing', async ({
    page,
  }, testInfo) => {
    test.skip(isJs(testInfo), 'without JavaScript only: with it the questions show as soon as a box is ticked');
    const data = clinicUpdate(['address', 'name']);
    const posts = recordPosts(page);

    await openUpdateForm(page, false);
    await fillWho(page, data);
    await changeBox(page, 'address').check();
    await fillEffectiveDate(page, data.effectiveDate);
    await page.getByLabel('Anything else (optional)', { exact: true }).fill(data.notes);
    await expect(section(page, 'address'), 'no questions before the page is sent').toHaveCount(0);
    await sendButton(page).click();

    const notice = page.getByRole('status');
    await expect(notice).toHaveText(ADDED_QUESTIONS_NOTICE);
    await expect(section(page, 'address')).toBeVisible();
    await expect(section(page, 'address').getByLabel('Street address', { exact: true })).toHaveValue('');
    await expect(section(page, 'name'), 'only the ticked section').toHaveCount(0);
    // Not an error: the questions simply had not been shown yet.
    await expect(errorSummary(page)).toHaveCount(0);
    await expect(page.locator('.error-message')).toHaveCount(0);
    await expect(page).toHaveTitle(UPDATE_FORM_TITLE);
    await expectWhoToHold(page, data);
    await expect(changeBox(page, 'address')).toBeChecked();
    await expect(page.getByLabel('Effective date', { exact: true })).toHaveValue(data.effectiveDate);
    await expect(page.getByLabel('Anything else (optional)', { exact: true })).toHaveValue(data.notes);
    expect(posts).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/clinic-updates');

    // Answered, then another box ticked: the new questions are added the same way, the answers kept.
    await fillSection(page, 'address', data);
    await changeBox(page, 'name').check();
    await sendButton(page).click();
    await expect(page.getByRole('status')).toHaveText(ADDED_QUESTIONS_NOTICE);
    await expect(section(page, 'name')).toBeVisible();
    await expectSectionToHold(page, 'address', data);
    await expect(errorSummary(page)).toHaveCount(0);

    await waitForOutboxIdle(page.request);
    expect(await mailsToSender(data), 'nothing stored, so no receipt').toHaveLength(0);

    // Continue alone shows no notice.
    await continueButton(page).click();
    await expect(section(page, 'name')).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);

    await fillSection(page, 'name', data);
    await expectUpdateFormToHold(page, data);
    const reference = await sendUpdate(page);
    const { receipt } = await updateMails(reference, data);
    expectCommonContent(receipt.text, data, 'receipt');
    // One update stored in all, not one per post.
    await waitForOutboxIdle(page.request);
    expect(await mailsToSender(data), 'exactly one receipt').toHaveLength(1);
  });

  test('JS: the questions appear as boxes are ticked; unticking hides them, ticking again brings back what was typed', async ({
    page,
  }, testInfo) => {
    test.skip(!isJs(testInfo), 'showing and hiding sections in the browser needs JavaScript');
    const data = clinicUpdate(['address', 'name', 'providerLeaving']);
    data.leaving = [data.leaving[0], { name: `Dr. Other Leaver ${data.clinicName.slice(-8)}`, npi: randomNpi() }];
    const posts = recordPosts(page);

    await openUpdateForm(page, true);
    await fillWho(page, data);
    for (const kind of CHANGE_KINDS) await expect(section(page, kind)).toHaveCount(0);
    await changeBox(page, 'address').check();
    await expect(section(page, 'address')).toBeVisible();
    await changeBox(page, 'name').check();
    await changeBox(page, 'providerLeaving').check();
    // In the form's order, whatever order they were ticked in.
    await expect(page.getByRole('group', { name: /^(New address|Name|A provider is leaving)$/ })).toHaveText([
      /^New address/,
      /^Name/,
      /^A provider is leaving/,
    ]);
    for (const kind of data.changes) await fillSection(page, kind, data);

    await changeBox(page, 'address').uncheck();
    await changeBox(page, 'providerLeaving').uncheck();
    await expect(section(page, 'address')).toHaveCount(0);
    await expect(section(page, 'providerLeaving')).toHaveCount(0);
    await expect(providerRows(page, 'leaving')).toHaveCount(0);
    await expectSectionToHold(page, 'name', data);

    await changeBox(page, 'address').check();
    await changeBox(page, 'providerLeaving').check();
    await expectSectionToHold(page, 'address', data);
    await expectSectionToHold(page, 'providerLeaving', data);
    await expect(page.getByRole('status'), 'no notice with JavaScript').toHaveCount(0);
    expect(posts, 'ticking and unticking stay in the browser').toEqual([]);

    // A section unticked at the end is not sent, even though it was answered.
    await changeBox(page, 'name').uncheck();
    await expect(section(page, 'name')).toHaveCount(0);
    const sent = { ...data, changes: ['address', 'providerLeaving'] as ChangeKind[] };
    await fillEffectiveDate(page, data.effectiveDate);
    await page.getByLabel('Anything else (optional)', { exact: true }).fill(data.notes);
    const reference = await sendUpdate(page);
    const { forward } = await updateMails(reference, sent);
    expectCommonContent(forward.text, sent, 'forward');
    expect(forward.text, 'the unticked new name').not.toContain(data.newClinicName);
  });

  test('keyboard only: tab to a box, Space ticks it, its questions appear and come next in the tab order', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'sections appear on ticking only with JavaScript');
    const data = clinicUpdate(['address', 'providerLeaving']);
    await openUpdateForm(page, true);

    /** Presses Tab until `selector` has focus (at most `max` times). */
    const tabTo = async (selector: string, max = 1) => {
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
    const type = async (selector: string, text: string, max = 1) => {
      await tabTo(selector, max);
      await page.keyboard.type(text);
    };

    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await type('#field-clinicName', data.clinicName, 3);
    await type('#field-clinicNpi', data.clinicNpi);
    await type('#field-tin', data.tin);
    await type('#field-senderName', data.senderName);
    await type('#field-senderJobTitle', data.senderJobTitle);
    await type('#field-senderEmail', data.senderEmail);
    await type('#field-senderPhone', data.senderPhone);

    // The first box carries the group's id.
    await tabTo('#field-changes');
    await expect(changeBox(page, 'address')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(changeBox(page, 'address')).toBeChecked();
    await expect(section(page, 'address')).toBeVisible();
    await tabTo('#field-changes-providerLeaving', 6);
    await page.keyboard.press('Space');
    await expect(changeBox(page, 'providerLeaving')).toBeChecked();
    await expect(section(page, 'providerLeaving')).toBeVisible();

    // After the last box, the new questions; there is no Continue button in between.
    await type('#field-newStreet', data.address.street, 3);
    await type('#field-newLine2', data.address.line2);
    await type('#field-newCity', data.address.city);
    await tabTo('#field-newState');
    await expect(page.locator('#field-newState')).toHaveValue('OR');
    await type('#field-newZip', data.address.zip);
    await type('[id="field-leaving.0.name"]', data.leaving[0].name);
    await type('[id="field-leaving.0.npi"]', data.leaving[0].npi);

    // The date input takes its parts as typed digits in Chromium (month, day, year in en-US).
    await tabTo('#field-effectiveDate', 2);
    const [year, month, day] = data.effectiveDate.split('-');
    await page.keyboard.type(`${month}${day}${year}`);
    await expect(page.locator('#field-effectiveDate')).toHaveValue(data.effectiveDate);
    // Chromium's date input keeps focus for a Tab or two (its parts, its picker).
    await type('#field-notes', data.notes, 3);
    await tabTo('button:has-text("Send changes")');
    await page.keyboard.press('Enter');

    const reference = await expectUpdateConfirmation(page);
    const { forward } = await updateMails(reference, data);
    expectCommonContent(forward.text, data, 'forward');
  });

  test('a reference that is not a clinic update is not found', async ({ page }) => {
    const response = await page.goto('/clinic-updates/submitted/CIU-00000000');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Clinic update received' })).toHaveCount(0);
    // Rendered on the server: the message shows with JavaScript off too.
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page).toHaveTitle('Page not found – Provider Intake');
  });
});
