import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test, type Page } from '@playwright/test';
import {
  CLINIC_TIN_MASKED,
  NEW_TIN_MASKED,
  UPDATES_INBOX,
  clinicUpdate,
  expectNoFullTin,
  fillUpdateForm,
  openUpdateForm,
  pacificDatePlus,
  sendUpdate,
  updateMails,
} from './clinic-update-helpers';
import {
  FORWARD_INBOX,
  MASKED_TIN,
  applicant,
  expectConfirmation,
  expectNoUnmaskedTin,
  fillForm,
  isJs,
  openForm,
  waitForMails,
  type Applicant,
} from './helpers';
import { STAFF, queueReferences, queueTable, signIn, submissionIdOf } from './staff-helpers';

/** The staff queue and a submission's page, in the browser, with and without JavaScript. */

async function sendContractRequest(page: Page, js: boolean, data: Applicant): Promise<string> {
  await openForm(page, js);
  await fillForm(page, js, data);
  await page.getByRole('button', { name: 'Submit request' }).click();
  return expectConfirmation(page);
}

const filters = (page: Page) => page.getByRole('search', { name: 'Filter submissions' });
const applyFilters = (page: Page) => filters(page).getByRole('button', { name: 'Apply filters' }).click();
const statusCounts = (page: Page) => page.locator('ul.status-counts');

/** The value shown beside a label in a details list (`<dt>label</dt><dd>value</dd>`). */
function detail(page: Page, label: string) {
  return page.locator(`xpath=//dl[contains(@class,"details")]//dt[normalize-space()="${label}"]/following-sibling::dd[1]`);
}

function emailsTable(page: Page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Delivery' }) });
}

