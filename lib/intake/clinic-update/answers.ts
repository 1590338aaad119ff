import { formatAddress, formatCalendarDate, formatUsPhone, maskTin, yesNo } from '@/lib/format';
import type { ClinicChange, ClinicUpdate, ClinicUpdateProvider } from '@/lib/generated/prisma/client';
import type { AnswerRow } from '../kind-server';
import { CHANGE_LABELS, type ChangeKind } from './options';
import type { ClinicUpdateInput } from './schema';

/**
 * A clinic update's answers in words: the rows that the forward, the sender's receipt and the staff page all show.
 * The e-mails set each change under "The change", beside the value on file; the staff page lists it among the
 * other answers, so it names it as new ("New address").
 */

/** What was sent, as pages and e-mails may show it: the TINs only by their last four digits. */
export type ClinicUpdateAnswers = Omit<ClinicUpdateInput, 'tin' | 'newTin'> & { tinLast4: string; newTinLast4?: string };

/** A value the plan already has for this NPI, and where it comes from. */
export interface OnFileValue {
  value: string;
  source: string;
}

export type OnFileField = 'name' | 'address' | 'phone' | 'fax' | 'hours' | 'acceptingNewPatients' | 'tin';
export type OnFile = Partial<Record<OnFileField, OnFileValue>>;

export interface ChangeAnswer {
  kind: ChangeKind;
  /** Under "The change" in the e-mails: `Address`. */
  label: string;
  /** Among the other answers on the staff page: `New address`. */
  newLabel: string;
  /** The value on file it replaces, if the plan has one. */
  field?: OnFileField;
  value: string;
}

/** Each chosen change's new value, in the form's order; each provider joining or leaving is one answer. */
export function changeAnswers(answers: ClinicUpdateAnswers): ChangeAnswer[] {
  const list: ChangeAnswer[] = [];
  const add = (kind: ChangeKind, label: string, newLabel: string, field: OnFileField | undefined, value: string) =>
    list.push({ kind, label, newLabel, field, value });
  for (const kind of answers.changes) {
    switch (kind) {
      case 'address':
        if (answers.address) add(kind, 'Address', 'New address', 'address', formatAddress(answers.address));
        break;
      case 'phoneFax':
        if (answers.phone) add(kind, 'Phone', 'New phone', 'phone', formatUsPhone(answers.phone));
        if (answers.fax) add(kind, 'Fax', 'New fax', 'fax', formatUsPhone(answers.fax));
        break;
      case 'name':
        if (answers.newClinicName) add(kind, 'Clinic name', 'New clinic name', 'name', answers.newClinicName);
        break;
      case 'hours':
        if (answers.hours) add(kind, 'Hours', 'New hours', 'hours', answers.hours);
        break;
      case 'acceptingPatients':
        if (answers.acceptingNewPatients !== undefined) {
          const value = yesNo(answers.acceptingNewPatients);
          add(kind, 'Accepting new patients', 'Accepting new patients', 'acceptingNewPatients', value);
        }
        break;
      case 'providerJoining':
      case 'providerLeaving': {
        const direction = kind === 'providerJoining' ? 'joining' : 'leaving';
        (answers[direction] ?? []).forEach((provider, index) => {
          const label = `Provider ${direction} ${index + 1}`;
          add(kind, label, label, undefined, `${provider.name} (NPI ${provider.npi})`);
        });
        break;
      }
      case 'tin':
        if (answers.newTinLast4) add(kind, 'TIN', 'New TIN', 'tin', maskTin(answers.newTinLast4));
        break;
      case 'other':
        if (answers.description) add(kind, 'Something else', 'Something else', undefined, answers.description);
        break;
    }
  }
  return list;
}

/** What is changing, and from when. */
export function whatRows(answers: ClinicUpdateAnswers): AnswerRow[] {
  return [
    ['What is changing', answers.changes.map((kind) => CHANGE_LABELS[kind]).join(', ')],
    ['Effective date', formatCalendarDate(answers.effectiveDate)],
  ];
}

/** The clinic and who sent the update. */
export function whoRows(answers: ClinicUpdateAnswers): AnswerRow[] {
  return [
    ['Clinic name', answers.clinicName],
    ['Clinic NPI', answers.clinicNpi],
    ['TIN', maskTin(answers.tinLast4)],
    ['Sent by', `${answers.senderName}, ${answers.senderJobTitle}`],
    ['E-mail', answers.senderEmail],
    ['Phone', formatUsPhone(answers.senderPhone)],
  ];
}

export const notesRow = (answers: ClinicUpdateAnswers): AnswerRow => ['Anything else', answers.notes ?? 'Nothing'];

/** How each change is stored (the clinic_change enum). */
export const CHANGE_COLUMNS: Record<ChangeKind, ClinicChange> = {
  address: 'ADDRESS',
  phoneFax: 'PHONE_FAX',
  name: 'NAME',
  hours: 'HOURS',
  acceptingPatients: 'ACCEPTING_PATIENTS',
  providerJoining: 'PROVIDER_JOINING',
  providerLeaving: 'PROVIDER_LEAVING',
  tin: 'TIN',
  other: 'OTHER',
};

const KIND_OF_COLUMN = Object.fromEntries(Object.entries(CHANGE_COLUMNS).map(([kind, column]) => [column, kind])) as Record<
  ClinicChange,
  ChangeKind
>;

/** The answers as stored. */
export function answersOfStored(update: ClinicUpdate & { providers: ClinicUpdateProvider[] }): ClinicUpdateAnswers {
  const orUndefined = <T>(value: T | null) => value ?? undefined;
  const providers = (direction: 'JOINING' | 'LEAVING') =>
    update.providers
      .filter((provider) => provider.direction === direction)
      .sort((a, b) => a.position - b.position)
      .map(({ name, npi }) => ({ name, npi }));
  return {
    clinicName: update.clinicName,
    clinicNpi: update.clinicNpi,
    tinLast4: update.tinLast4,
    senderName: update.senderName,
    senderJobTitle: update.senderJobTitle,
    senderEmail: update.senderEmail,
    senderPhone: update.senderPhone,
    changes: update.changes.map((column) => KIND_OF_COLUMN[column]),
    effectiveDate: update.effectiveDate.toISOString().slice(0, 10),
    address: update.newStreet
      ? {
          street: update.newStreet,
          line2: orUndefined(update.newLine2),
          city: update.newCity ?? '',
          state: update.newState ?? '',
          zip: update.newZip ?? '',
        }
      : undefined,
    phone: orUndefined(update.newPhone),
    fax: orUndefined(update.newFax),
    newClinicName: orUndefined(update.newClinicName),
    hours: orUndefined(update.newHours),
    acceptingNewPatients: orUndefined(update.acceptingNewPatients),
    joining: providers('JOINING'),
    leaving: providers('LEAVING'),
    newTinLast4: orUndefined(update.newTinLast4),
    description: orUndefined(update.description),
    notes: orUndefined(update.notes),
  };
}
