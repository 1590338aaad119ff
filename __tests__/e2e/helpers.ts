import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, expect as baseExpect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { simpleParser, type AddressObject } from 'mailparser';

/** Shared by the browser tests: test data, form filling, reading the .eml files the server writes. */

export const FORWARD_INBOX = 'newcontractrequest@careoregon.org';
export const REFERENCE = /NCR-[0-9A-HJKMNP-TV-Z]{8}/;
export const VALID_NPI = '1234567893';
export const INVALID_NPI = '1234567890';
export const TIN = '12-3456789';
export const MASKED_TIN = '•••••6789';

export interface Applicant {
  providerName: string;
  specialtyQuery: string;
  specialtyDisplay: string;
  specialtyCode: string;
  phone: string;
  fax: string;
  email: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  npi: string;
  tin: string;
  dmapId: string;
  notes: string;
}

/** A complete, valid answer set; the name and e-mail are unique so each test finds its own mail. */
export function applicant(overrides: Partial<Applicant> = {}): Applicant {
  const tag = randomUUID().slice(0, 8);
  return {
    providerName: `Willamette Family Clinic ${tag}`,
    specialtyQuery: 'family med',
    specialtyDisplay: 'Family Medicine',
    specialtyCode: '207Q00000X',
    phone: '(503) 555-0123',
    fax: '(503) 555-0199',
    email: `frontdesk+${tag}@willamette-clinic.example`,
    street: '1200 SW Main Street',
    city: 'Portland',
    state: 'OR',
    zip: '97205',
    npi: VALID_NPI,
    tin: TIN,
    dmapId: 'AB12345',
    notes: 'We see patients on Saturdays too.',
    ...overrides,
  };
}

export const isJs = (testInfo: TestInfo) => testInfo.project.name === 'js';

/**
 * Opens the form. With JavaScript, waits until React has hydrated it: the specialty picker turns from a
 * native select into the ARIA combobox (an input) only in an effect, so its presence means the form is live.
 */
export async function openForm(page: Page, js: boolean) {
  await page.goto('/contract-request');
  await expect(page.getByRole('heading', { level: 1, name: 'Request a contract to join our provider network' })).toBeVisible();
  if (js) {
    await expect(specialtyCombobox(page)).toBeVisible();
  } else {
    await expect(page.locator('select#field-taxonomyCode')).toBeVisible();
  }
}

/** The enhanced specialty combobox (a native select also has the combobox role, so tell them apart). */
export function specialtyCombobox(page: Page) {
  return page.locator('input[role="combobox"]#field-taxonomyCode');
}

export function physicalAddress(page: Page) {
  return page.getByRole('group', { name: 'Physical address' });
}

/** Fills every field by its label, the way a mouse-and-keyboard user would. */
export async function fillForm(page: Page, js: boolean, data: Applicant) {
  await page.getByLabel('Provider or clinic name').fill(data.providerName);
  if (js) {
    const combobox = specialtyCombobox(page);
    await expect(combobox).toHaveAccessibleName('Specialty');
    await combobox.fill(data.specialtyQuery);
    await expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const listbox = page.getByRole('listbox', { name: 'Specialties' });
    // The option's name also carries " · grouping": match the display name at the start.
    await listbox.getByRole('option', { name: new RegExp(`^${escapeRegExp(data.specialtyDisplay)}\\s·`) }).click();
    await expect(combobox).toHaveValue(data.specialtyDisplay);
    await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  } else {
    await page.getByLabel('Specialty').selectOption({ label: data.specialtyDisplay });
  }
  await page.getByLabel('Phone', { exact: true }).fill(data.phone);
  await page.getByLabel('Fax (optional)').fill(data.fax);
  await page.getByLabel('E-mail').fill(data.email);
  const address = physicalAddress(page);
  await address.getByLabel('Street address').fill(data.street);
  await address.getByLabel('City').fill(data.city);
  await address.getByLabel('State').selectOption(data.state);
  await address.getByLabel('ZIP code').fill(data.zip);
  await page.getByLabel('NPI', { exact: true }).fill(data.npi);
  await page.getByLabel('TIN', { exact: true }).fill(data.tin);
  await page.getByLabel('DMAP ID', { exact: true }).fill(data.dmapId);
  await page.getByLabel('My DMAP enrollment is pending').check();
  await page.getByLabel('Anything else we should know (optional)').fill(data.notes);
}

/** Every value the user typed is still in the form. */
export async function expectFormToHold(page: Page, js: boolean, data: Applicant, options: { soft?: boolean } = {}) {
  const expect = options.soft ? baseExpect.soft : baseExpect;
  await expect(page.getByLabel('Provider or clinic name')).toHaveValue(data.providerName);
  if (js) {
    await expect(specialtyCombobox(page)).toHaveValue(data.specialtyDisplay);
    await expect(page.locator('input[type="hidden"][name="taxonomyCode"]')).toHaveValue(data.specialtyCode);
  } else {
    // An option without a value posts its label (lib/taxonomy/catalog.ts, optionLabels).
    await expect(page.getByLabel('Specialty')).toHaveValue(data.specialtyDisplay);
  }
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue(data.phone);
  await expect(page.getByLabel('Fax (optional)')).toHaveValue(data.fax);
  await expect(page.getByLabel('E-mail')).toHaveValue(data.email);
  const address = physicalAddress(page);
  await expect(address.getByLabel('Street address')).toHaveValue(data.street);
  await expect(address.getByLabel('City')).toHaveValue(data.city);
  await expect(address.getByLabel('State')).toHaveValue(data.state);
  await expect(address.getByLabel('ZIP code')).toHaveValue(data.zip);
  await expect(page.getByLabel('NPI', { exact: true })).toHaveValue(data.npi);
  await expect(page.getByLabel('TIN', { exact: true })).toHaveValue(data.tin);
  await expect(page.getByLabel('DMAP ID', { exact: true })).toHaveValue(data.dmapId);
  await expect(page.getByLabel('My DMAP enrollment is pending')).toBeChecked();
  await expect(page.getByLabel('Anything else we should know (optional)')).toHaveValue(data.notes);
}

