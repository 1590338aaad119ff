import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  ALERTS_INBOX,
  VERIFICATION_SUBJECT,
  addPerson,
  confirmWithLink,
  expectClinicFormToHold,
  expectContactState,
  expectPersonToHold,
  expectVerifyHeading,
  fillClinic,
  fillClinicForm,
  fillPerson,
  fillRegistrant,
  openClinicForm,
  person,
  personField,
  personGroups,
  registration,
  removePerson,
  submitClinicForm,
  verificationLink,
  verificationLinkFor,
  waitForHydration,
  waitForMailsTo,
} from './clinic-helpers';
import { expectNoAxeViolations, isJs, mailsFor, waitForMails, waitForOutboxIdle } from './helpers';

/** POSTs the page makes, to tell a client-side change from a server round trip. */
function recordPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  return posts;
}

/** Confirms an address in a scratch JavaScript-enabled context (for checks that are not about confirming). */
async function confirmElsewhere(browser: Browser, link: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    await confirmWithLink(await context.newPage(), link, true);
  } finally {
    await context.close();
  }
}

const DUPLICATE_MESSAGE = 'This address is already given for person 1';

test.describe('clinic alert e-mails', () => {
  test('two people confirm their links: forward to the alerts inbox, receipt to the registrant, both Verified', async ({
    page,
    baseURL,
  }, testInfo) => {
    const js = isJs(testInfo);
    const first = person('Ana Alvarez', 'Practice manager');
    const second = person('Ben Brooks', 'Billing lead');
    const data = registration([first, second]);

    await openClinicForm(page, js);
    await fillClinicForm(page, data);
    const { reference, url: registrantUrl } = await submitClinicForm(page);
    await expectContactState(page, first, 'Waiting for confirmation');
    await expectContactState(page, second, 'Waiting for confirmation');

    // One verification message each, with the link in both parts.
    const [firstMail] = await waitForMailsTo(first.email, VERIFICATION_SUBJECT, 1);
    const [secondMail] = await waitForMailsTo(second.email, VERIFICATION_SUBJECT, 1);
    expect(firstMail.subject).toBe(`${VERIFICATION_SUBJECT} – ${data.clinicName}`);
    expect(firstMail.text).toContain(`Hello ${first.fullName},`);
    const firstLink = verificationLink(firstMail, baseURL!);
    const secondLink = verificationLink(secondMail, baseURL!);
    expect(firstLink).not.toBe(secondLink);

    // The first confirmation alone forwards nothing.
    await confirmWithLink(page, firstLink, js);
    await expect(page.getByText(`${first.email} will receive CareOregon system alerts for ${data.clinicName}.`)).toBeVisible();
    await waitForOutboxIdle(page.request);
    expect(await mailsFor(reference), 'no forward or receipt while person 2 is unconfirmed').toHaveLength(0);

    await page.goto(registrantUrl);
    await expectContactState(page, first, 'Verified');
    await expectContactState(page, second, 'Waiting for confirmation');
    await expect(page.getByText(/When all 2 have confirmed \(\s*1 so far\)/)).toBeVisible();

    // The last confirmation sends the forward and the receipt.
    await confirmWithLink(page, secondLink, js);
    const mails = await waitForMails(reference, 2);
    const forward = mails.find((mail) => mail.to.includes(ALERTS_INBOX));
    const receipt = mails.find((mail) => mail.to.includes(data.registrantEmail.toLowerCase()));
    expect(forward, `a message to ${ALERTS_INBOX}`).toBeDefined();
    expect(receipt, `a message to ${data.registrantEmail}`).toBeDefined();
    expect(forward!.subject).toBe(`Alert e-mail registration ${reference} – ${data.clinicName}`);
    expect(forward!.all, 'the forward is Reply-To the registrant').toMatch(
      new RegExp(`^reply-to:.*${data.registrantEmail.replace(/[.+]/g, '\\$&')}`, 'im'),
    );
    expect(receipt!.subject).toMatch(new RegExp(`^Your alert e-mail registration ${reference}`));
    for (const [what, mail] of [
      ['forward', forward!],
      ['receipt', receipt!],
    ] as const) {
      expect(mail.text, `${what}: clinic`).toContain(data.clinicName);
      for (const [index, who] of data.people.entries()) {
        // "Person N: <name>, <title>\n<e-mail>\nVerified <time> Pacific"
        expect(mail.text, `${what}: person ${index + 1} verified`).toMatch(
          new RegExp(`Person ${index + 1}: ${who.fullName}, ${who.jobTitle}\\n${who.email.replace(/[.+]/g, '\\$&')}\\nVerified .+ Pacific`),
        );
      }
      expect(mail.text, `${what}: nothing unverified`).not.toContain('NOT VERIFIED');
    }

    await page.goto(registrantUrl);
    await expectContactState(page, first, 'Verified');
    await expectContactState(page, second, 'Verified');
    await expect(page.getByText("This list has been sent to CareOregon's alerts team, and we e-mailed you a receipt.")).toBeVisible();
    await expect(page.getByRole('button', { name: /^Send a new link/ })).toHaveCount(0);

    // A used link says so; nothing more is sent.
    await page.goto(firstLink);
    await expectVerifyHeading(page, 'This address is already confirmed');
    await waitForOutboxIdle(page.request);
    expect(await mailsFor(reference)).toHaveLength(2);
  });

  test('adding and removing people keeps what was typed in the other rows', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const first = person('Cara Chen');
    const second = person('Dev Desai');
    const third = person('Eli Evans');
    const data = registration([first, second, third]);
    const posts = recordPosts(page);

    await openClinicForm(page, js);
    await fillClinic(page, data);
    await fillPerson(page, 1, first);
    await fillRegistrant(page, data);
    await expect(page.getByRole('button', { name: /^Remove person/ }), 'no Remove button with a single person').toHaveCount(0);

    await addPerson(page);
    await expectPersonToHold(page, 1, first);
    await expect(personField(page, 2, 'fullName')).toHaveValue('');
    await fillPerson(page, 2, second);
    await addPerson(page);
    await fillPerson(page, 3, third);
    await expect(page.getByRole('button', { name: /^Remove person \d$/ })).toHaveCount(3);

    await removePerson(page, 1);
    await expectClinicFormToHold(page, { ...data, people: [second, third] });
    await expect(page.getByRole('button', { name: /^Remove person \d$/ })).toHaveCount(2);
    // Nothing was checked or reported on the way.
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);

    if (js) {
      expect(posts, 'with JavaScript, Add and Remove stay in the browser').toEqual([]);
    } else {
      expect(posts, 'without JavaScript, each Add and Remove posts the form').toHaveLength(3);
      expect(new URL(page.url()).pathname).toBe('/clinic-emails');
    }

    // What the form holds is what is sent: the remaining two, in order.
    const { reference } = await submitClinicForm(page);
    expect(reference).toBeTruthy();
    await expect(page.getByRole('row')).toHaveCount(3);
    await expectContactState(page, second, 'Waiting for confirmation');
    await expectContactState(page, third, 'Waiting for confirmation');
    await waitForMailsTo(second.email, VERIFICATION_SUBJECT, 1);
    await waitForMailsTo(third.email, VERIFICATION_SUBJECT, 1);
    await waitForOutboxIdle(page.request);
    await waitForMailsTo(first.email, VERIFICATION_SUBJECT, 0);
  });

  test('with JavaScript, a row just added shows no errors until it is used', async ({ page }, testInfo) => {
    test.skip(!isJs(testInfo), 'the client-side Add button');
    const data = registration([person('Ola Olsen')]);
    await openClinicForm(page, true);
    await fillClinicForm(page, data);
    await addPerson(page);
    await expect(personField(page, 2, 'fullName'), 'Add moves focus to the new row').toBeFocused();
    // Nothing has been typed into or left in the new row yet: it must not be marked wrong.
    await expect(personGroups(page).nth(1).locator('.error-message'), 'error messages on the untouched new row').toHaveCount(0);
    await expect(personField(page, 2, 'email')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
  });

  test('the same address twice: error on person 2, error summary, everything typed kept', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const first = person('Fay Fischer');
    // The same address, typed differently.
    const second = { ...person('Gus Garcia'), email: first.email.toUpperCase() };
    const data = registration([first, second]);

    await openClinicForm(page, js);
    await fillClinicForm(page, data);
    await page.getByRole('button', { name: 'Register e-mails' }).click();

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await expect(summary).toBeVisible();
    if (js) await expect.soft(summary, 'the error summary takes focus').toBeFocused();
    const link = summary.getByRole('link', { name: `Person 2: E-mail: ${DUPLICATE_MESSAGE}` });
    await expect(link).toHaveAttribute('href', '#field-people.1.email');
    await expect(summary.getByRole('link'), 'only the duplicate is wrong').toHaveCount(1);

    const email = personField(page, 2, 'email');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(new RegExp(DUPLICATE_MESSAGE));
    await expect(page.locator('[id="field-people.1.email-error"]')).toHaveText(new RegExp(DUPLICATE_MESSAGE));
    await expect(personField(page, 1, 'email')).not.toHaveAttribute('aria-invalid', 'true');
    await expect.soft(page, 'the page title says there is an error').toHaveTitle(/^Error: /);

    await expectClinicFormToHold(page, data);
    expect(new URL(page.url()).pathname).toBe('/clinic-emails');

    if (js) {
      await link.click();
      await expect(email).toBeFocused();
    }
  });

  test('"Send a new link" e-mails a fresh link and the old one stops working', async ({ page, baseURL }, testInfo) => {
    const js = isJs(testInfo);
    const first = person('Hal Hughes');
    const second = person('Ivy Ito');
    const data = registration([first, second]);

    await openClinicForm(page, js);
    await fillClinicForm(page, data);
    const { url: registrantUrl } = await submitClinicForm(page);
    const oldLink = await verificationLinkFor(first, baseURL!);
    await waitForMailsTo(second.email, VERIFICATION_SUBJECT, 1);

    if (js) await waitForHydration(page, 'form');
    await page.getByRole('button', { name: `Send a new link to ${first.email}`, exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('We sent a new link. The old one no longer works.');
    expect(new URL(page.url()).pathname).toBe(new URL(registrantUrl).pathname);
    await expectContactState(page, first, 'Waiting for confirmation');

    const mails = await waitForMailsTo(first.email, VERIFICATION_SUBJECT, 2);
    const newLink = verificationLink(mails[1], baseURL!);
    expect(newLink).not.toBe(oldLink);
    // Only the asked-for person got a new message.
    await waitForOutboxIdle(page.request);
    await waitForMailsTo(second.email, VERIFICATION_SUBJECT, 1);

    await page.goto(oldLink);
    await expectVerifyHeading(page, 'We do not recognise this link');
    await expect(page.getByRole('button', { name: 'Confirm this address' })).toHaveCount(0);

    await confirmWithLink(page, newLink, js);
    await page.goto(registrantUrl);
    await expectContactState(page, first, 'Verified');
    await expectContactState(page, second, 'Waiting for confirmation');
    await expect(page.getByRole('button', { name: `Send a new link to ${first.email}`, exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Send a new link to ${second.email}`, exact: true })).toHaveCount(1);
  });

  test('a made-up link is not recognised', async ({ page }) => {
    await page.goto(`/clinic-emails/verify/${randomBytes(32).toString('base64url')}`);
    await expectVerifyHeading(page, 'We do not recognise this link');
    await expect(page.getByRole('button')).toHaveCount(0);
  });
});

/** axe-core with the WCAG 2.0 and 2.1 A and AA rules, as in accessibility.spec.ts. */
test.describe('clinic alert e-mails: accessibility (axe, WCAG 2.1 AA)', () => {
  test('empty form', async ({ page }, testInfo) => {
    await openClinicForm(page, isJs(testInfo));
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('form with two people', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openClinicForm(page, js);
    await addPerson(page);
    await expectNoAxeViolations(page, js);
  });

  test('form in its error state', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const first = person('Jo Jones');
    await openClinicForm(page, js);
    await fillClinicForm(page, registration([first, { ...person('Kim Kaur'), email: first.email }]));
    await page.getByRole('button', { name: 'Register e-mails' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(personField(page, 2, 'email')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, js);
  });

  test('form with every required field missing', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    await openClinicForm(page, js);
    await page.getByRole('button', { name: 'Register e-mails' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(page.getByLabel('Clinic name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, js);
  });

  test('registrant page, waiting and then verified', async ({ page, browser, baseURL }, testInfo) => {
    const js = isJs(testInfo);
    const only = person('Lou Lopez');
    await openClinicForm(page, js);
    await fillClinicForm(page, registration([only]));
    const { url: registrantUrl } = await submitClinicForm(page);
    await expectContactState(page, only, 'Waiting for confirmation');
    await expectNoAxeViolations(page, js);

    // Confirmed in a scratch JavaScript context, so this check does not depend on the confirm flow itself.
    await confirmElsewhere(browser, await verificationLinkFor(only, baseURL!));
    await page.goto(registrantUrl);
    await expectContactState(page, only, 'Verified');
    await expectNoAxeViolations(page, js);
  });

  test('verify page: valid link', async ({ page, baseURL }, testInfo) => {
    const js = isJs(testInfo);
    const only = person('Mia Mendes');
    await openClinicForm(page, js);
    await fillClinicForm(page, registration([only]));
    await submitClinicForm(page);
    await page.goto(await verificationLinkFor(only, baseURL!));
    await expectVerifyHeading(page, 'Confirm your e-mail address');
    await expectNoAxeViolations(page, js);
  });

  test('verify page: just confirmed, and used again', async ({ page, browser, baseURL }, testInfo) => {
    const js = isJs(testInfo);
    const only = person('Noa Novak');
    await openClinicForm(page, js);
    await fillClinicForm(page, registration([only]));
    await submitClinicForm(page);
    const link = await verificationLinkFor(only, baseURL!);
    await confirmElsewhere(browser, link);

    // What the confirm button leads to.
    await page.goto(`${link}?confirmed=1`);
    await expectVerifyHeading(page, 'Thank you: your address is confirmed');
    await expectNoAxeViolations(page, js);

    await page.goto(link);
    await expectVerifyHeading(page, 'This address is already confirmed');
    await expectNoAxeViolations(page, js);
  });

  test('verify page: unknown link', async ({ page }, testInfo) => {
    await page.goto(`/clinic-emails/verify/${randomBytes(32).toString('base64url')}`);
    await expectVerifyHeading(page, 'We do not recognise this link');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('registrant page after "Send a new link"', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const only = person('Max Moore');
    await openClinicForm(page, js);
    await fillClinicForm(page, registration([only]));
    await submitClinicForm(page);
    if (js) await waitForHydration(page, 'form');
    await page.getByRole('button', { name: `Send a new link to ${only.email}`, exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('We sent a new link. The old one no longer works.');
    await expectNoAxeViolations(page, js);
  });
});
