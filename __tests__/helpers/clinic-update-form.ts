import { randomUUID } from 'node:crypto';
import { CHANGE_KINDS, type ChangeKind } from '@/lib/intake/clinic-update/schema';

/**
 * The clinic update form as a browser posts it: the who-questions, one `changes` value per ticked box, each chosen
 * section's answers, the provider rows as `joining.<n>.name` …, the hidden `shown` (the sections the page showed,
 * space-separated) and `submissionKey`, and the button pressed as `intent`.
 */

/** The clinic's TIN. Its digits overlap neither the clinic's NPI (1234567893) nor the provider NPIs below. */
export const CLINIC_TIN = '98-7654321';
/** A second TIN, for the TIN change and for a sender giving another TIN than the one on file. */
export const OTHER_TIN = '91-2468035';
/** Valid NPIs (check digit verified with hasValidNpiCheckDigit) besides the clinic's 1234567893. */
export const PROVIDER_NPIS = ['1245319599', '1003000126', '1497758544'] as const;

/** A calendar day (YYYY-MM-DD) `days` after today in Oregon: inside the effective date's one-year window. */
export function daysFromTodayInPacific(days: number): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `December 1, 2026`, spelled out here rather than with the application's formatter. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** The questions always asked, as typed. */
export function whoAnswers(): Record<string, string> {
  return {
    clinicName: 'Rose City Family Clinic',
    clinicNpi: '1234567893',
    tin: CLINIC_TIN,
    senderName: 'Dana Sender',
    senderJobTitle: 'Office manager',
    senderEmail: 'dana@rosecity.example',
    senderPhone: '(503) 555-0100',
    effectiveDate: daysFromTodayInPacific(30),
    notes: '',
  };
}

/** Valid answers for each change's section, as typed (provider rows under their input names). */
export const SECTION_ANSWERS: Record<ChangeKind, Record<string, string>> = {
  address: { newStreet: '456 NE Broadway', newLine2: 'Suite 200', newCity: 'Portland', newState: 'OR', newZip: '972011234' },
  phoneFax: { newPhone: '503-555-0199', newFax: '(503) 555-0198' },
  name: { newClinicName: '  Rose City Family Health  ' },
  hours: { newHours: 'Mon–Fri 8–5\nSat 9–12' },
  acceptingPatients: { acceptingNewPatients: 'no' },
  providerJoining: {
    'joining.0.name': ' Dr. Ana Lopez ',
    'joining.0.npi': '124 531 9599',
    'joining.1.name': 'Dr. Ben Ortiz',
    'joining.1.npi': PROVIDER_NPIS[1],
  },
  providerLeaving: { 'leaving.0.name': 'Dr. Sam Lee', 'leaving.0.npi': '1497-758-544' },
  tin: { newTin: OTHER_TIN },
  other: { description: 'We now offer telehealth visits.' },
};

export interface ClinicUpdatePost {
  /** The ticked boxes. */
  changes: ChangeKind[];
  /** The sections the page showed; by default the ticked ones (the page with JavaScript, or after Continue). */
  shown?: readonly ChangeKind[];
  /** The button pressed: `continue`, `add:joining`, `remove:leaving:0`, `submit` (absent: submit). */
  intent?: string;
  values: Record<string, string>;
}

/** A complete, valid update for these changes: each chosen section answered, a fresh submission key. */
export function validClinicUpdate(changes: ChangeKind[], overrides: Record<string, string> = {}): ClinicUpdatePost {
  const sections = CHANGE_KINDS.filter((kind) => changes.includes(kind)).map((kind) => SECTION_ANSWERS[kind]);
  return {
    changes,
    values: { ...whoAnswers(), ...Object.assign({}, ...sections), submissionKey: randomUUID(), ...overrides },
  };
}

export function clinicUpdateFormData(post: ClinicUpdatePost): FormData {
  const formData = new FormData();
  for (const [name, value] of Object.entries(post.values)) formData.append(name, value);
  for (const kind of post.changes) formData.append('changes', kind);
  formData.append('shown', (post.shown ?? post.changes).join(' '));
  if (post.intent !== undefined) formData.append('intent', post.intent);
  return formData;
}
