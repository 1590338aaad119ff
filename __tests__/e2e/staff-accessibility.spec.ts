import { expect, test } from '@playwright/test';
import { clinicUpdate, fillUpdateForm, openUpdateForm, sendUpdate } from './clinic-update-helpers';
import { applicant, expectConfirmation, expectNoAxeViolations, fillForm, isJs, openForm } from './helpers';
import {
  REQUIRED_ROLE,
  ROLES,
  STAFF,
  USED_LINK_MESSAGE,
  emailField,
  queueReferences,
  queueTable,
  requestSignInLink,
  roleAllows,
  signIn,
  signOut,
  submissionIdOf,
} from './staff-helpers';

/** axe-core with the WCAG 2.0 and 2.1 A and AA rules, on every page staff see, in each of its states. */

let contractRequest: string;
let update: string;

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const js = isJs(testInfo);
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: testInfo.project.use.baseURL });
  try {
    const page = await context.newPage();
    await openForm(page, js);
    await fillForm(page, js, applicant());
    await page.getByRole('button', { name: 'Submit request' }).click();
    contractRequest = await expectConfirmation(page);
    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, clinicUpdate(['address', 'providerJoining', 'tin']));
    update = await sendUpdate(page);
  } finally {
    await context.close();
  }
});

test.describe('accessibility: staff sign-in (axe, WCAG 2.1 AA)', () => {
  test('sign-in page, empty', async ({ page }, testInfo) => {
    await page.goto('/staff/sign-in');
    await expect(emailField(page)).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('sign-in page in its error state', async ({ page }, testInfo) => {
    await page.goto('/staff/sign-in');
    await emailField(page).fill('not an address');
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(emailField(page)).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('sign-in page after the link was sent', async ({ page }, testInfo) => {
    await requestSignInLink(page, STAFF.viewer.email);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('sign-in page with the "link already used" message', async ({ page }, testInfo) => {
    await page.goto('/staff/sign-in?error=INVALID_TOKEN');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(USED_LINK_MESSAGE);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('sign-in page after signing out', async ({ page }, testInfo) => {
    await signIn(page, STAFF.viewer.email);
    await signOut(page);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('the sign-in link page, with a token and without one', async ({ page }, testInfo) => {
    await page.goto('/staff/sign-in/link?token=not-a-real-token');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
    await page.goto('/staff/sign-in/link');
    await expect(page.getByRole('link', { name: 'Ask for a new sign-in link' })).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });
});

test.describe('accessibility: staff workspace (axe, WCAG 2.1 AA)', () => {
  test('the queue with submissions', async ({ page }, testInfo) => {
    await signIn(page, STAFF.admin.email);
    await expect.poll(async () => (await queueReferences(page)).length).toBeGreaterThanOrEqual(2);
    await expect(queueTable(page).getByRole('link', { name: update, exact: true })).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('the queue with nothing to show', async ({ page }, testInfo) => {
    // Filtered to nothing: the database is shared with the other tests, so it is never empty.
    await signIn(page, STAFF.viewer.email);
    await page.goto('/staff/submissions?q=no-such-provider-anywhere&status=CLOSED');
    await expect(page.getByText('No submissions match these filters.')).toBeVisible();
    await expect(queueTable(page)).toHaveCount(0);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('a contract request', async ({ page }, testInfo) => {
    await signIn(page, STAFF.viewer.email);
    await page.goto(`/staff/submissions/${await submissionIdOf(page, contractRequest)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Contract request ${contractRequest}`);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('a clinic update', async ({ page }, testInfo) => {
    await signIn(page, STAFF.viewer.email);
    await page.goto(`/staff/submissions/${await submissionIdOf(page, update)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Clinic update ${update}`);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('the mail console, filtered to sent receipts', async ({ page }, testInfo) => {
    await signIn(page, STAFF.admin.email);
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Mail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mail' })).toBeVisible();
    await page.getByLabel('State').selectOption('SENT');
    await page.getByLabel('Kind of e-mail').selectOption('contract-request-receipt');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/status=SENT/);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.filter({ hasText: contractRequest })).not.toHaveCount(0);
    await expect(rows.filter({ hasText: 'contract-request-forward' })).toHaveCount(0);
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('people: an admin adds a person, changes their role and disables them; the form keeps what was typed on error', async ({
    page,
  }, testInfo) => {
    const email = `pat.${Date.now()}.${isJs(testInfo) ? 'js' : 'nojs'}@careoregon.test`;
    await signIn(page, STAFF.admin.email);
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'People' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();

    await page.getByLabel('E-mail').fill('not an address');
    await page.getByLabel('Name', { exact: true }).fill('Pat Example');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByText('Enter an e-mail address in the right format, like name@example.com')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Pat Example');
    await expectNoAxeViolations(page, isJs(testInfo));

    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Added ${email} as reviewer.` })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('reviewer');

    await row.getByLabel('Role of Pat Example').selectOption('viewer');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText(`${email} is now viewer.`);
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: 'Disable Pat Example' }).click();
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Disabled');
    await expectNoAxeViolations(page, isJs(testInfo));
  });

  test('the 403 page (a page the role does not allow)', async ({ page }, testInfo) => {
    // The first page (REQUIRED_ROLE) that some staff role may not see, and the largest such role.
    const refused = Object.entries(REQUIRED_ROLE)
      .filter(([pattern]) => !pattern.includes('['))
      .map(([pattern, needed]) => ({ pattern, role: [...ROLES].reverse().find((role) => !roleAllows(role, needed)) }))
      .find((entry) => entry.role);
    test.skip(!refused, 'every staff page is open to a viewer: nothing answers 403 yet (add e.g. /staff/audit to REQUIRED_ROLE)');
    await signIn(page, STAFF[refused!.role!].email);
    const response = await page.goto(refused!.pattern);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });
});

test.describe('accessibility: reviewing and the audit log (axe, WCAG 2.1 AA)', () => {
  test('a submission as a reviewer sees it: status moves, assignment, Reveal TIN, notes; then after a move and a reveal', async ({
    page,
  }, testInfo) => {
    const js = isJs(testInfo);
    await signIn(page, STAFF.reviewer.email);
    await page.goto(`/staff/submissions/${await submissionIdOf(page, update)}`);
    await expect(page.getByRole('heading', { name: 'Work on it' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reveal TIN' })).toBeVisible();
    await expectNoAxeViolations(page, js);

    await page.getByLabel('Reason').fill('Checking against the IRS letter');
    await page.getByRole('button', { name: 'Reveal TIN' }).click();
    await expect(page.getByText('Your reveal and its reason are in the audit log.')).toBeVisible();
    await expectNoAxeViolations(page, js);
  });

  test('the audit log for an admin', async ({ page }, testInfo) => {
    await signIn(page, STAFF.admin.email);
    await page.goto('/staff/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('table')).toBeVisible();
    await expectNoAxeViolations(page, isJs(testInfo));
  });
});