/** The row of the message to this address (compared case-insensitively: inboxes are configured in any case). */
function emailRow(page: Page, to: string) {
  const address = new RegExp(`^${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
  return emailsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: address }) });
}

test.describe('staff queue', () => {
  test('lists new submissions newest first; Search finds one by reference, name or e-mail', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const js = isJs(testInfo);
    const first = applicant();
    const second = applicant();
    const firstReference = await sendContractRequest(page, js, first);
    const secondReference = await sendContractRequest(page, js, second);

    await signIn(page, STAFF.viewer.email);
    await expect(queueTable(page)).toBeVisible();
    // Nothing was sent after these two (one worker runs the tests one at a time).
    expect((await queueReferences(page)).slice(0, 2)).toEqual([secondReference, firstReference]);
    const row = queueTable(page)
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: secondReference, exact: true }) });
    await expect(row.getByRole('cell')).toHaveText([
      secondReference,
      'Contract request',
      second.providerName,
      second.npi,
      'New',
      'Nobody',
      /\d/,
      // The registry check runs after the post (the fake registry knows no applicant's NPI): done or not yet.
      /^(—|Registry: difference or not found)$/,
    ]);
    await expect(filters(page).getByRole('link', { name: 'Clear filters' })).toHaveCount(0);

    // By reference, typed in lower case.
    await filters(page).getByLabel('Search').fill(firstReference.toLowerCase());
    await applyFilters(page);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${firstReference.toLowerCase()}(&|$)`));
    await expect.poll(() => queueReferences(page)).toEqual([firstReference]);
    await expect(statusCounts(page).getByRole('link')).toHaveText([
      'New: 1',
      'In review: 0',
      'Waiting on applicant: 0',
      'Approved: 0',
      'Declined: 0',
      'Closed: 0',
    ]);
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link')).toHaveCount(0);
    await expect(filters(page).getByRole('link', { name: 'Clear filters' })).toBeVisible();

    // By part of the name, and by the applicant's e-mail address in other capitals.
    const nameTag = second.providerName.split(' ').pop()!;
    await filters(page).getByLabel('Search').fill(nameTag);
    await applyFilters(page);
    await expect.poll(() => queueReferences(page)).toEqual([secondReference]);
    await filters(page).getByLabel('Search').fill(first.email.toUpperCase());
    await applyFilters(page);
    await expect.poll(() => queueReferences(page)).toEqual([firstReference]);

    // Clear filters shows everything again.
    await filters(page).getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/staff\/submissions$/);
    await expect(filters(page).getByLabel('Search')).toHaveValue('');
    await expect.poll(async () => (await queueReferences(page)).slice(0, 2)).toEqual([secondReference, firstReference]);
  });

  test('the filters live in the URL: a reload and a shared link keep them', async ({ page, context }, testInfo) => {
    test.setTimeout(90_000);
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    await signIn(page, STAFF.reviewer.email);

    const from = pacificDatePlus(-1);
    const to = pacificDatePlus(1);
    const form = filters(page);
    await form.getByLabel('Search').fill(data.providerName);
    await form.getByLabel('Kind').selectOption({ label: 'Contract request' });
    await form.getByLabel('Status').selectOption({ label: 'New' });
    await form.getByLabel('Assignee').selectOption({ label: 'Nobody' });
    await form.getByLabel('Received from').fill(from);
    await form.getByLabel('Received to').fill(to);
    await applyFilters(page);

    const expectFiltered = async (target: Page) => {
      const url = new URL(target.url());
      expect(url.pathname).toBe('/staff/submissions');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        q: data.providerName,
        kind: 'CONTRACT_REQUEST',
        status: 'NEW',
        assignee: 'none',
        // The exclusion list and NPI registry filters, left at `Any` (their own tests: staff-exclusions.spec.ts and
        // npi-registry.spec.ts).
        exclusion: '',
        registry: '',
        from,
        to,
      });
      const fields = filters(target);
      await expect(fields.getByLabel('Search')).toHaveValue(data.providerName);
      await expect(fields.getByLabel('Kind')).toHaveValue('CONTRACT_REQUEST');
      await expect(fields.getByLabel('Status')).toHaveValue('NEW');
      await expect(fields.getByLabel('Assignee')).toHaveValue('none');
      await expect(fields.getByLabel('Received from')).toHaveValue(from);
      await expect(fields.getByLabel('Received to')).toHaveValue(to);
      await expect.poll(() => queueReferences(target)).toEqual([reference]);
      await expect(statusCounts(target).getByRole('link', { name: 'New: 1' })).toHaveAttribute('aria-current', 'true');
    };
    await expect(page).toHaveURL(/[?&]kind=CONTRACT_REQUEST/);
    await expectFiltered(page);

    await page.reload();
    await expectFiltered(page);

    // The same address in another tab of the same session (a bookmark, a link sent to a colleague).
    const other = await context.newPage();
    await other.goto(page.url());
    await expectFiltered(other);
    await other.close();

    // A status count keeps the other filters and changes only the status.
    await statusCounts(page).getByRole('link', { name: 'In review: 0' }).click();
    await expect(page).toHaveURL(/[?&]status=IN_REVIEW(&|$)/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(data.providerName);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('CONTRACT_REQUEST');
    await expect(page.getByText('No submissions match these filters.')).toBeVisible();
    await expect(queueTable(page)).toHaveCount(0);

    // A window that ends before today finds nothing; one that starts today finds it again.
    await filters(page).getByLabel('Status').selectOption({ label: 'All statuses' });
    await filters(page).getByLabel('Received from').fill(pacificDatePlus(-7));
    await filters(page).getByLabel('Received to').fill(pacificDatePlus(-1));
    await applyFilters(page);
    await expect(page).toHaveURL(new RegExp(`[?&]to=${pacificDatePlus(-1)}(&|$)`));
    await expect(page.getByText('No submissions match these filters.')).toBeVisible();
    await filters(page).getByLabel('Received from').fill(pacificDatePlus(0));
    await filters(page).getByLabel('Received to').fill('');
    await applyFilters(page);
    await expect.poll(() => queueReferences(page)).toEqual([reference]);
    expect(new URL(page.url()).searchParams.get('to')).toBe(''); // a GET form sends its empty fields too
  });
});

