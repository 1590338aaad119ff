import { randomInt, randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { mailsTo, type ClinicMail } from './clinic-helpers';
import { mailsFor, type Mail } from './helpers';

/**
 * For the clinic information change form ("/clinic-updates") browser tests. Builds on helpers.ts and
 * clinic-helpers.ts (mail directory, outbox, axe) without changing them.
 */

/** The updates inbox; the .eml may spell it in lower case, so compare lower-cased. */
export const UPDATES_INBOX = 'providerupdates@careoregon.org';
export const CIU_REFERENCE = /CIU-[0-9A-HJKMNP-TV-Z]{8}/;
export const UPDATE_FORM_HEADING = 'Tell us about a change to your clinic';
export const UPDATE_FORM_TITLE = 'Clinic information change – Provider Intake';
export const ADDED_QUESTIONS_NOTICE = 'We have added the questions for what is changing. Answer them, then select Send changes.';

/**
 * The clinic's TIN, and a new one. Not the contract request tests' 12-3456789: these digits appear nowhere else
 * (the random NPIs below are drawn so they do not contain them either), so "never in full" is a plain search.
 */
export const CLINIC_TIN = '93-1847265';
export const CLINIC_TIN_MASKED = '•••••7265';
export const NEW_TIN = '91-6402538';
export const NEW_TIN_MASKED = '•••••2538';
const TIN_DIGITS = [CLINIC_TIN, NEW_TIN].map((tin) => tin.replace(/\D/g, ''));

/** The change kinds, by the words of their checkboxes, in the form's order. */
export const CHANGE_LABELS = {
  address: 'Address',
  phoneFax: 'Phone or fax',
  name: 'Name',
  hours: 'Hours',
  acceptingPatients: 'Accepting new patients',
  providerJoining: 'A provider is joining',
  providerLeaving: 'A provider is leaving',
  tin: 'Tax ID (TIN)',
  other: 'Something else',
} as const;
export type ChangeKind = keyof typeof CHANGE_LABELS;
export const CHANGE_KINDS = Object.keys(CHANGE_LABELS) as ChangeKind[];

/** Each section's fieldset legend (the radio group asks a question). */
export const SECTION_LEGENDS: Record<ChangeKind, string> = {
  ...CHANGE_LABELS,
  address: 'New address',
  acceptingPatients: 'Accepting new patients?',
};

export type Direction = 'joining' | 'leaving';
export interface Provider {
  name: string;
  npi: string;
}

export interface NewAddress {
  street: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
}

export interface ClinicUpdate {
  clinicName: string;
  clinicNpi: string;
  tin: string;
  senderName: string;
  senderJobTitle: string;
  senderEmail: string;
  senderPhone: string;
  changes: ChangeKind[];
  address: NewAddress;
  newPhone: string;
  newFax: string;
  newClinicName: string;
  newHours: string;
  accepting: 'Yes' | 'No';
  joining: Provider[];
  leaving: Provider[];
  newTin: string;
  description: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
  notes: string;
}

/** Does this 10-digit NPI pass the check digit (Luhn over 80840 + NPI)? */
export function hasValidNpiCheckDigit(npi: string): boolean {
  const digits = `80840${npi}`;
  let sum = 0;
  for (let index = digits.length - 1, double = false; index >= 0; index--, double = !double) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return /^\d{10}$/.test(npi) && sum % 10 === 0;
}

/**
 * A random valid NPI. The clinic's NPI is unique per test, so no earlier request is "on file" for it and the
 * forward shows each change as a plain new value (and the same answers are never a repeat of another test's).
 */
export function randomNpi(): string {
  for (;;) {
    const base = `1${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    for (let check = 0; check <= 9; check++) {
      const npi = `${base}${check}`;
      if (hasValidNpiCheckDigit(npi) && !TIN_DIGITS.some((tin) => npi.includes(tin.slice(-5)))) return npi;
    }
  }
}

/** An invalid NPI: ten digits with the wrong check digit. */
export function badNpi(): string {
  const good = randomNpi();
  return `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
}

/** Today in Oregon, as the server decides what "within a year" means. */
export function todayInPacific(): string {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
}

/** The day `days` after (or before) today in Oregon, YYYY-MM-DD. */
export function pacificDatePlus(days: number): string {
  const [year, month, day] = todayInPacific().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `December 1, 2026`, as subjects and e-mails show dates. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${months[month - 1]} ${day}, ${year}`;
}

/** A complete, valid answer set for every section; `changes` says which sections are chosen. Names are unique. */
export function clinicUpdate(changes: ChangeKind[], overrides: Partial<ClinicUpdate> = {}): ClinicUpdate {
  const tag = randomUUID().slice(0, 8);
  return {
    clinicName: `Rogue Valley Family Health ${tag}`,
    clinicNpi: randomNpi(),
    tin: CLINIC_TIN,
    senderName: `Pat Perez ${tag}`,
    senderJobTitle: 'Practice manager',
    senderEmail: `updates+${tag}@roguevalley-clinic.example`,
    senderPhone: '(541) 555-0134',
    changes,
    address: { street: `${randomInt(100, 9999)} NE Broadway Street`, line2: 'Suite 210', city: 'Medford', state: 'OR', zip: '97501' },
    newPhone: '(541) 555-0177',
    newFax: '(541) 555-0178',
    newClinicName: `Rogue Valley Health Partners ${tag}`,
    newHours: `Monday to Friday 8am to 5pm (${tag})\nSaturday 9am to noon`,
    accepting: 'No',
    joining: [{ name: `Dr. Jordan Joiner ${tag}`, npi: randomNpi() }],
    leaving: [{ name: `Dr. Lee Leaver ${tag}`, npi: randomNpi() }],
    newTin: NEW_TIN,
    description: `Our after-hours line now goes to the nurse advice line (${tag}).`,
    effectiveDate: pacificDatePlus(30),
    notes: `Please call the front desk with questions (${tag}).`,
    ...overrides,
  };
}

// ---- the page ---------------------------------------------------------------------------------------

export function changesGroup(page: Page): Locator {
  return page.getByRole('group', { name: 'What is changing?', exact: true });
}

export function changeBox(page: Page, kind: ChangeKind): Locator {
  return changesGroup(page).getByRole('checkbox', { name: CHANGE_LABELS[kind], exact: true });
}

export function section(page: Page, kind: ChangeKind): Locator {
  return page.getByRole('group', { name: SECTION_LEGENDS[kind], exact: true });
}

export function continueButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Continue', exact: true });
}

export function sendButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Send changes', exact: true });
}

export function errorSummary(page: Page): Locator {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
}

/**
 * Opens the form. With JavaScript, waits until React has hydrated it: the Continue button is removed in an effect
 * after hydration, so its absence means the checkboxes now show their sections in the browser.
 */
export async function openUpdateForm(page: Page, js: boolean) {
  await page.goto('/clinic-updates');
  await expect(page.getByRole('heading', { level: 1, name: UPDATE_FORM_HEADING })).toBeVisible();
  if (js) await expect(continueButton(page)).toHaveCount(0);
  else await expect(continueButton(page)).toBeVisible();
}

export async function fillWho(page: Page, data: ClinicUpdate) {
  await page.getByLabel('Clinic name', { exact: true }).fill(data.clinicName);
  await page.getByLabel('Clinic NPI', { exact: true }).fill(data.clinicNpi);
  await page.getByLabel('TIN', { exact: true }).fill(data.tin);
  await page.getByLabel('Your name', { exact: true }).fill(data.senderName);
  await page.getByLabel('Your job title', { exact: true }).fill(data.senderJobTitle);
  await page.getByLabel('Your e-mail', { exact: true }).fill(data.senderEmail);
  await page.getByLabel('Your phone', { exact: true }).fill(data.senderPhone);
}

export async function expectWhoToHold(page: Page, data: ClinicUpdate) {
  await expect(page.getByLabel('Clinic name', { exact: true })).toHaveValue(data.clinicName);
  await expect(page.getByLabel('Clinic NPI', { exact: true })).toHaveValue(data.clinicNpi);
  await expect(page.getByLabel('TIN', { exact: true })).toHaveValue(data.tin);
  await expect(page.getByLabel('Your name', { exact: true })).toHaveValue(data.senderName);
  await expect(page.getByLabel('Your job title', { exact: true })).toHaveValue(data.senderJobTitle);
  await expect(page.getByLabel('Your e-mail', { exact: true })).toHaveValue(data.senderEmail);
  await expect(page.getByLabel('Your phone', { exact: true })).toHaveValue(data.senderPhone);
}

/** Ticks the changes; without JavaScript presses Continue. Either way waits until every chosen section shows. */
export async function chooseChanges(page: Page, js: boolean, kinds: readonly ChangeKind[]) {
  for (const kind of kinds) await changeBox(page, kind).check();
  if (!js) await continueButton(page).click();
  for (const kind of kinds) await expect(section(page, kind), `the ${SECTION_LEGENDS[kind]} section`).toBeVisible();
}

export function providerRow(page: Page, direction: Direction, number: number): Locator {
  return page.getByRole('group', { name: `Provider ${direction} ${number}`, exact: true });
}

export function providerRows(page: Page, direction: Direction): Locator {
  return page.getByRole('group', { name: new RegExp(`^Provider ${direction} \\d+$`) });
}

export function providerField(page: Page, direction: Direction, number: number, field: 'name' | 'npi'): Locator {
  return providerRow(page, direction, number).getByLabel(field === 'name' ? 'Provider name' : 'Provider NPI', { exact: true });
}

export async function fillProvider(page: Page, direction: Direction, number: number, provider: Provider) {
  await providerField(page, direction, number, 'name').fill(provider.name);
  await providerField(page, direction, number, 'npi').fill(provider.npi);
}

export async function expectProviderToHold(page: Page, direction: Direction, number: number, provider: Provider) {
  await expect(providerField(page, direction, number, 'name')).toHaveValue(provider.name);
  await expect(providerField(page, direction, number, 'npi')).toHaveValue(provider.npi);
}

/** "Add another provider …" (in the browser, or posted without JavaScript), waiting for the new row. */
export async function addProvider(page: Page, direction: Direction) {
  const before = await providerRows(page, direction).count();
  await page.getByRole('button', { name: `Add another provider ${direction}`, exact: true }).click();
  await expect(
    providerRows(page, direction),
    `a new provider ${direction} row after one click on "Add another provider ${direction}"`,
  ).toHaveCount(before + 1);
}

export async function removeProvider(page: Page, direction: Direction, number: number) {
  const before = await providerRows(page, direction).count();
  await page.getByRole('button', { name: `Remove provider ${direction} ${number}`, exact: true }).click();
  await expect(providerRows(page, direction)).toHaveCount(before - 1);
}

export async function fillProviders(page: Page, direction: Direction, providers: Provider[]) {
  for (const [index, provider] of providers.entries()) {
    if (index > 0) await addProvider(page, direction);
    await fillProvider(page, direction, index + 1, provider);
  }
}

/** Answers the questions of one (already shown) section. */
export async function fillSection(page: Page, kind: ChangeKind, data: ClinicUpdate) {
  const group = section(page, kind);
  switch (kind) {
    case 'address':
      await group.getByLabel('Street address', { exact: true }).fill(data.address.street);
      await group.getByLabel('Address line 2 (optional)', { exact: true }).fill(data.address.line2);
      await group.getByLabel('City', { exact: true }).fill(data.address.city);
      await group.getByLabel('State', { exact: true }).selectOption(data.address.state);
      await group.getByLabel('ZIP code', { exact: true }).fill(data.address.zip);
      break;
    case 'phoneFax':
      await group.getByLabel('New phone', { exact: true }).fill(data.newPhone);
      await group.getByLabel('New fax (optional)', { exact: true }).fill(data.newFax);
      break;
    case 'name':
      await group.getByLabel('New clinic name', { exact: true }).fill(data.newClinicName);
      break;
    case 'hours':
      await group.getByLabel('New hours', { exact: true }).fill(data.newHours);
      break;
    case 'acceptingPatients':
      await group.getByRole('radio', { name: data.accepting, exact: true }).check();
      break;
    case 'providerJoining':
      await fillProviders(page, 'joining', data.joining);
      break;
    case 'providerLeaving':
      await fillProviders(page, 'leaving', data.leaving);
      break;
    case 'tin':
      await group.getByLabel('New TIN', { exact: true }).fill(data.newTin);
      break;
    case 'other':
      await group.getByLabel('Describe the change', { exact: true }).fill(data.description);
      break;
  }
}

/** What one section holds is what was typed into it. */
export async function expectSectionToHold(page: Page, kind: ChangeKind, data: ClinicUpdate) {
  const group = section(page, kind);
  switch (kind) {
    case 'address':
      await expect(group.getByLabel('Street address', { exact: true })).toHaveValue(data.address.street);
      await expect(group.getByLabel('Address line 2 (optional)', { exact: true })).toHaveValue(data.address.line2);
      await expect(group.getByLabel('City', { exact: true })).toHaveValue(data.address.city);
      await expect(group.getByLabel('State', { exact: true })).toHaveValue(data.address.state);
      await expect(group.getByLabel('ZIP code', { exact: true })).toHaveValue(data.address.zip);
      break;
    case 'phoneFax':
      await expect(group.getByLabel('New phone', { exact: true })).toHaveValue(data.newPhone);
      await expect(group.getByLabel('New fax (optional)', { exact: true })).toHaveValue(data.newFax);
      break;
    case 'name':
      await expect(group.getByLabel('New clinic name', { exact: true })).toHaveValue(data.newClinicName);
      break;
    case 'hours':
      await expect(group.getByLabel('New hours', { exact: true })).toHaveValue(data.newHours);
      break;
    case 'acceptingPatients':
      await expect(group.getByRole('radio', { name: data.accepting, exact: true })).toBeChecked();
      break;
    case 'providerJoining':
    case 'providerLeaving': {
      const direction = kind === 'providerJoining' ? 'joining' : 'leaving';
      await expect(providerRows(page, direction)).toHaveCount(data[direction].length);
      for (const [index, provider] of data[direction].entries()) await expectProviderToHold(page, direction, index + 1, provider);
      break;
    }
    case 'tin':
      await expect(group.getByLabel('New TIN', { exact: true })).toHaveValue(data.newTin);
      break;
    case 'other':
      await expect(group.getByLabel('Describe the change', { exact: true })).toHaveValue(data.description);
      break;
  }
}

export async function fillEffectiveDate(page: Page, isoDate: string) {
  await page.getByLabel('Effective date', { exact: true }).fill(isoDate);
}

/** The whole form: who, the chosen changes (Continue without JavaScript), their answers, date and notes. */
export async function fillUpdateForm(page: Page, js: boolean, data: ClinicUpdate) {
  await fillWho(page, data);
  await chooseChanges(page, js, data.changes);
  for (const kind of data.changes) await fillSection(page, kind, data);
  await fillEffectiveDate(page, data.effectiveDate);
  await page.getByLabel('Anything else (optional)', { exact: true }).fill(data.notes);
}

/** Every value typed is in the form, the chosen boxes (and only they) are ticked, and their sections show. */
export async function expectUpdateFormToHold(page: Page, data: ClinicUpdate) {
  await expectWhoToHold(page, data);
  for (const kind of CHANGE_KINDS) {
    if (data.changes.includes(kind)) await expect(changeBox(page, kind)).toBeChecked();
    else await expect(changeBox(page, kind)).not.toBeChecked();
  }
  for (const kind of data.changes) await expectSectionToHold(page, kind, data);
  await expect(page.getByLabel('Effective date', { exact: true })).toHaveValue(data.effectiveDate);
  await expect(page.getByLabel('Anything else (optional)', { exact: true })).toHaveValue(data.notes);
}

/** Waits for the confirmation page and returns the reference it shows. */
export async function expectUpdateConfirmation(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/clinic-updates\/submitted\/CIU-[0-9A-HJKMNP-TV-Z]{8}$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic update received' })).toBeVisible();
  await expect(page).toHaveTitle('Clinic update received – Provider Intake');
  const paragraph = page.getByText(/^Your reference is /);
  await expect(paragraph).toHaveText(new RegExp(`^Your reference is ${CIU_REFERENCE.source}$`));
  const reference = (await paragraph.textContent())!.match(CIU_REFERENCE)![0];
  expect(page.url()).toContain(`/clinic-updates/submitted/${reference}`);
  return reference;
}

export async function sendUpdate(page: Page): Promise<string> {
  await sendButton(page).click();
  return expectUpdateConfirmation(page);
}

// ---- mail -------------------------------------------------------------------------------------------

/** The subject of the forward to the updates inbox. */
export function forwardSubject(reference: string, data: ClinicUpdate): string {
  return `Clinic update ${reference} – ${data.clinicName} – effective ${longDate(data.effectiveDate)}`;
}

/**
 * Waits (up to 20 s) for the forward and the receipt of this update, and for no other message naming it.
 * The forward is found by its recipient, compared case-insensitively.
 */
export async function updateMails(reference: string, data: ClinicUpdate): Promise<{ forward: Mail; receipt: Mail }> {
  let mails: Mail[] = [];
  await expect
    .poll(
      async () => {
        mails = await mailsFor(reference);
        return mails.map((mail) => mail.to.join(',')).sort();
      },
      { message: `the forward and the receipt of ${reference}`, timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toEqual([UPDATES_INBOX, data.senderEmail.toLowerCase()].sort());
  const forward = mails.find((mail) => mail.to.includes(UPDATES_INBOX))!;
  const receipt = mails.find((mail) => mail.to.includes(data.senderEmail.toLowerCase()))!;
  return { forward, receipt };
}

/** The messages to the sender, receipts or not: "nothing stored" means none. */
export async function mailsToSender(data: ClinicUpdate): Promise<ClinicMail[]> {
  return mailsTo(data.senderEmail);
}

/** How a change shows in the forward and the receipt's text part (no value on file: the clinic's NPI is new). */
export function changeLines(kind: ChangeKind, data: ClinicUpdate): string[] {
  const newValue = (label: string, value: string) => `${label}\n  New value:\n    ${value.split('\n').join('\n    ')}`;
  switch (kind) {
    case 'address': {
      const { street, line2, city, state, zip } = data.address;
      return [newValue('Address', [street, line2, `${city}, ${state} ${zip}`].filter(Boolean).join('\n'))];
    }
    case 'phoneFax':
      return [newValue('Phone', data.newPhone), ...(data.newFax ? [newValue('Fax', data.newFax)] : [])];
    case 'name':
      return [newValue('Clinic name', data.newClinicName)];
    case 'hours':
      return [newValue('Hours', data.newHours)];
    case 'acceptingPatients':
      return [newValue('Accepting new patients', data.accepting)];
    case 'providerJoining':
      return ['Providers joining', ...data.joining.map((p, index) => `Provider joining ${index + 1}: ${p.name} (NPI ${p.npi})`)];
    case 'providerLeaving':
      return ['Providers leaving', ...data.leaving.map((p, index) => `Provider leaving ${index + 1}: ${p.name} (NPI ${p.npi})`)];
    case 'tin':
      return [newValue('TIN', NEW_TIN_MASKED)];
    case 'other':
      return [newValue('Something else', data.description)];
  }
}

/**
 * No TIN of these tests appears in full anywhere in the message (headers, text, html): not as typed, not as its
 * 9 digits, not as any run of more than its last four.
 */
export function expectNoFullTin(content: string, where: string) {
  for (const digits of TIN_DIGITS) {
    const spelledAnyway = new RegExp(digits.slice(0, -4).split('').join('[\\s-]?') + '[\\s-]?' + digits.slice(-4));
    expect(content.match(spelledAnyway)?.[0], `a full TIN in ${where}`).toBeUndefined();
    // Five or more of its trailing digits: more than the mask shows.
    expect(content, `more than the last four digits of a TIN in ${where}`).not.toContain(digits.slice(-5));
  }
}
