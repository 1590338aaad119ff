import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { simpleParser, type AddressObject } from 'mailparser';
import { VALID_NPI, mailDir, mailFiles } from './helpers';

/**
 * For the clinic alert e-mail registration ("/clinic-emails") browser tests. Builds on helpers.ts (mail directory,
 * outbox, axe) without changing it.
 */

export const ALERTS_INBOX = 'careoregonalerts@careoregon.org';
export const CAE_REFERENCE = /CAE-[0-9A-HJKMNP-TV-Z]{8}/;
export const VERIFICATION_SUBJECT = 'Confirm your e-mail address for CareOregon alerts';
export const FORM_HEADING = 'Register the people who should get CareOregon alerts';

export interface Person {
  fullName: string;
  jobTitle: string;
  email: string;
}

export interface Registration {
  clinicName: string;
  clinicNpi: string;
  clinicPhone: string;
  registrantName: string;
  registrantEmail: string;
  people: Person[];
}

/** A person with a unique address, so each test finds its own mail. */
export function person(name: string, jobTitle = 'Office manager'): Person {
  const tag = randomUUID().slice(0, 8);
  return { fullName: `${name} ${tag}`, jobTitle, email: `${name.toLowerCase().replace(/\W+/g, '.')}+${tag}@clinic.example` };
}

export function registration(people: Person[], overrides: Partial<Omit<Registration, 'people'>> = {}): Registration {
  const tag = randomUUID().slice(0, 8);
  return {
    clinicName: `Cascade Pediatrics ${tag}`,
    clinicNpi: VALID_NPI,
    clinicPhone: '(503) 555-0142',
    registrantName: 'Riley Registrar',
    registrantEmail: `registrar+${tag}@clinic.example`,
    people,
    ...overrides,
  };
}

export function personGroup(page: Page, number: number): Locator {
  return page.getByRole('group', { name: `Person ${number}`, exact: true });
}

/** Every "Person N" fieldset. */
export function personGroups(page: Page): Locator {
  return page.getByRole('group', { name: /^Person \d+$/ });
}

export function personField(page: Page, number: number, label: keyof typeof PERSON_LABELS): Locator {
  return personGroup(page, number).getByLabel(PERSON_LABELS[label], { exact: true });
}

const PERSON_LABELS = { fullName: 'Full name', jobTitle: 'Job title', email: 'E-mail' } as const;

/**
 * Opens the form. With JavaScript, waits until React has hydrated it (React tags the DOM nodes it owns with
 * `__reactFiber…` keys on hydration), so a click on Add or Remove is handled in the browser, not posted.
 */
export async function openClinicForm(page: Page, js: boolean) {
  await page.goto('/clinic-emails');
  await expect(page.getByRole('heading', { level: 1, name: FORM_HEADING })).toBeVisible();
  await expect(personGroups(page)).toHaveCount(1);
  if (js) await waitForHydration(page, 'form');
}

export async function waitForHydration(page: Page, selector: string) {
  await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactFiber'));
    },
    selector,
    { timeout: 15_000 },
  );
}

export async function fillClinic(page: Page, data: Registration) {
  await page.getByLabel('Clinic name', { exact: true }).fill(data.clinicName);
  await page.getByLabel('Clinic NPI', { exact: true }).fill(data.clinicNpi);
  await page.getByLabel('Clinic phone', { exact: true }).fill(data.clinicPhone);
}

export async function fillRegistrant(page: Page, data: Registration) {
  await page.getByLabel('Your name', { exact: true }).fill(data.registrantName);
  await page.getByLabel('Your e-mail', { exact: true }).fill(data.registrantEmail);
}

export async function fillPerson(page: Page, number: number, data: Person) {
  await personField(page, number, 'fullName').fill(data.fullName);
  await personField(page, number, 'jobTitle').fill(data.jobTitle);
  await personField(page, number, 'email').fill(data.email);
}

/** Adds a row with the "Add another person" button and waits for it (with or without JavaScript). */
export async function addPerson(page: Page) {
  const before = await personGroups(page).count();
  await page.getByRole('button', { name: 'Add another person' }).click();
  await expect(personGroups(page)).toHaveCount(before + 1);
}

export async function removePerson(page: Page, number: number) {
  const before = await personGroups(page).count();
  await page.getByRole('button', { name: `Remove person ${number}`, exact: true }).click();
  await expect(personGroups(page)).toHaveCount(before - 1);
}

/** Fills the whole form: clinic, every person (adding rows as needed), registrant. */
export async function fillClinicForm(page: Page, data: Registration) {
  await fillClinic(page, data);
  for (const [index, row] of data.people.entries()) {
    if (index > 0) await addPerson(page);
    await fillPerson(page, index + 1, row);
  }
  await fillRegistrant(page, data);
}

export async function expectPersonToHold(page: Page, number: number, data: Person) {
  await expect(personField(page, number, 'fullName')).toHaveValue(data.fullName);
  await expect(personField(page, number, 'jobTitle')).toHaveValue(data.jobTitle);
  await expect(personField(page, number, 'email')).toHaveValue(data.email);
}