test.describe('staff submission page', () => {
  test('a contract request: every answer, the TIN masked, and the e-mails with their delivery state', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);
    await waitForMails(reference, 2); // both sent, so the page shows their final state

    await signIn(page, STAFF.viewer.email);
    await filters(page).getByLabel('Search').fill(reference);
    await applyFilters(page);
    await queueTable(page).getByRole('link', { name: reference, exact: true }).click();
    await expect(page).toHaveURL(/\/staff\/submissions\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Contract request ${reference}`);

    await expect(detail(page, 'Status')).toHaveText('New');
    await expect(detail(page, 'Assignee')).toHaveText('Nobody');
    await expect(detail(page, 'Provider or clinic name')).toHaveText(data.providerName);
    await expect(detail(page, 'Specialty')).toHaveText('Family Medicine (207Q00000X)');
    await expect(detail(page, 'E-mail')).toHaveText(data.email);
    await expect(detail(page, 'NPI')).toHaveText(data.npi);
    await expect(detail(page, 'TIN')).toHaveText(MASKED_TIN);
    await expect(detail(page, 'DMAP ID')).toHaveText(data.dmapId);
    await expect(detail(page, 'Anything else')).toHaveText(data.notes);

    const emails = emailsTable(page);
    await expect(emails.getByRole('row')).toHaveCount(3); // the header and two messages
    const forward = emailRow(page, FORWARD_INBOX);
    await expect(forward.getByRole('cell')).toHaveText([
      `New contract request ${reference} – ${data.providerName}`,
      new RegExp(`^${FORWARD_INBOX}$`, 'i'),
      /^Sent \S/,
    ]);
    const receipt = emailRow(page, data.email);
    await expect(receipt.getByRole('cell').nth(0)).toContainText(reference);
    await expect(receipt.getByRole('cell').nth(2)).toHaveText(/^Sent \S/);
    await expect(page.getByRole('listitem').filter({ hasText: /^Received / })).toHaveCount(1);

    // Neither the page nor the payload the browser is sent holds the whole TIN.
    expectNoUnmaskedTin(await page.locator('main').innerText(), 'the submission page');
    const raw = await page.request.get(page.url());
    expect(raw.status()).toBe(200);
    expectNoUnmaskedTin(await raw.text(), 'the submission page as sent (HTML and React payload)');
  });

  test('the page title names the submission', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const reference = await sendContractRequest(page, js, applicant());
    await signIn(page, STAFF.viewer.email);
    await page.goto(`/staff/submissions/${await submissionIdOf(page, reference)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Contract request ${reference}`);
    await expect(page).toHaveTitle(`${reference} – Provider Intake staff`, { timeout: 3_000 });
  });

  test('a clinic update: its answers, both TINs masked, and the e-mails sent', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const js = isJs(testInfo);
    const data = clinicUpdate(['address', 'tin']);
    await openUpdateForm(page, js);
    await fillUpdateForm(page, js, data);
    const reference = await sendUpdate(page);
    await updateMails(reference, data);

    await signIn(page, STAFF.admin.email);
    const id = await submissionIdOf(page, reference);
    await page.goto(`/staff/submissions/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Clinic update ${reference}`);
    await expect(detail(page, 'Clinic name')).toHaveText(data.clinicName);
    await expect(detail(page, 'Clinic NPI')).toHaveText(data.clinicNpi);
    await expect(detail(page, 'TIN')).toHaveText(CLINIC_TIN_MASKED);
    await expect(detail(page, 'New TIN')).toHaveText(NEW_TIN_MASKED);
    await expect(detail(page, 'What is changing')).toHaveText('Address, Tax ID (TIN)');
    await expect(detail(page, 'New address')).toContainText(data.address.street);

    await expect(emailsTable(page).getByRole('row')).toHaveCount(3);
    await expect(emailRow(page, UPDATES_INBOX).getByRole('cell').nth(2)).toHaveText(/^Sent \S/);
    await expect(emailRow(page, data.senderEmail).getByRole('cell').nth(2)).toHaveText(/^Sent \S/);

    expectNoFullTin(await page.locator('main').innerText(), 'the submission page');
    expectNoFullTin(await (await page.request.get(page.url())).text(), 'the submission page as sent');
  });
});

test.describe('export', () => {
  test('Export CSV downloads the filtered rows, without the TIN, and the audit log records it', async ({ page }, testInfo) => {
    const js = isJs(testInfo);
    const data = applicant();
    const reference = await sendContractRequest(page, js, data);

    await signIn(page, STAFF.admin.email);
    await page.goto(`/staff/submissions?q=${reference}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^submissions-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff); // the byte-order mark
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0].slice(0, 3)).toEqual(['Reference', 'Kind', 'Status']);
    expect(rows.map((row) => row[0])).toEqual(['Reference', reference]);
    // No cell is the TIN, in any spelling, nor its masked form (the NPI happens to contain its digits).
    expect(csv).not.toContain(data.tin);
    expect(csv).not.toContain(MASKED_TIN);
    for (const cell of rows[1]) expect(cell).not.toBe(data.tin.replace(/\D/g, ''));

    await page.goto('/staff/audit?action=export');
    const row = page.getByRole('table').getByRole('row').nth(1);
    await expect(row).toContainText(STAFF.admin.email);
    await expect(row).toContainText(`filters: q ${reference}`);
    await expect(row).toContainText('rows: 1');
  });

  test('a viewer is not offered the export', async ({ page }) => {
    await signIn(page, STAFF.viewer.email);
    await expect(page.getByRole('heading', { level: 1, name: 'Submissions' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  });
});
