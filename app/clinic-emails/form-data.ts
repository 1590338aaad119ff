import { flattenRows, readRows as readListRows, type FlatValues } from '@/lib/forms';
import { MAX_PEOPLE, PERSON_FIELDS, type ClinicEmailsForm } from '@/lib/intake/clinic-emails/schema';

export type { FlatValues };

/** Reading the posted form: the fixed fields, and the rows `people.<n>.<field>` renumbered from 0 in order. */

const FIXED_FIELDS = ['clinicName', 'clinicNpi', 'clinicPhone', 'registrantName', 'registrantEmail', 'submissionKey'] as const;

export function readRows(formData: FormData): FlatValues[] {
  return readListRows(formData, 'people', PERSON_FIELDS, MAX_PEOPLE) as FlatValues[];
}

export function readFixed(formData: FormData): FlatValues {
  return Object.fromEntries(
    FIXED_FIELDS.map((name) => {
      const value = formData.get(name);
      return [name, typeof value === 'string' ? value : ''];
    }),
  );
}

export function toFormInput(fixed: FlatValues, rows: FlatValues[]): ClinicEmailsForm {
  return {
    clinicName: fixed.clinicName,
    clinicNpi: fixed.clinicNpi,
    clinicPhone: fixed.clinicPhone,
    registrantName: fixed.registrantName,
    registrantEmail: fixed.registrantEmail,
    people: rows.map((row) => ({ fullName: row.fullName ?? '', jobTitle: row.jobTitle ?? '', email: row.email ?? '' })),
  };
}

/** Flattens rows back to the names the inputs carry, for the form shown again. */
export function flatten(fixed: FlatValues, rows: FlatValues[]): FlatValues {
  return { ...fixed, ...flattenRows('people', PERSON_FIELDS, rows) };
}