/** Every value the user typed is in the form, with exactly these rows. */
export async function expectClinicFormToHold(page: Page, data: Registration) {
  await expect(page.getByLabel('Clinic name', { exact: true })).toHaveValue(data.clinicName);
  await expect(page.getByLabel('Clinic NPI', { exact: true })).toHaveValue(data.clinicNpi);
  await expect(page.getByLabel('Clinic phone', { exact: true })).toHaveValue(data.clinicPhone);
  await expect(personGroups(page)).toHaveCount(data.people.length);
  for (const [index, row] of data.people.entries()) await expectPersonToHold(page, index + 1, row);
  await expect(page.getByLabel('Your name', { exact: true })).toHaveValue(data.registrantName);
  await expect(page.getByLabel('Your e-mail', { exact: true })).toHaveValue(data.registrantEmail);
}

/** Sends the form, waits for the registrant page, and returns its reference and address (with its key). */
export async function submitClinicForm(page: Page): Promise<{ reference: string; url: string }> {
  await page.getByRole('button', { name: 'Register e-mails' }).click();
  await expect(page).toHaveURL(/\/clinic-emails\/registered\/CAE-[0-9A-HJKMNP-TV-Z]{8}\?key=[^&]+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic alert e-mails registered' })).toBeVisible();
  const paragraph = page.getByText(/^Your reference is /);
  await expect(paragraph).toHaveText(new RegExp(`^Your reference is ${CAE_REFERENCE.source}$`));
  const reference = (await paragraph.textContent())!.match(CAE_REFERENCE)![0];
  expect(page.url()).toContain(`/clinic-emails/registered/${reference}?key=`);
  return { reference, url: page.url() };
}

/** The registrant page's row for one person. */
export function contactRow(page: Page, data: Person): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: data.email, exact: true }) });
}

export async function expectContactState(page: Page, data: Person, state: 'Waiting for confirmation' | 'Verified' | 'Link expired') {
  const row = contactRow(page, data);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(2)).toHaveText(state);
}

// ---- mail -------------------------------------------------------------------------------------------

export interface ClinicMail {
  file: string;
  to: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string;
}

async function parseClinicMail(file: string): Promise<ClinicMail> {
  const parsed = await simpleParser(await readFile(path.join(mailDir(), file)));
  const addresses = (field: AddressObject | AddressObject[] | undefined) =>
    ([] as AddressObject[]).concat(field ?? []).flatMap((list) => list.value.map((a) => (a.address ?? '').toLowerCase()));
  return {
    file,
    to: addresses(parsed.to),
    replyTo: addresses(parsed.replyTo),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
  };
}

/** Every captured message to this address whose subject starts with `subject`, oldest first (file names sort by time). */
export async function mailsTo(address: string, subject = ''): Promise<ClinicMail[]> {
  const mails = await Promise.all((await mailFiles()).map(parseClinicMail));
  return mails.filter((mail) => mail.to.includes(address.toLowerCase()) && mail.subject.startsWith(subject));
}

/** Polls (up to 20 s) until exactly `count` such messages have been written, and returns them. */
export async function waitForMailsTo(address: string, subject: string, count: number): Promise<ClinicMail[]> {
  let found: ClinicMail[] = [];
  await expect
    .poll(
      async () => {
        found = await mailsTo(address, subject);
        return found.length;
      },
      { message: `${count} message(s) "${subject}…" to ${address} in ${mailDir()}`, timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe(count);
  return found;
}

/** The verification link in a message: APP_URL/clinic-emails/verify/<token>, the same in the text and html parts. */
export function verificationLink(mail: ClinicMail, baseURL: string): string {
  const pattern = new RegExp(`${escapeRegExp(baseURL)}/clinic-emails/verify/[A-Za-z0-9_-]+`);
  const inText = mail.text.match(pattern)?.[0];
  expect(inText, `a verification link in the text part of ${mail.file}`).toBeDefined();
  expect(mail.html, `the same link in the html part of ${mail.file}`).toContain(`href="${inText}"`);
  return inText!;
}

/** Waits for the single verification message to a person and returns its link. */
export async function verificationLinkFor(data: Person, baseURL: string, count = 1): Promise<string> {
  const mails = await waitForMailsTo(data.email, VERIFICATION_SUBJECT, count);
  return verificationLink(mails[count - 1], baseURL);
}

// ---- verify page ------------------------------------------------------------------------------------

export async function expectVerifyHeading(page: Page, heading: string) {
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
}

/** Opens a verification link and presses "Confirm this address"; ends on the thank-you page. */
export async function confirmWithLink(page: Page, link: string, js: boolean) {
  await page.goto(link);
  await expectVerifyHeading(page, 'Confirm your e-mail address');
  if (js) await waitForHydration(page, 'form');
  await page.getByRole('button', { name: 'Confirm this address' }).click();
  await expectVerifyHeading(page, 'Thank you: your address is confirmed');
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