/** Waits for the confirmation page and returns the reference it shows. */
export async function expectConfirmation(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/contract-request\/submitted\/NCR-[0-9A-HJKMNP-TV-Z]{8}$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Contract request received' })).toBeVisible();
  const paragraph = page.getByText(/^Your reference is /);
  await expect(paragraph).toHaveText(new RegExp(`^Your reference is ${REFERENCE.source}$`));
  const reference = (await paragraph.textContent())!.match(REFERENCE)![0];
  expect(page.url()).toContain(`/contract-request/submitted/${reference}`);
  return reference;
}

// ---- mail -------------------------------------------------------------------------------------------

export function mailDir(): string {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  return path.join(dataDir, 'mail');
}

export interface Mail {
  file: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The whole raw message, decoded: headers, text and html. */
  all: string;
}

export async function mailFiles(): Promise<string[]> {
  try {
    return (await readdir(mailDir())).filter((name) => name.endsWith('.eml')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function parseMail(file: string): Promise<Mail> {
  const raw = await readFile(path.join(mailDir(), file));
  const parsed = await simpleParser(raw);
  const addresses = ([] as AddressObject[]).concat(parsed.to ?? []).flatMap((to) => to.value.map((a) => (a.address ?? '').toLowerCase()));
  const headers = [...parsed.headerLines].map((line) => line.line).join('\n');
  const text = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  return { file, to: addresses, subject: parsed.subject ?? '', text, html, all: `${headers}\n${text}\n${html}` };
}

/** Every message that names this reference (in its subject or body). */
export async function mailsFor(reference: string): Promise<Mail[]> {
  const mails = await Promise.all((await mailFiles()).map(parseMail));
  return mails.filter((mail) => mail.subject.includes(reference) || mail.text.includes(reference));
}

/** Polls (up to 20 s) until exactly `count` messages name the reference, and returns them. */
export async function waitForMails(reference: string, count = 2): Promise<Mail[]> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        found = await mailsFor(reference);
        return found.length;
      },
      { message: `${count} .eml files for ${reference} in ${mailDir()}`, timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe(count);
  return found;
}

/**
 * Waits until the outbox has nothing left to send, so that "no new mail" is a fact and not a guess:
 * a submission and its outbox rows are written in one transaction before the redirect, and a file is
 * written before its row stops being pending.
 */
export async function waitForOutboxIdle(request: APIRequestContext) {
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/health');
        if (!response.ok()) return `health ${response.status()}`;
        const body = (await response.json()) as { outbox: { pending: number; failed: number } };
        return body.outbox;
      },
      { message: 'the outbox to be empty', timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toEqual({ pending: 0, failed: 0 });
}

/**
 * The TIN must never appear unmasked. The NPI used here (1234567893) happens to contain the TIN's digits
 * (…3456789…), so look for the TIN only where it stands alone, not inside a longer run of digits.
 */
export function expectNoUnmaskedTin(content: string, where: string) {
  const unmasked = /(?<!\d)(?:12-?3456789|123456789|3456789)(?!\d)/;
  expect(content.match(unmasked)?.[0], `unmasked TIN in ${where}`).toBeUndefined();
  const withoutNpi = content.split(VALID_NPI).join('[NPI]');
  expect(withoutNpi, `unmasked TIN in ${where} (outside the NPI)`).not.toContain('123456789');
  expect(withoutNpi, `unmasked TIN in ${where} (outside the NPI)`).not.toContain('3456789');
}

// ---- accessibility ----------------------------------------------------------------------------------

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on what the page shows now.
 *
 * axe is JavaScript, so it cannot run in a page with JavaScript disabled. For the no-JS project the page's
 * current DOM (as the server rendered it, since nothing ran) is replayed, scripts removed, in a scratch
 * JS-enabled context at the same URL, with the same stylesheets, and axe runs there.
 */
export async function expectNoAxeViolations(page: Page, js: boolean) {
  let target = page;
  let cleanup: () => Promise<void> = async () => {};
  if (!js) {
    const url = page.url();
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '').replace(/<link\b[^>]*\bas="script"[^>]*>/gi, '');
    expect(html).not.toMatch(/<script\b/i);
    const context = await page
      .context()
      .browser()!
      .newContext({ javaScriptEnabled: true, baseURL: new URL(url).origin });
    await context.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      return request.resourceType() === 'script' ? route.abort() : route.continue();
    });
    target = await context.newPage();
    cleanup = () => context.close();
    await target.goto(url);
    // The replay shows the same page.
    await expect(target.getByRole('heading', { level: 1 })).toHaveText((await page.getByRole('heading', { level: 1 }).textContent()) ?? '');
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const summary = results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`),
    }));
    expect(summary, `axe violations on ${page.url()}${js ? '' : ' (no JavaScript)'}`).toEqual([]);
  } finally {
    await cleanup();
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
